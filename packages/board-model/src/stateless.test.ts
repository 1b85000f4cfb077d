import { describe, expect, it } from 'vitest';
import { readStateless, statelessMessage } from './stateless.ts';

describe('stateless messages', () => {
  it('reads back what the server sends, and nothing else', () => {
    expect(readStateless(statelessMessage('access-changed'))).toBe('access-changed');
    for (const other of ['', 'access-changed', '{"type":"other"}', '[1]', 'null', '{"type":7}']) {
      expect(readStateless(other), other).toBeNull();
    }
  });
});
