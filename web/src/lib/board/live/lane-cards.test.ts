import {
  addCard,
  linkCards,
  moveCard,
  moveCardToLane,
  observeCards,
  readCards,
  removeCard,
  setCardColour,
  setCardDepartments,
  setCardKpi,
  setCardSeverity,
  setMomentOfTruth,
  updateCardText,
} from '@journeyboard/board-model';
import { TEST_AUTHOR } from '@journeyboard/board-model/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LaneCards } from './lane-cards.ts';

const AWARENESS = 'stageAwareness';
const DECISION = 'stageDecision';

/** A lane doc, its mirror kept up to date as the page keeps it, and the cells it should show. */
function mirroredLane() {
  const doc = new Y.Doc();
  const cards = new LaneCards();
  observeCards(doc, (changed) => cards.update(doc, changed));
  const expected = (stageId: string) => readCards(doc).filter((c) => c.stageId === stageId);
  return { doc, cards, expected };
}

describe('LaneCards', () => {
  it('shows each cell as the lane doc holds it, through adds, edits, moves and removals', () => {
    const { doc, cards, expected } = mirroredLane();
    const a = addCard(doc, { stageId: AWARENESS, text: 'A', author: TEST_AUTHOR });
    const b = addCard(doc, { stageId: AWARENESS, text: 'B', author: TEST_AUTHOR });
    addCard(doc, { stageId: AWARENESS, text: 'Start', author: TEST_AUTHOR }, 0);
    addCard(doc, { stageId: DECISION, text: 'D', author: TEST_AUTHOR });
    updateCardText(doc, a, 'A, edited');
    setCardColour(doc, b, 'pink');
    moveCard(doc, a, { stageId: DECISION, index: 0 });
    moveCard(doc, b, { stageId: AWARENESS, index: 0 });
    for (const stage of [AWARENESS, DECISION]) expect(cards.cell(stage)).toEqual(expected(stage));
    removeCard(doc, b);
    expect(cards.cell(AWARENESS)).toEqual(expected(AWARENESS));
    expect(cards.card(b)).toBeUndefined();
    expect(cards.card(a)?.text).toBe('A, edited');
  });

  it('keeps the arrays of cells and the cards that did not change', () => {
    const { doc, cards } = mirroredLane();
    const ids = Array.from({ length: 40 }, (_, i) =>
      addCard(doc, { stageId: i % 2 ? AWARENESS : DECISION, text: `Card ${i}`, author: TEST_AUTHOR }),
    );
    const awareness = cards.cell(AWARENESS);
    const decision = cards.cell(DECISION);
    updateCardText(doc, ids[0]!, 'Edited');
    expect(cards.cell(AWARENESS)).toBe(awareness);
    expect(cards.cell(DECISION)).not.toBe(decision);
    expect(cards.cell(DECISION)[1]).toBe(decision[1]);
    expect(cards.cell(DECISION)[0]!.text).toBe('Edited');
  });

  it('follows a card moved to another lane, and a whole lane arriving in one update', () => {
    const from = mirroredLane();
    const to = mirroredLane();
    const id = addCard(from.doc, { stageId: AWARENESS, text: 'Travels', author: TEST_AUTHOR });
    moveCardToLane(from.doc, to.doc, id, { stageId: DECISION, index: 0 });
    expect(from.cards.cell(AWARENESS)).toEqual([]);
    expect(to.cards.cell(DECISION).map((c) => c.id)).toEqual([id]);

    const copy = mirroredLane();
    for (let i = 0; i < 30; i++)
      addCard(to.doc, { stageId: AWARENESS, text: `Card ${i}`, author: TEST_AUTHOR });
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(to.doc));
    expect(copy.cards.cell(AWARENESS)).toEqual(copy.expected(AWARENESS));
    expect(copy.cards.cell(DECISION)).toEqual(copy.expected(DECISION));
    expect(copy.cards.size).toBe(31);
  });

  it('shows a card again when only a typed field of it changed', () => {
    const { doc, cards, expected } = mirroredLane();
    const id = addCard(doc, { stageId: AWARENESS, text: 'Churn rate', author: TEST_AUTHOR });
    const before = cards.cell(AWARENESS);
    setMomentOfTruth(doc, id, true);
    expect(cards.cell(AWARENESS)).not.toBe(before);
    expect(cards.card(id)?.moment).toBe(true);
    setCardKpi(doc, id, { current: 8, target: 5, unit: '%' });
    expect(cards.card(id)?.kpi).toEqual({ current: 8, target: 5, unit: '%', trend: null });
    setCardKpi(doc, id, { current: 7 });
    expect(cards.card(id)?.kpi?.current).toBe(7);
    setCardDepartments(doc, id, ['dept-support']);
    expect(cards.card(id)?.departments).toEqual(['dept-support']);
    expect(cards.cell(AWARENESS)).toEqual(expected(AWARENESS));
  });

  it('shows a change of a typed field (a link, a severity) as a new card, and keeps the others', () => {
    const { doc, cards } = mirroredLane();
    const a = addCard(doc, { stageId: AWARENESS, text: 'A', author: TEST_AUTHOR });
    const b = addCard(doc, { stageId: AWARENESS, text: 'B', author: TEST_AUTHOR });
    const [shownA, shownB] = cards.cell(AWARENESS);
    linkCards(doc, a, 'cardElsewhere');
    expect(cards.card(a)?.links).toEqual(['cardElsewhere']);
    expect(cards.card(b)).toBe(shownB);
    setCardSeverity(doc, a, 'high');
    expect(cards.card(a)).toMatchObject({ severity: 'high', links: ['cardElsewhere'] });
    expect(cards.card(a)).not.toBe(shownA);
    expect(cards.cell(AWARENESS)[1]).toBe(shownB);
  });

  it('reports whether anything shown changed', () => {
    const doc = new Y.Doc();
    const cards = new LaneCards();
    const id = addCard(doc, { stageId: AWARENESS, text: 'A', author: TEST_AUTHOR });
    expect(cards.update(doc, null)).toBe(true);
    expect(cards.update(doc, null)).toBe(false);
    expect(cards.update(doc, new Set([id]))).toBe(false);
  });
});
