import type { ServerResponse } from 'node:http';

/**
 * Headers on every response the server sends: JSON, pages, files and errors alike. The policy
 * here is for what is not a page (JSON, images, scripts served as files): it loads nothing and
 * may not be framed. Pages get their own Content-Security-Policy from SvelteKit (`csp` in
 * web/vite.config.ts), with a nonce for the scripts it writes into them, and it replaces this one.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  // For browsers that do not know frame-ancestors: no other site may frame a board (clickjacking).
  'x-frame-options': 'DENY',
  // A file is what its Content-Type says, never a script guessed from its bytes.
  'x-content-type-options': 'nosniff',
  // Join and watch addresses carry their link's token: no other site may learn them. Not
  // 'no-referrer': browsers then send "Origin: null" on the app's own POSTs, which are refused.
  'referrer-policy': 'same-origin',
};

/**
 * The policy of the page's service worker (web/src/service-worker): a worker runs under the policy
 * of its own script, and with none but `default-src 'none'` it could not fetch the app's files
 * into its cache nor pass a page's request on. It may reach this origin only, and loads nothing.
 */
const SERVICE_WORKER_POLICY =
  "default-src 'none'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const SERVICE_WORKER_PATH = '/service-worker.js';

/** Sets the security headers of a response to the request for `url` (its path and query). */
export function setSecurityHeaders(res: ServerResponse, url = ''): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (url.split('?')[0] === SERVICE_WORKER_PATH)
    res.setHeader('content-security-policy', SERVICE_WORKER_POLICY);
}
