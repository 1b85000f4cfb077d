/**
 * Which requests the service worker answers, as pure rules (tested beside this file). It keeps the
 * app shell, never data: the built files (named by their content, so a cached one is never stale)
 * and the static files, and the board page's HTML shell. Pages render in the browser (`ssr =
 * false`), so that shell holds nobody's data: it is the same for every person and every board.
 * The API and the sync socket are never answered from a cache; a board opened offline reads its
 * access from the page's own storage and its documents from their local copies.
 */

/** Where the shell of the board page is kept in the cache (one for every board). */
export const BOARD_SHELL_KEY = '/boards/offline-shell';

/** A board page's address: `/boards/<id>`, nothing below it. */
export function isBoardPage(pathname: string): boolean {
  return /^\/boards\/[^/]+\/?$/.test(pathname);
}

export type ShellAnswer = 'cached-file' | 'board-page' | 'network';

/**
 * How the service worker answers a request: a file of the build or of `static/` from the cache
 * (falling back to the network), a board page from the network with its cached shell when the
 * network fails, anything else (the API, the socket, other sites, other pages) from the network
 * alone.
 */
export function shellAnswer(
  request: { method: string; url: string; mode: string },
  origin: string,
  cachedFiles: ReadonlySet<string>,
): ShellAnswer {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  if (cachedFiles.has(url.pathname)) return 'cached-file';
  if (request.mode === 'navigate' && isBoardPage(url.pathname)) return 'board-page';
  return 'network';
}
