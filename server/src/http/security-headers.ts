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

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
