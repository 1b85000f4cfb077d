import { NO_CARD_FIELDS, type Card } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { momentsInJourneyOrder } from './moments.ts';

function card(id: string, stageId: string, moment: boolean): Card {
  return {
    id,
    stageId,
    text: `Card ${id}`,
    colour: 'yellow',
    order: id,
    createdAt: 0,
    author: null,
    ...NO_CARD_FIELDS,
    moment,
  };
}

const structure = {
  stages: [
    { id: 'awareness', name: 'Awareness', order: 'a', timeFrame: null },
    { id: 'decision', name: 'Decision', order: 'b', timeFrame: null },
  ],
  lanes: [
    { id: 'touch', name: 'Touchpoints', kind: 'touchpoints', order: 'a', department: 'shared' },
    { id: 'pain', name: 'Pain points', kind: 'painPoints', order: 'b', department: 'shared' },
  ],
} as const;

describe('the moments of truth in journey order', () => {
  it('go stage by stage, then lane by lane from the top, then in each cell’s order', () => {
    const cells: Record<string, Card[]> = {
      'touch/awareness': [card('t1', 'awareness', false), card('t2', 'awareness', true)],
      'pain/awareness': [card('p1', 'awareness', true)],
      'touch/decision': [card('t3', 'decision', true), card('t4', 'decision', true)],
      'pain/decision': [card('p2', 'decision', false)],
    };
    const moments = momentsInJourneyOrder(structure, (lane, stage) => cells[`${lane}/${stage}`] ?? []);
    expect(moments.map((moment) => moment.card.id)).toEqual(['t2', 'p1', 't3', 't4']);
    expect(moments[1]).toMatchObject({
      stage: { id: 'awareness', name: 'Awareness' },
      lane: { id: 'pain', name: 'Pain points' },
    });
  });

  it('follow the board when its stages are put in another order', () => {
    const cells: Record<string, Card[]> = {
      'touch/awareness': [card('early', 'awareness', true)],
      'pain/decision': [card('late', 'decision', true)],
    };
    const reordered = { ...structure, stages: [structure.stages[1], structure.stages[0]] };
    expect(
      momentsInJourneyOrder(reordered, (lane, stage) => cells[`${lane}/${stage}`] ?? []).map(
        (m) => m.card.id,
      ),
    ).toEqual(['late', 'early']);
  });

  it('are none on a board without one', () => {
    expect(momentsInJourneyOrder(structure, () => [card('x', 'awareness', false)])).toEqual([]);
  });
});
