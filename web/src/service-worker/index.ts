import { version } from '$app/env';
import { assets, immutable } from '$app/manifest';
import { self } from '$app/service-worker';
import { BOARD_SHELL_KEY, shellAnswer } from './shell-requests.ts';

/**
 * The app shell, kept so that a board reloads while the server cannot be reached (see
 * `shell-requests.ts` for what is and is not answered from the cache). One cache per build: a
 * new version fills its own and drops the old ones once it takes over.
 */
const CACHE = `journeyboard-shell-${version}`;
const FILES = new Set([...immutable, ...assets].map((file) => `/${file.path.replace(/^\//, '')}`));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...FILES]);
      // The shell of a board page is the same for every board (no data in it): the shell of a
      // page that names no board, fetched now, lets the first board opened reload offline.
      await cache.add(BOARD_SHELL_KEY);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      // Pages opened before this worker was installed are answered by it too: they can reload
      // offline.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const answer = shellAnswer(event.request, self.location.origin, FILES);
  if (answer === 'cached-file') event.respondWith(cachedFile(event.request));
  else if (answer === 'board-page') event.respondWith(boardPage(event.request));
});

async function cachedFile(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  return (await cache.match(request)) ?? fetch(request);
}

/** A board page from the server; when the server cannot be reached, the shell kept for it. */
async function boardPage(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await (await caches.open(CACHE)).match(BOARD_SHELL_KEY);
    if (shell) return shell;
    throw error;
  }
}
