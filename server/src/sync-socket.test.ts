import { describe, expect, it } from 'vitest';
import { readCookie, SESSION_COOKIE } from './http/cookies.ts';
import { syncRequest } from './sync/sync-socket.ts';

describe('the request Hocuspocus keeps for a sync socket', () => {
  it('carries the session cookie alone, as access reads it back', () => {
    const request = syncRequest('/sync', 'k3y0fAsess1on');
    expect(request.url).toBe('/sync');
    expect([...request.headers]).toEqual([['cookie', `${SESSION_COOKIE}=k3y0fAsess1on`]]);
    expect(readCookie(request.headers, SESSION_COOKIE)).toBe('k3y0fAsess1on');
  });

  it('gives back a token that needs escaping in a cookie exactly as it was', () => {
    const token = 'a b;c=d%e';
    expect(readCookie(syncRequest('/sync', token).headers, SESSION_COOKIE)).toBe(token);
  });
});
