import { LIMITS } from '@journeyboard/board-model';

/** From what share of the limit on the editor shows how many characters are left. */
const COUNTER_FROM = 0.8;

/** How a card's text stands against the model's limit. */
export interface TextBudget {
  /** Characters as the model counts them. */
  length: number;
  limit: number;
  /** How many characters to cut: 0 within the limit. */
  over: number;
  /** Whether the text is near enough the limit (or over it) to show the counter. */
  near: boolean;
}

/**
 * `text` measured as the board model measures a card's text (trimmed, in Unicode NFC, in code
 * points: see `cleanText`), so the counter says what a save will say.
 */
export function cardTextBudget(text: string, limit: number = LIMITS.cardText): TextBudget {
  const length = [...text.normalize('NFC').trim()].length;
  return { length, limit, over: Math.max(0, length - limit), near: length >= limit * COUNTER_FROM };
}
