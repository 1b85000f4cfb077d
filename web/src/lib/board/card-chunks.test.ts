import { NO_CARD_FIELDS, type Card } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { chunkCards } from './card-chunks.ts';

const cards = (n: number): Card[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `card${i}`,
    stageId: 'stage',
    text: `Card ${i}`,
    colour: 'yellow',
    order: `a${i}`,
    createdAt: 0,
    author: null,
    ...NO_CARD_FIELDS,
  }));
const ids = (n: number, size: number) =>
  chunkCards(cards(n), size).map((chunk) => [chunk.pinned, chunk.cards.map((c) => c.id.slice(4)).join(',')]);

describe('chunkCards', () => {
  it('pins the first and the last card, and chunks those between', () => {
    expect(ids(0, 3)).toEqual([]);
    expect(ids(1, 3)).toEqual([[true, '0']]);
    expect(ids(2, 3)).toEqual([
      [true, '0'],
      [true, '1'],
    ]);
    expect(ids(9, 3)).toEqual([
      [true, '0'],
      [false, '1,2,3'],
      [false, '4,5,6'],
      [false, '7'],
      [true, '8'],
    ]);
  });

  it('numbers the chunks in order, and keeps every card once', () => {
    const chunks = chunkCards(cards(100), 8);
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
    expect(chunks.flatMap((c) => c.cards.map((card) => card.id))).toEqual(cards(100).map((c) => c.id));
  });
});
