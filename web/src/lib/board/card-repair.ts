import {
  type Card,
  setCardChannel,
  setCardDepartments,
  setCardKpi,
  setCardPersonas,
  setCardSeverity,
  setEmotionPersona,
  setMomentOfTruth,
} from '@journeyboard/board-model';
import type * as Y from 'yjs';

// A card whose stored data could not be read (`Card.invalid`: an older client, a restored backup)
// is refused by the server whatever is changed on it, as long as what it stores stays malformed.
// So the page offers to clear the unreadable fields: each reads as empty already, and clearing it
// with its own operation removes what is stored.

/** The operation that clears each stored field, for the fields that have one. */
const CLEAR: Record<string, (laneDoc: Y.Doc, cardId: string, origin?: unknown) => void> = {
  channel: (doc, id, origin) => setCardChannel(doc, id, null, origin),
  severity: (doc, id, origin) => setCardSeverity(doc, id, null, origin),
  persona: (doc, id, origin) => setEmotionPersona(doc, id, null, origin),
  personas: (doc, id, origin) => setCardPersonas(doc, id, [], origin),
  moment: (doc, id, origin) => setMomentOfTruth(doc, id, false, origin),
  kpiCurrent: (doc, id, origin) => setCardKpi(doc, id, { current: null }, origin),
  kpiTarget: (doc, id, origin) => setCardKpi(doc, id, { target: null }, origin),
  kpiUnit: (doc, id, origin) => setCardKpi(doc, id, { unit: '' }, origin),
  kpiTrend: (doc, id, origin) => setCardKpi(doc, id, { trend: null }, origin),
  departments: (doc, id, origin) => setCardDepartments(doc, id, [], origin),
};

/** Whether the page can clear every unreadable field of `card` (an emotion score, a link or an attachment it cannot). */
export function canClearInvalid(card: Pick<Card, 'invalid'>): boolean {
  return card.invalid.length > 0 && card.invalid.every((field) => Object.hasOwn(CLEAR, field));
}

/**
 * Clears every unreadable field of `card` in `laneDoc`, in one transaction (one update, which the
 * server judges whole: the card is valid after it). Only when `canClearInvalid`.
 */
export function clearInvalidFields(
  laneDoc: Y.Doc,
  card: Pick<Card, 'id' | 'invalid'>,
  origin?: unknown,
): void {
  if (!canClearInvalid(card)) return;
  laneDoc.transact(() => {
    for (const field of card.invalid) CLEAR[field]!(laneDoc, card.id, origin);
  }, origin);
}
