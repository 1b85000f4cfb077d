import { describe, expect, it } from 'vitest';
import { isBoardPage, shellAnswer } from './shell-requests.ts';

const origin = 'https://boards.example';
const files = new Set(['/_app/immutable/entry/start.js', '/favicon.svg']);
const get = (path: string, mode = 'no-cors') => ({ method: 'GET', url: origin + path, mode });

describe('shellAnswer', () => {
  it('answers the built and static files from the cache', () => {
    expect(shellAnswer(get('/_app/immutable/entry/start.js'), origin, files)).toBe('cached-file');
    expect(shellAnswer(get('/favicon.svg'), origin, files)).toBe('cached-file');
  });

  it('answers a board page from the network, with the cached shell as a fallback', () => {
    expect(shellAnswer(get('/boards/b1', 'navigate'), origin, files)).toBe('board-page');
    expect(shellAnswer(get('/boards/b1?x=1', 'navigate'), origin, files)).toBe('board-page');
  });

  it('never answers the API, the socket, other pages or other sites from a cache', () => {
    expect(shellAnswer(get('/api/boards/b1'), origin, files)).toBe('network');
    expect(shellAnswer(get('/api/boards/b1', 'navigate'), origin, files)).toBe('network');
    expect(shellAnswer(get('/sync'), origin, files)).toBe('network');
    expect(shellAnswer(get('/account', 'navigate'), origin, files)).toBe('network');
    expect(shellAnswer(get('/boards/b1', 'cors'), origin, files)).toBe('network');
    expect(shellAnswer({ method: 'POST', url: `${origin}/boards/b1`, mode: 'navigate' }, origin, files)).toBe(
      'network',
    );
    expect(
      shellAnswer(
        { method: 'GET', url: 'https://elsewhere.example/favicon.svg', mode: 'no-cors' },
        origin,
        files,
      ),
    ).toBe('network');
  });
});

describe('isBoardPage', () => {
  it('is a board’s own page only', () => {
    expect(isBoardPage('/boards/b1')).toBe(true);
    expect(isBoardPage('/boards/b1/')).toBe(true);
    expect(isBoardPage('/boards/')).toBe(false);
    expect(isBoardPage('/boards/b1/files')).toBe(false);
    expect(isBoardPage('/watch/t1')).toBe(false);
  });
});
