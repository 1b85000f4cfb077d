import type { Card } from '@journeyboard/board-model';

/** Cards per chunk: the unit in which a cell's cards are rendered or left out. */
export const CHUNK_SIZE = 8;

/** Some of a cell's cards, rendered together or not at all. */
export interface CardChunk {
  /** Position of the chunk in its cell, which keys it. */
  index: number;
  cards: readonly Card[];
  /** Always rendered: the first and the last card of a cell. */
  pinned: boolean;
}

/**
 * Splits a cell's cards into chunks: the first card alone, then chunks of `size`, then the last
 * card alone. The first and last cards are pinned, always rendered, so that moving the focus with
 * Tab from one cell into the next (or back) lands on that cell's first (or last) card even while
 * the rest of a long cell is not rendered.
 */
export function chunkCards(cards: readonly Card[], size = CHUNK_SIZE): CardChunk[] {
  if (cards.length === 0) return [];
  const chunks: CardChunk[] = [{ index: 0, cards: cards.slice(0, 1), pinned: true }];
  const lastMiddle = cards.length - 1;
  for (let start = 1; start < lastMiddle; start += size) {
    chunks.push({
      index: chunks.length,
      cards: cards.slice(start, Math.min(start + size, lastMiddle)),
      pinned: false,
    });
  }
  if (cards.length > 1) chunks.push({ index: chunks.length, cards: cards.slice(lastMiddle), pinned: true });
  return chunks;
}
