import { addCard, readCard } from '@journeyboard/board-model';
import { TEST_AUTHOR } from '@journeyboard/board-model/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canClearInvalid, clearInvalidFields } from './card-repair.ts';

/** A lane doc with one card whose stored fields are set as given, as no operation would store them. */
function laneWithMalformedCard(fields: Record<string, unknown>) {
  const doc = new Y.Doc();
  const cardId = addCard(doc, {
    stageId: 'stageDecision',
    text: 'Stock levels are not shown',
    author: TEST_AUTHOR,
  });
  // The lane doc's shape (SCHEMA.md): a card is a Y.Map in the `cards` map.
  const entry = doc.getMap('cards').get(cardId) as Y.Map<unknown>;
  for (const [field, value] of Object.entries(fields)) entry.set(field, value);
  return { doc, cardId };
}

describe('clearing a card’s unreadable data', () => {
  it('removes every malformed field in one update, and leaves the card valid', () => {
    const { doc, cardId } = laneWithMalformedCard({
      severity: 'unbearable',
      kpiCurrent: 'a lot',
      kpiTarget: 50,
      channel: '',
      departments: 'Sales',
      moment: 'yes',
    });
    const card = readCard(doc, cardId)!;
    expect(card.invalid.sort()).toEqual(['channel', 'departments', 'kpiCurrent', 'moment', 'severity']);
    expect(canClearInvalid(card)).toBe(true);
    let updates = 0;
    doc.on('update', () => updates++);
    clearInvalidFields(doc, card);
    expect(updates).toBe(1);
    const mended = readCard(doc, cardId)!;
    expect(mended.invalid).toEqual([]);
    // What could be read stays.
    expect(mended.kpi).toEqual({ current: null, target: 50, unit: '', trend: null });
    expect(mended.text).toBe('Stock levels are not shown');
  });

  it('is not offered for fields the page has no way to clear', () => {
    const { doc, cardId } = laneWithMalformedCard({ severity: 'unbearable', links: 'everything' });
    const card = readCard(doc, cardId)!;
    expect(canClearInvalid(card)).toBe(false);
    clearInvalidFields(doc, card);
    expect(readCard(doc, cardId)!.invalid.sort()).toEqual(['links', 'severity']);
    expect(canClearInvalid({ invalid: [] })).toBe(false);
  });
});
