import { LIMITS } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { cardTextBudget } from './card-text.ts';

describe('a card text’s budget', () => {
  it('uses the board model’s limit for card text', () => {
    expect(cardTextBudget('Reads a review').limit).toBe(LIMITS.cardText);
  });

  it('shows the counter only near the limit', () => {
    expect(cardTextBudget('x'.repeat(799), 1000)).toMatchObject({ length: 799, near: false, over: 0 });
    expect(cardTextBudget('x'.repeat(800), 1000)).toMatchObject({ length: 800, near: true, over: 0 });
  });

  it('says how much to cut over the limit', () => {
    expect(cardTextBudget('x'.repeat(1042), 1000)).toMatchObject({ length: 1042, near: true, over: 42 });
  });

  it('counts as the model does: trimmed, composed, by code point', () => {
    // "ư" typed as u + combining horn counts as one character; an emoji as one; spaces around, none.
    expect(cardTextBudget('  u\u031b 🙂  ').length).toBe(3);
  });
});
