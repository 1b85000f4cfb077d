import {
  addCard,
  addLane,
  initBoard,
  readBoard,
  readCards,
  defaultBoard,
  cardsInCell,
  type BoardStructure,
} from '@journeyboard/board-model';
import { TEST_AUTHOR } from '@journeyboard/board-model/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropCard, moveCardByKey, type CardCommandTarget } from './card-commands.ts';

/** A board of three lanes, the middle one another department's, and a lane doc for each. */
function board(): { target: CardCommandTarget; structure: BoardStructure; lanes: Map<string, Y.Doc> } {
  const doc = new Y.Doc();
  initBoard(doc, { ...defaultBoard('en', 'Onboarding'), lanes: [] });
  addLane(doc, { name: 'Top', kind: 'actions' });
  addLane(doc, { name: 'Sales only', kind: 'actions', department: 'dept-sales' });
  addLane(doc, { name: 'Bottom', kind: 'actions' });
  const structure = readBoard(doc);
  const lanes = new Map(structure.lanes.map((lane) => [lane.id, new Y.Doc()] as const));
  const target: CardCommandTarget = {
    structure,
    laneDoc: (id) => lanes.get(id)!,
    canEditLane: (lane) => lane.department !== 'dept-sales',
  };
  return { target, structure, lanes };
}

describe('moving cards from the keyboard', () => {
  it('moves within the cell, to the neighbouring stage, and into the nearest lane this person may write', () => {
    const { target, structure, lanes } = board();
    const [top, sales, bottom] = structure.lanes.map((l) => l.id) as [string, string, string];
    const [first, second] = structure.stages.map((s) => s.id) as [string, string];
    const a = addCard(lanes.get(top)!, { stageId: first, text: 'A', author: TEST_AUTHOR });
    const b = addCard(lanes.get(top)!, { stageId: first, text: 'B', author: TEST_AUTHOR });
    expect(moveCardByKey(target, top, b, 'up')).toBe(true);
    expect(cardsInCell(lanes.get(top)!, first).map((c) => c.text)).toEqual(['B', 'A']);
    expect(moveCardByKey(target, top, a, 'right')).toBe(true);
    expect(cardsInCell(lanes.get(top)!, second).map((c) => c.text)).toEqual(['A']);
    expect(moveCardByKey(target, top, b, 'left')).toBe(false);
    // Down past the bottom of its cell: over the Sales lane, which this person may not write.
    expect(moveCardByKey(target, top, b, 'down')).toBe(true);
    expect(readCards(lanes.get(sales)!)).toEqual([]);
    expect(readCards(lanes.get(bottom)!).map((c) => c.text)).toEqual(['B']);
    expect(moveCardByKey(target, bottom, readCards(lanes.get(bottom)!)[0]!.id, 'down')).toBe(false);
  });

  it('drops a card where the marker stood, counting the card itself in its own cell', () => {
    const { target, structure, lanes } = board();
    const [top, , bottom] = structure.lanes.map((l) => l.id) as [string, string, string];
    const stage = structure.stages[0]!.id;
    const ids = ['A', 'B', 'C'].map((text) =>
      addCard(lanes.get(top)!, { stageId: stage, text, author: TEST_AUTHOR }),
    );
    dropCard(target, { laneId: top, cardId: ids[0]! }, { laneId: top, stageId: stage, index: 2 });
    expect(cardsInCell(lanes.get(top)!, stage).map((c) => c.text)).toEqual(['B', 'A', 'C']);
    dropCard(target, { laneId: top, cardId: ids[2]! }, { laneId: bottom, stageId: stage, index: 0 });
    expect(readCards(lanes.get(bottom)!).map((c) => c.text)).toEqual(['C']);
  });
});
