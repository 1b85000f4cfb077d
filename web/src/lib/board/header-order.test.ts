import { describe, expect, it } from 'vitest';
import { dropIndex, focusOrderAfterRemoval, moveButtonAfterMove } from './header-order.ts';

describe('dropIndex', () => {
  // Stages A B C D; the first letter is the one dragged, the drop is on a side of the second.
  const cases: [string, number, number, 'before' | 'after', number][] = [
    ['A after C: B C A D', 0, 2, 'after', 2],
    ['A before C: B A C D', 0, 2, 'before', 1],
    ['A after D: B C D A', 0, 3, 'after', 3],
    ['D before A: D A B C', 3, 0, 'before', 0],
    ['D after A: A D B C', 3, 0, 'after', 1],
    ['C before B: A C B D', 2, 1, 'before', 1],
    ['B after A stays', 1, 0, 'after', 1],
    ['B before C stays', 1, 2, 'before', 1],
    ['B on itself stays', 1, 1, 'before', 1],
    ['B after itself stays', 1, 1, 'after', 1],
  ];
  for (const [title, from, over, side, index] of cases) {
    it(title, () => expect(dropIndex(from, over, side)).toBe(index));
  }
});

describe('moveButtonAfterMove', () => {
  it('keeps focus on the button that moved while it can move that way again', () => {
    expect(moveButtonAfterMove(-1, { back: true, forward: true })).toBe(-1);
    expect(moveButtonAfterMove(1, { back: true, forward: true })).toBe(1);
  });
  it('moves focus to the other button at the end of the row', () => {
    expect(moveButtonAfterMove(-1, { back: false, forward: true })).toBe(1);
    expect(moveButtonAfterMove(1, { back: true, forward: false })).toBe(-1);
  });
  it('has nowhere to go when neither can move', () => {
    expect(moveButtonAfterMove(1, { back: false, forward: false })).toBeNull();
  });
});

describe('focusOrderAfterRemoval', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  it('tries the next one, then the previous one, then outwards', () => {
    expect(focusOrderAfterRemoval(ids, 'c')).toEqual(['d', 'b', 'e', 'a']);
  });
  it('goes back from the last one and forward from the first one', () => {
    expect(focusOrderAfterRemoval(ids, 'e')).toEqual(['d', 'c', 'b', 'a']);
    expect(focusOrderAfterRemoval(ids, 'a')).toEqual(['b', 'c', 'd', 'e']);
  });
  it('has nothing to offer when the last one goes, or an unknown one', () => {
    expect(focusOrderAfterRemoval(['a'], 'a')).toEqual([]);
    expect(focusOrderAfterRemoval(ids, 'z')).toEqual([]);
  });
});
