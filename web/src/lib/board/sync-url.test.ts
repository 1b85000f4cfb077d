import { describe, expect, it } from 'vitest';
import { syncUrl } from './sync-url.ts';

describe('syncUrl', () => {
  it('uses wss behind TLS and ws otherwise, on the page host, naming the board for a balancer', () => {
    expect(syncUrl({ protocol: 'https:', host: 'board.example.com' }, 'Kx3pQ9vLm2Aa')).toBe(
      'wss://board.example.com/sync?board=Kx3pQ9vLm2Aa',
    );
    expect(syncUrl({ protocol: 'http:', host: 'localhost:3000' }, 'a b&c')).toBe(
      'ws://localhost:3000/sync?board=a%20b%26c',
    );
  });
});
