import { describe, expect, it } from 'vitest';
import { neighbours } from './neighbour-focus.ts';

describe('neighbours', () => {
  it('tries the rows after the removed one first, then those before it, nearest first', () => {
    expect(neighbours(['a', 'b', 'c', 'd'], 'b')).toEqual(['c', 'd', 'a']);
  });

  it('falls back to the previous rows for the last one, and to nothing for the only one', () => {
    expect(neighbours(['a', 'b', 'c'], 'c')).toEqual(['b', 'a']);
    expect(neighbours(['a'], 'a')).toEqual([]);
  });
});
