import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for rate limits. With no trusted proxy (TRUST_PROXY unset or
 * 0) it is the socket's peer, and X-Forwarded-For is ignored: anyone can send that header. Behind
 * `trustedProxies` reverse proxies, each of which appends the address it received the request from
 * to X-Forwarded-For, it is the address the outermost trusted proxy saw; what the client itself
 * put in the header sits further left and is never used.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
}
