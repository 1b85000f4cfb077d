import {
  BoardHistory,
  buildTemplate,
  initBoard,
  readBoard,
  readCards,
  SHARED_DEPARTMENT,
  type CardAuthor,
} from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSuggestedCard, cellHolds, lanesForSuggestion } from './suggestion-commands.ts';

const AUTHOR: CardAuthor = { id: 'user-1234', name: 'Mai', departmentId: null, guest: false };

describe('lanesForSuggestion', () => {
  it('offers the lanes of the kind this person may write, in board order', () => {
    const doc = new Y.Doc();
    initBoard(doc, buildTemplate('b2bSaas', 'en', 'B2B').board);
    const structure = readBoard(doc);
    const marketingOnly = (lane: { department: string }) =>
      lane.department === SHARED_DEPARTMENT || lane.department === 'dept-marketing';
    expect(lanesForSuggestion(structure, 'opportunities', marketingOnly).map((lane) => lane.name)).toEqual([
      'Marketing opportunities',
    ]);
    expect(lanesForSuggestion(structure, 'kpis', () => true).map((lane) => lane.name)).toEqual(['Metrics']);
    expect(lanesForSuggestion(structure, 'touchpoints', () => false)).toEqual([]);
  });
});

describe('cellHolds', () => {
  it('finds a card of the same text whatever its case and spacing', () => {
    expect(cellHolds([{ text: 'Word  of mouth ' }], 'word of mouth')).toBe(true);
    expect(cellHolds([{ text: 'Truyền miệng'.normalize('NFD') }], 'Truyền miệng')).toBe(true);
    expect(cellHolds([{ text: 'Word of mouth, offline' }], 'Word of mouth')).toBe(false);
    expect(cellHolds([], 'Word of mouth')).toBe(false);
  });
});

describe('addSuggestedCard', () => {
  it('adds a touchpoint with its channel and a KPI with its unit, each one undo step', () => {
    const lane = new Y.Doc();
    const history = new BoardHistory();
    history.trackLane(lane);
    const touchpoint = history.act(() =>
      addSuggestedCard(
        lane,
        { stageId: 'stage-1', text: 'Online reviews and forums', author: AUTHOR, channel: 'reviewSites' },
        history.origin,
      ),
    );
    const kpi = history.act(() =>
      addSuggestedCard(
        lane,
        { stageId: 'stage-1', text: 'CSAT', author: AUTHOR, kpiUnit: '%' },
        history.origin,
      ),
    );
    const cards = readCards(lane);
    expect(cards.find((card) => card.id === touchpoint)).toMatchObject({
      text: 'Online reviews and forums',
      channel: 'reviewSites',
      kpi: null,
      author: AUTHOR,
    });
    expect(cards.find((card) => card.id === kpi)).toMatchObject({
      text: 'CSAT',
      channel: null,
      kpi: { unit: '%' },
    });
    history.undo();
    expect(readCards(lane).map((card) => card.id)).toEqual([touchpoint]);
    history.undo();
    expect(readCards(lane)).toEqual([]);
  });

  it('adds a word-of-mouth touchpoint, which has no channel, as a plain card', () => {
    const lane = new Y.Doc();
    addSuggestedCard(lane, { stageId: 'stage-1', text: 'Word of mouth', author: AUTHOR, channel: null });
    expect(readCards(lane)[0]).toMatchObject({ text: 'Word of mouth', channel: null, kpi: null });
  });
});
