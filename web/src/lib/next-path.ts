/**
 * Where to go after signing in or up: the `next` path when it stays on this site, otherwise home.
 * Only a plain path is accepted, so a crafted link cannot send someone to another site.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if ([...next].some((char) => char.charCodeAt(0) < 0x20)) return '/';
  return next;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string, page: '/signin' | '/signup' = '/signin'): string {
  const next = safeNextPath(path);
  return next === '/' ? page : `${page}?next=${encodeURIComponent(next)}`;
}
