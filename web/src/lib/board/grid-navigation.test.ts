import { describe, expect, it } from 'vitest';
import {
  focusAfterRemoval,
  type GridMove,
  gridMoveForKey,
  type GridPosition,
  type GridShape,
  moveFocus,
  resolvePosition,
} from './grid-navigation.ts';

/** A board given as its lanes, each the cells of its stages, each the ids of its cards. */
function shape(rows: Record<string, Record<string, string[]>>): GridShape {
  const lanes = Object.keys(rows);
  const stages = lanes.length > 0 ? Object.keys(rows[lanes[0]!]!) : [];
  return {
    lanes,
    stages,
    cardsIn: (lane, stage) => (rows[lane]?.[stage] ?? []).map((id) => ({ id })),
    locate: (card) => {
      for (const lane of lanes)
        for (const stage of stages) if (rows[lane]![stage]!.includes(card)) return { lane, stage };
      return null;
    },
  };
}
const board = shape({
  l1: { s1: ['a', 'b', 'c'], s2: ['d', 'e'], s3: [] },
  l2: { s1: [], s2: ['f'], s3: ['g', 'h'] },
  l3: { s1: ['i'], s2: [], s3: ['j'] },
});
/** A card of the board above, by its id. */
function card(id: string): GridPosition {
  const where = board.locate(id)!;
  return { ...where, card: id };
}
const cell = (lane: string, stage: string): GridPosition => ({ lane, stage, card: null });

describe('moving the focus with the keyboard', () => {
  const cases: [string, GridPosition, GridMove, GridPosition][] = [
    ['down goes to the next card of the cell', card('a'), 'down', card('b')],
    ['up goes to the previous card of the cell', card('c'), 'up', card('b')],
    ['down past the last card enters the cell below (empty: the cell)', card('c'), 'down', cell('l2', 's1')],
    ['down past the last card enters the cell below, on its first card', card('e'), 'down', card('f')],
    ['up past the first card enters the cell above, on its last card', card('f'), 'up', card('e')],
    ['up past the first card into an empty cell', card('g'), 'up', cell('l1', 's3')],
    ['down from an empty cell lands on the first card below', cell('l2', 's1'), 'down', card('i')],
    ['up from an empty cell lands on the last card above', cell('l2', 's1'), 'up', card('c')],
    ['down from a cell itself goes to its first card', cell('l1', 's1'), 'down', card('a')],
    ['up from a cell itself goes to the cell above', cell('l3', 's2'), 'up', card('f')],
    ['right lands on the card at the same position', card('a'), 'right', card('d')],
    ['right lands on the nearest card when the cell has fewer', card('c'), 'right', card('e')],
    ['left lands on the nearest card', card('h'), 'left', card('f')],
    ['right into an empty cell lands on the cell', card('e'), 'right', cell('l1', 's3')],
    ['a cell goes left and right to a cell', cell('l1', 's3'), 'left', cell('l1', 's2')],
    ['up at the top stays', card('d'), 'up', card('d')],
    ['down at the bottom stays', card('j'), 'down', card('j')],
    ['left at the first stage stays', cell('l2', 's1'), 'left', cell('l2', 's1')],
    ['right at the last stage stays', cell('l1', 's3'), 'right', cell('l1', 's3')],
    ['Home goes to the lane’s first stage', card('j'), 'laneStart', card('i')],
    ['End goes to the lane’s last stage', card('b'), 'laneEnd', cell('l1', 's3')],
    ['Ctrl+Home goes to the first cell', card('j'), 'gridStart', cell('l1', 's1')],
    ['Ctrl+End goes to the last card of the last cell', card('a'), 'gridEnd', card('j')],
  ];
  it.each(cases)('%s', (_, from, move, to) => {
    expect(moveFocus(board, from, move)).toEqual(to);
  });
});

describe('the position the focus returns to', () => {
  it('is the first cell when nothing was focused yet', () => {
    expect(resolvePosition(board, null)).toEqual(cell('l1', 's1'));
  });
  it('follows a card that moved to another cell', () => {
    expect(resolvePosition(board, { lane: 'l3', stage: 's3', card: 'f' })).toEqual(card('f'));
  });
  it('is the card’s cell once the card is gone', () => {
    expect(resolvePosition(board, { lane: 'l1', stage: 's2', card: 'gone' })).toEqual(cell('l1', 's2'));
  });
  it('is the first cell once the cell is gone', () => {
    expect(resolvePosition(board, cell('removed lane', 's2'))).toEqual(cell('l1', 's1'));
    expect(resolvePosition(board, { lane: 'l1', stage: 'removed stage', card: 'gone' })).toEqual(
      cell('l1', 's1'),
    );
  });
  it('is nothing on a board without cells', () => {
    expect(resolvePosition(shape({}), null)).toBeNull();
  });
  it('lets a move start from a stale position', () => {
    expect(moveFocus(board, { lane: 'l3', stage: 's1', card: 'd' }, 'down')).toEqual(card('e'));
  });
});

describe('the focus after a card is removed', () => {
  const cards = ['a', 'b', 'c'].map((id) => ({ id }));
  it('goes to the next card', () => expect(focusAfterRemoval(cards, 'b')).toBe('c'));
  it('else to the previous card', () => expect(focusAfterRemoval(cards, 'c')).toBe('b'));
  it('else to the cell', () => expect(focusAfterRemoval([{ id: 'a' }], 'a')).toBeNull());
  it('to the cell for a card that is not there', () => expect(focusAfterRemoval(cards, 'x')).toBeNull());
});

describe('keys that move the focus', () => {
  const key = (
    key: string,
    modifiers: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {},
  ) => gridMoveForKey({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...modifiers });
  it('arrows, Home and End move the focus', () => {
    expect(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].map((k) => key(k))).toEqual([
      'up',
      'down',
      'left',
      'right',
      'laneStart',
      'laneEnd',
    ]);
  });
  it('Ctrl or Cmd with Home and End go to the ends of the grid', () => {
    expect(key('Home', { ctrlKey: true })).toBe('gridStart');
    expect(key('End', { metaKey: true })).toBe('gridEnd');
    expect(key('ArrowUp', { ctrlKey: true })).toBeNull();
  });
  it('Alt+arrows move cards, not the focus; Shift does not move it either', () => {
    expect(key('ArrowDown', { altKey: true })).toBeNull();
    expect(key('ArrowDown', { shiftKey: true })).toBeNull();
    expect(key('n')).toBeNull();
  });
});
