import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardHistory } from './history.ts';
import {
  addCard,
  moveCardToLane,
  readCard,
  readCards,
  removeCard,
  setCardColour,
  updateCardText,
} from './lane.ts';
import {
  addPersona,
  addStage,
  initBoard,
  readBoard,
  removePersona,
  removeStage,
  renameBoard,
  updatePersona,
} from './structure.ts';
import { replicaOf, syncBoth, TEST_AUTHOR } from './replicas.ts';

/** A board as one page holds it: a structure doc and two lane docs, all tracked by one history. */
function page() {
  const structure = new Y.Doc();
  const { stageIds, laneIds } = initBoard(structure, {
    title: 'Checkout journey',
    stages: ['Awareness', 'Decision'],
    lanes: [
      { name: 'Touchpoints', kind: 'touchpoints' },
      { name: 'Pain points', kind: 'painPoints' },
    ],
    departments: [],
  });
  const lanes = [new Y.Doc(), new Y.Doc()];
  const history = new BoardHistory();
  history.trackStructure(structure);
  for (const lane of lanes) history.trackLane(lane);
  return { structure, lanes, stageIds: stageIds as [string, string], laneIds, history };
}

describe('BoardHistory', () => {
  it('undoes and redoes one step at a time, latest first', () => {
    const { lanes, stageIds, history } = page();
    const lane = lanes[0]!;
    const { origin } = history;
    const id = history.act(() =>
      addCard(lane, { stageId: stageIds[0], text: 'Ad', author: TEST_AUTHOR }, undefined, origin),
    );
    history.act(() => updateCardText(lane, id, 'Search ad', origin));
    history.act(() => setCardColour(lane, id, 'pink', origin));

    expect(history.undo()).toBe(true);
    expect(readCard(lane, id)).toMatchObject({ text: 'Search ad', colour: 'yellow' });
    expect(history.undo()).toBe(true);
    expect(readCard(lane, id)?.text).toBe('Ad');
    expect(history.redo()).toBe(true);
    expect(readCard(lane, id)?.text).toBe('Search ad');
    expect(history.undo()).toBe(true);
    expect(history.undo()).toBe(true);
    expect(readCard(lane, id)).toBeNull();
    expect(history.canUndo).toBe(false);
    expect(history.undo()).toBe(false);
  });

  it("undoes a persona's edits and brings a removed persona back with its id, colour and fields", () => {
    const { structure, history } = page();
    const { origin } = history;
    const id = history.act(() =>
      addPersona(structure, { name: 'Mai', goals: 'Book online' }, undefined, origin),
    );
    history.act(() => updatePersona(structure, id, { role: 'Clinic manager' }, origin));
    history.act(() => removePersona(structure, id, origin));
    expect(readBoard(structure).personas).toEqual([]);

    expect(history.undo()).toBe(true);
    expect(readBoard(structure).personas).toMatchObject([
      { id, name: 'Mai', role: 'Clinic manager', goals: 'Book online', colour: 'indigo' },
    ]);
    expect(history.undo()).toBe(true);
    expect(readBoard(structure).personas[0]?.role).toBe('');
    expect(history.undo()).toBe(true);
    expect(readBoard(structure).personas).toEqual([]);
  });

  it('brings a removed card back with its id, text and colour', () => {
    const { lanes, stageIds, history } = page();
    const lane = lanes[0]!;
    const id = addCard(lane, {
      stageId: stageIds[0],
      text: 'Demo call',
      colour: 'green',
      author: TEST_AUTHOR,
    });
    history.act(() => removeCard(lane, id, history.origin));
    history.undo();
    expect(readCard(lane, id)).toMatchObject({ text: 'Demo call', colour: 'green', stageId: stageIds[0] });
  });

  it('undoes a move between lanes as one step, across both documents', () => {
    const { lanes, stageIds, history } = page();
    const [from, to] = lanes as [Y.Doc, Y.Doc];
    const id = addCard(from, { stageId: stageIds[0], text: 'Pricing page', author: TEST_AUTHOR });
    history.act(() => moveCardToLane(from, to, id, { stageId: stageIds[1], index: 0 }, history.origin));
    expect(readCard(from, id)).toBeNull();

    expect(history.undo()).toBe(true);
    expect(readCard(from, id)?.stageId).toBe(stageIds[0]);
    expect(readCard(to, id)).toBeNull();
    expect(history.canUndo).toBe(false);

    expect(history.redo()).toBe(true);
    expect(readCard(from, id)).toBeNull();
    expect(readCard(to, id)?.stageId).toBe(stageIds[1]);
  });

  it('undoes a removed stage with the cards it took from every lane, as one step', () => {
    const { structure, lanes, stageIds, history } = page();
    const a = addCard(lanes[0]!, { stageId: stageIds[1], text: 'Sign contract', author: TEST_AUTHOR });
    const b = addCard(lanes[1]!, { stageId: stageIds[1], text: 'Slow approval', author: TEST_AUTHOR });
    history.act(() => removeStage(structure, stageIds[1], lanes, history.origin));
    expect(readBoard(structure).stages).toHaveLength(1);

    expect(history.undo()).toBe(true);
    expect(readBoard(structure).stages.map((s) => s.id)).toEqual(stageIds);
    expect(readCard(lanes[0]!, a)?.text).toBe('Sign contract');
    expect(readCard(lanes[1]!, b)?.text).toBe('Slow approval');
  });

  it("never undoes someone else's edit, even of the same card", () => {
    const { lanes, stageIds, history } = page();
    const mine = lanes[0]!;
    const theirs = replicaOf(mine);
    const id = history.act(() =>
      addCard(mine, { stageId: stageIds[0], text: 'Mine', author: TEST_AUTHOR }, undefined, history.origin),
    );
    syncBoth(mine, theirs);
    const other = addCard(theirs, { stageId: stageIds[0], text: 'Theirs', author: TEST_AUTHOR });
    updateCardText(theirs, id, 'Mine, improved by them');
    syncBoth(mine, theirs);

    // Their edits reached this page with another origin: they are not this history's to undo.
    expect(history.undo()).toBe(true);
    syncBoth(mine, theirs);
    expect(readCard(theirs, other)?.text).toBe('Theirs');
    expect(readCard(theirs, id)).toBeNull();
    expect(history.canUndo).toBe(false);
  });

  it('tracks only its own origin: changes made without it are not steps', () => {
    const { lanes, stageIds, history } = page();
    addCard(lanes[0]!, { stageId: stageIds[0], text: 'Written by a script', author: TEST_AUTHOR });
    expect(history.canUndo).toBe(false);
  });

  it('skips a step whose change someone else has made moot, without undoing an older step instead', () => {
    const { lanes, stageIds, history } = page();
    const mine = lanes[0]!;
    const theirs = replicaOf(mine);
    const first = history.act(() =>
      addCard(mine, { stageId: stageIds[0], text: 'First', author: TEST_AUTHOR }, undefined, history.origin),
    );
    const second = history.act(() =>
      addCard(mine, { stageId: stageIds[0], text: 'Second', author: TEST_AUTHOR }, undefined, history.origin),
    );
    history.act(() => setCardColour(mine, second, 'blue', history.origin));
    syncBoth(mine, theirs);
    removeCard(theirs, second);
    syncBoth(mine, theirs);

    // The colour change and the addition of `second` have nothing left to act on: one undo takes
    // back the addition of `first`, the only step that still changes something.
    expect(history.undo()).toBe(true);
    expect(readCards(mine)).toEqual([]);
    expect(readCard(mine, first)).toBeNull();
  });

  it('forgets a new redo once the person changes something else', () => {
    const { structure, history } = page();
    history.act(() => renameBoard(structure, 'Renamed', history.origin));
    history.undo();
    expect(history.canRedo).toBe(true);
    history.act(() => addStage(structure, 'Retention', undefined, history.origin));
    expect(history.canRedo).toBe(false);
    expect(history.redo()).toBe(false);
    expect(readBoard(structure).title).toBe('Checkout journey');
  });

  it('names its latest step, so that a toast can undo one removal and nothing done after it', () => {
    const { lanes, stageIds, history } = page();
    const id = addCard(lanes[0]!, { stageId: stageIds[0], text: 'A', author: TEST_AUTHOR });
    history.act(() => removeCard(lanes[0]!, id, history.origin));
    const removal = history.latest;
    expect(removal).not.toBeNull();
    history.act(() =>
      addCard(lanes[0]!, { stageId: stageIds[0], text: 'B', author: TEST_AUTHOR }, undefined, history.origin),
    );
    expect(history.latest).not.toBe(removal);
  });

  it('drops every step that wrote to a document it no longer tracks, whole, and keeps the others', () => {
    const { lanes, stageIds, history } = page();
    const [from, to] = lanes as [Y.Doc, Y.Doc];
    const kept = history.act(() =>
      addCard(to, { stageId: stageIds[0], text: 'Stays', author: TEST_AUTHOR }, undefined, history.origin),
    );
    const id = addCard(from, { stageId: stageIds[0], text: 'Moving', author: TEST_AUTHOR });
    history.act(() => moveCardToLane(from, to, id, { stageId: stageIds[0], index: 0 }, history.origin));
    from.destroy();
    // Undoing half of the move would delete the card from `to`: the whole move is forgotten.
    expect(history.undo()).toBe(true);
    expect(readCard(to, id)?.text).toBe('Moving');
    expect(readCard(to, kept)).toBeNull();
    expect(history.canUndo).toBe(false);
  });

  it('forgets everything on clear', () => {
    const { structure, history } = page();
    history.act(() => renameBoard(structure, 'Renamed', history.origin));
    history.clear();
    expect(history.canUndo).toBe(false);
    expect(history.undo()).toBe(false);
    expect(readBoard(structure).title).toBe('Renamed');
  });

  it('tells subscribers when what can be undone changes', () => {
    const { structure, history } = page();
    const seen: boolean[] = [];
    const stop = history.subscribe(() => seen.push(history.canUndo));
    history.act(() => renameBoard(structure, 'Renamed', history.origin));
    history.undo();
    stop();
    history.redo();
    expect(seen).toEqual([true, false]);
  });
});
