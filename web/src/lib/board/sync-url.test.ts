import { describe, expect, it } from 'vitest';
import { syncUrl } from './sync-url.ts';

describe('syncUrl', () => {
  it('uses wss behind TLS and ws otherwise, on the page host', () => {
    expect(syncUrl({ protocol: 'https:', host: 'board.example.com' })).toBe('wss://board.example.com/sync');
    expect(syncUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/sync');
  });
});
