import type { IncomingMessage } from 'node:http';

/**
 * Where the app is served from: PUBLIC_URL's origin when configured, otherwise the origin the
 * request itself names in its Host header.
 */
export function expectedOrigin(req: IncomingMessage, publicUrl: URL | null): string {
  if (publicUrl) return publicUrl.origin;
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

/**
 * Whether a request comes from a page of another site. Browsers send Sec-Fetch-Site (and Origin)
 * with every state-changing request; a request with neither is not from a browser, so it cannot
 * be a cross-site forgery riding on someone's cookie.
 */
export function isCrossSite(req: IncomingMessage, publicUrl: URL | null): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite === 'same-origin' || fetchSite === 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return fetchSite !== undefined;
  return origin !== expectedOrigin(req, publicUrl);
}
