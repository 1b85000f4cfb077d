import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expectRefusal } from './expectRefusal.ts';
import {
  addCard,
  cardIdsOf,
  cardsInCell,
  moveCard,
  moveCardToLane,
  observeCards,
  readCard,
  readCards,
  removeCard,
  setCardColour,
  updateCardText,
} from './lane.ts';
import { LIMITS } from './schema.ts';
import { replicaOf, syncBoth, TEST_AUTHOR } from './replicas.ts';

const AWARENESS = 'stageAwareness';
const DECISION = 'stageDecision';

function textsIn(laneDoc: Y.Doc, stageId: string): string[] {
  return cardsInCell(laneDoc, stageId).map((card) => card.text);
}

function laneWith(texts: string[], stageId = AWARENESS): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  const ids = texts.map((text) => addCard(doc, { stageId, text, author: TEST_AUTHOR }));
  return { doc, ids };
}

describe('addCard', () => {
  it('adds a yellow card at the end of its cell, trimmed, with its creation time', () => {
    const { doc } = laneWith(['Sees an ad']);
    const before = Date.now();
    const id = addCard(doc, { stageId: AWARENESS, text: '  Reads a review \n', author: TEST_AUTHOR });
    const card = cardsInCell(doc, AWARENESS).at(-1);
    expect(card).toMatchObject({ id, stageId: AWARENESS, text: 'Reads a review', colour: 'yellow' });
    expect(card?.createdAt).toBeGreaterThanOrEqual(before);
    expect(card?.createdAt).toBeLessThanOrEqual(Date.now());
  });

  it('stores its author as given, the name trimmed and in NFC', () => {
    const doc = new Y.Doc();
    const decomposed = 'Lan Nguye\u0302\u0303n';
    const id = addCard(doc, {
      stageId: AWARENESS,
      text: 'Asks about delivery',
      author: { id: 'g4t8kq2m9x3bw7ze', name: `  ${decomposed} `, departmentId: null, guest: true },
    });
    expect(readCard(doc, id)?.author).toEqual({
      id: 'g4t8kq2m9x3bw7ze',
      name: 'Lan Nguyễn',
      departmentId: null,
      guest: true,
    });
  });

  it('refuses an author who is not an id, a name or a guest mark', () => {
    const doc = new Y.Doc();
    const add = (author: Record<string, unknown>) => () =>
      addCard(doc, { stageId: AWARENESS, text: 'B', author: { ...TEST_AUTHOR, ...author } as never });
    expect(expectRefusal(doc, add({ id: 'not an id' }), 'INVALID_AUTHOR').field).toBe('authorId');
    expect(expectRefusal(doc, add({ departmentId: 'a:b' }), 'INVALID_AUTHOR').field).toBe('authorDepartment');
    expect(expectRefusal(doc, add({ departmentId: undefined }), 'INVALID_AUTHOR').field).toBe(
      'authorDepartment',
    );
    expect(expectRefusal(doc, add({ guest: 'no' }), 'INVALID_AUTHOR').field).toBe('authorGuest');
    expect(expectRefusal(doc, add({ name: ' ' }), 'EMPTY_TEXT').field).toBe('authorName');
    expect(expectRefusal(doc, add({ name: 'x'.repeat(LIMITS.authorName + 1) }), 'TEXT_TOO_LONG').field).toBe(
      'authorName',
    );
  });

  it('adds a card at the given position within its cell, with the given colour', () => {
    const { doc } = laneWith(['A', 'C']);
    addCard(doc, { stageId: DECISION, text: 'Elsewhere', author: TEST_AUTHOR });
    addCard(doc, { stageId: AWARENESS, text: 'B', colour: 'pink', author: TEST_AUTHOR }, 1);
    addCard(doc, { stageId: AWARENESS, text: 'Start', author: TEST_AUTHOR }, 0);
    expect(textsIn(doc, AWARENESS)).toEqual(['Start', 'A', 'B', 'C']);
    expect(cardsInCell(doc, AWARENESS)[2]?.colour).toBe('pink');
    expect(textsIn(doc, DECISION)).toEqual(['Elsewhere']);
  });

  it('accepts a stage id it cannot check against the board', () => {
    const doc = new Y.Doc();
    addCard(doc, { stageId: 'stageNobodyKnows', text: 'Orphan', author: TEST_AUTHOR });
    expect(textsIn(doc, 'stageNobodyKnows')).toEqual(['Orphan']);
  });

  it('writes in one transaction', () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    addCard(doc, { stageId: AWARENESS, text: 'One', author: TEST_AUTHOR });
    expect(transactions).toBe(1);
  });

  it('refuses empty card text', () => {
    const { doc } = laneWith(['A']);
    const error = expectRefusal(
      doc,
      () => addCard(doc, { stageId: AWARENESS, text: '  ', author: TEST_AUTHOR }),
      'EMPTY_TEXT',
    );
    expect(error.field).toBe('cardText');
  });

  it('refuses card text over the limit', () => {
    const { doc } = laneWith(['A']);
    const text = 'x'.repeat(LIMITS.cardText + 1);
    const error = expectRefusal(
      doc,
      () => addCard(doc, { stageId: AWARENESS, text, author: TEST_AUTHOR }),
      'TEXT_TOO_LONG',
    );
    expect(error).toMatchObject({ field: 'cardText', limit: LIMITS.cardText });
  });

  it('refuses an unknown colour', () => {
    const { doc } = laneWith(['A']);
    const colour = 'magenta' as 'pink';
    expectRefusal(
      doc,
      () => addCard(doc, { stageId: AWARENESS, text: 'B', colour, author: TEST_AUTHOR }),
      'INVALID_COLOUR',
    );
  });

  it('refuses a position out of range within the cell', () => {
    const { doc } = laneWith(['A']);
    expectRefusal(
      doc,
      () => addCard(doc, { stageId: AWARENESS, text: 'B', author: TEST_AUTHOR }, 2),
      'INVALID_INDEX',
    );
    expectRefusal(
      doc,
      () => addCard(doc, { stageId: DECISION, text: 'B', author: TEST_AUTHOR }, 1),
      'INVALID_INDEX',
    );
    expectRefusal(
      doc,
      () => addCard(doc, { stageId: AWARENESS, text: 'B', author: TEST_AUTHOR }, -1),
      'INVALID_INDEX',
    );
  });

  it('refuses a malformed stage id', () => {
    const { doc } = laneWith(['A']);
    expectRefusal(
      doc,
      () => addCard(doc, { stageId: 'no', text: 'B', author: TEST_AUTHOR }),
      'UNKNOWN_STAGE',
    );
    expectRefusal(
      doc,
      () => addCard(doc, { stageId: 'a:b:c:d', text: 'B', author: TEST_AUTHOR }),
      'UNKNOWN_STAGE',
    );
  });
});

describe('readCards', () => {
  it('returns every card sorted by order key then id, whatever the stage', () => {
    const doc = new Y.Doc();
    const cards = doc.getMap('cards');
    const card = (stageId: string, order: string): Y.Map<unknown> =>
      new Y.Map<unknown>([
        ['stageId', stageId],
        ['text', order],
        ['colour', 'blue'],
        ['order', order],
        ['createdAt', 1],
      ]);
    doc.transact(() => {
      cards.set('cardCCC', card(DECISION, 'a1'));
      cards.set('cardBBB', card(AWARENESS, 'a0'));
      cards.set('cardAAA', card(DECISION, 'a0'));
    });
    expect(readCards(doc).map((c) => c.id)).toEqual(['cardAAA', 'cardBBB', 'cardCCC']);
    expect(cardsInCell(doc, DECISION).map((c) => c.id)).toEqual(['cardAAA', 'cardCCC']);
  });

  it('skips malformed cards instead of throwing', () => {
    const { doc, ids } = laneWith(['Good']);
    const cards = doc.getMap('cards');
    const fields = (overrides: Record<string, unknown>): Y.Map<unknown> =>
      new Y.Map<unknown>(
        Object.entries({
          stageId: AWARENESS,
          text: 'Bad',
          colour: 'blue',
          order: 'a5',
          createdAt: 1,
          ...overrides,
        }),
      );
    doc.transact(() => {
      cards.set('numberText', fields({ text: 12 }));
      cards.set('noStage', fields({ stageId: undefined }));
      cards.set('badStage', fields({ stageId: 'x' }));
      cards.set('numberColour', fields({ colour: 3 }));
      cards.set('badOrder', fields({ order: '' }));
      cards.set('stringTime', fields({ createdAt: 'yesterday' }));
      cards.set('nanTime', fields({ createdAt: Number.NaN }));
      cards.set('plainObject', {
        stageId: AWARENESS,
        text: 'Bad',
        colour: 'blue',
        order: 'a6',
        createdAt: 1,
      });
      cards.set('bad id', fields({}));
      cards.set('textCard', new Y.Text('Bad'));
    });
    expect(readCards(doc).map((card) => card.id)).toEqual(ids);
  });

  it('reads a colour it does not know as yellow', () => {
    const { doc, ids } = laneWith(['A']);
    (doc.getMap('cards').get(ids[0] ?? '') as Y.Map<unknown>).set('colour', 'ultraviolet');
    expect(readCards(doc)[0]?.colour).toBe('yellow');
  });

  it('returns no cards for an empty doc', () => {
    expect(readCards(new Y.Doc())).toEqual([]);
  });
});

describe('cardIdsOf', () => {
  it('gives the id of every entry, readable or not, and of none removed', () => {
    const { doc, ids } = laneWith(['Kept', 'Removed', 'Kept too']);
    removeCard(doc, ids[1]!);
    doc.getMap('cards').set('numberText', new Y.Map<unknown>([['text', 12]]));
    expect(cardIdsOf(doc).sort()).toEqual([ids[0]!, ids[2]!, 'numberText'].sort());
    expect(
      readCards(doc)
        .map((card) => card.id)
        .sort(),
    ).toEqual([ids[0]!, ids[2]!].sort());
    expect(cardIdsOf(new Y.Doc())).toEqual([]);
  });
});

describe('updateCardText', () => {
  it("replaces a card's text, trimmed", () => {
    const { doc, ids } = laneWith(['Old']);
    updateCardText(doc, ids[0] ?? '', ' New\ntext ');
    expect(textsIn(doc, AWARENESS)).toEqual(['New\ntext']);
  });

  it('refuses an unknown card', () => {
    const { doc } = laneWith(['A']);
    const error = expectRefusal(doc, () => updateCardText(doc, 'nocard', 'B'), 'UNKNOWN_CARD');
    expect(error.message).toMatch(/"nocard" not found in this lane/);
  });

  it('refuses empty text', () => {
    const { doc, ids } = laneWith(['A']);
    expectRefusal(doc, () => updateCardText(doc, ids[0] ?? '', ''), 'EMPTY_TEXT');
  });

  it('refuses text over the limit', () => {
    const { doc, ids } = laneWith(['A']);
    expectRefusal(doc, () => updateCardText(doc, ids[0] ?? '', 'x'.repeat(1001)), 'TEXT_TOO_LONG');
  });
});

describe('setCardColour', () => {
  it("changes a card's colour", () => {
    const { doc, ids } = laneWith(['A']);
    setCardColour(doc, ids[0] ?? '', 'teal');
    expect(readCards(doc)[0]?.colour).toBe('teal');
  });

  it('refuses an unknown colour', () => {
    const { doc, ids } = laneWith(['A']);
    expectRefusal(doc, () => setCardColour(doc, ids[0] ?? '', 'gold' as 'grey'), 'INVALID_COLOUR');
  });

  it('refuses an unknown card', () => {
    const { doc } = laneWith(['A']);
    expectRefusal(doc, () => setCardColour(doc, 'nocard', 'teal'), 'UNKNOWN_CARD');
  });
});

describe('moveCard', () => {
  it('moves a card to its final position within its cell', () => {
    const { doc, ids } = laneWith(['A', 'B', 'C']);
    moveCard(doc, ids[0] ?? '', { stageId: AWARENESS, index: 2 });
    expect(textsIn(doc, AWARENESS)).toEqual(['B', 'C', 'A']);
    moveCard(doc, ids[2] ?? '', { stageId: AWARENESS, index: 0 });
    expect(textsIn(doc, AWARENESS)).toEqual(['C', 'B', 'A']);
  });

  it('moves a card to another cell of the lane', () => {
    const { doc, ids } = laneWith(['A', 'B']);
    addCard(doc, { stageId: DECISION, text: 'X', author: TEST_AUTHOR });
    moveCard(doc, ids[1] ?? '', { stageId: DECISION, index: 0 });
    expect(textsIn(doc, AWARENESS)).toEqual(['A']);
    expect(textsIn(doc, DECISION)).toEqual(['B', 'X']);
    expect(cardsInCell(doc, DECISION)[0]?.id).toBe(ids[1]);
  });

  it('writes nothing when the card is already there', () => {
    const { doc, ids } = laneWith(['A', 'B']);
    const before = Y.encodeStateAsUpdate(doc);
    moveCard(doc, ids[1] ?? '', { stageId: AWARENESS, index: 1 });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('refuses a position out of range within the target cell', () => {
    const { doc, ids } = laneWith(['A', 'B']);
    expectRefusal(doc, () => moveCard(doc, ids[0] ?? '', { stageId: AWARENESS, index: 2 }), 'INVALID_INDEX');
    expectRefusal(doc, () => moveCard(doc, ids[0] ?? '', { stageId: DECISION, index: 1 }), 'INVALID_INDEX');
  });

  it('refuses an unknown card', () => {
    const { doc } = laneWith(['A']);
    expectRefusal(doc, () => moveCard(doc, 'nocard', { stageId: AWARENESS, index: 0 }), 'UNKNOWN_CARD');
  });

  it('refuses a malformed stage id', () => {
    const { doc, ids } = laneWith(['A']);
    expectRefusal(doc, () => moveCard(doc, ids[0] ?? '', { stageId: '', index: 0 }), 'UNKNOWN_STAGE');
  });
});

describe('moveCardToLane', () => {
  it('moves a card to a cell of another lane, keeping its id, text, colour and creation time', () => {
    const from = new Y.Doc();
    const id = addCard(from, {
      stageId: AWARENESS,
      text: 'Calls support',
      colour: 'orange',
      author: TEST_AUTHOR,
    });
    const original = readCards(from)[0];
    const { doc: to } = laneWith(['First', 'Last'], DECISION);

    moveCardToLane(from, to, id, { stageId: DECISION, index: 1 });

    expect(readCards(from)).toEqual([]);
    expect(textsIn(to, DECISION)).toEqual(['First', 'Calls support', 'Last']);
    expect(cardsInCell(to, DECISION)[1]).toMatchObject({
      id,
      stageId: DECISION,
      text: 'Calls support',
      colour: 'orange',
      createdAt: original?.createdAt,
    });
  });

  it('keeps its author, or its lack of one, whoever moves it', () => {
    const from = new Y.Doc();
    const to = new Y.Doc();
    const id = addCard(from, { stageId: AWARENESS, text: 'A', author: TEST_AUTHOR });
    moveCardToLane(from, to, id, { stageId: AWARENESS, index: 0 });
    expect(readCard(to, id)?.author).toEqual(TEST_AUTHOR);
    // A card written before authors were recorded moves without one.
    const old = readCards(to)[0]!;
    const entry = to.getMap('cards').get(id) as Y.Map<unknown>;
    for (const field of ['authorId', 'authorName', 'authorDepartment', 'authorGuest']) entry.delete(field);
    moveCardToLane(to, from, id, { stageId: DECISION, index: 0 });
    expect(readCard(from, id)).toEqual({
      ...old,
      stageId: DECISION,
      order: readCard(from, id)?.order,
      author: null,
    });
    expect([...(from.getMap('cards').get(id) as Y.Map<unknown>).keys()].sort()).toEqual([
      'colour',
      'createdAt',
      'order',
      'stageId',
      'text',
    ]);
  });

  it('gives its transactions the origin, also for a move within one lane', () => {
    const from = new Y.Doc();
    const to = new Y.Doc();
    const id = addCard(from, { stageId: AWARENESS, text: 'A', author: TEST_AUTHOR });
    addCard(from, { stageId: AWARENESS, text: 'B', author: TEST_AUTHOR });
    const origin = { page: 'mine' };
    const seen: unknown[] = [];
    for (const doc of [from, to]) doc.on('afterTransaction', (t: Y.Transaction) => seen.push(t.origin));
    moveCardToLane(from, from, id, { stageId: AWARENESS, index: 1 }, origin);
    moveCardToLane(from, to, id, { stageId: AWARENESS, index: 0 }, origin);
    expect(seen).toEqual([origin, origin, origin]);
  });

  it('writes the target lane first, then deletes from the source, one transaction each', () => {
    const from = new Y.Doc();
    const to = new Y.Doc();
    const id = addCard(from, { stageId: AWARENESS, text: 'A', author: TEST_AUTHOR });
    const log: string[] = [];
    from.on('afterTransaction', () => log.push('from'));
    to.on('afterTransaction', () => log.push('to'));
    moveCardToLane(from, to, id, { stageId: AWARENESS, index: 0 });
    expect(log).toEqual(['to', 'from']);
  });

  it('finishes a move that stopped half-way when run again', () => {
    const from = new Y.Doc();
    const to = new Y.Doc();
    const id = addCard(from, { stageId: AWARENESS, text: 'A', author: TEST_AUTHOR });
    Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
    moveCardToLane(from, to, id, { stageId: AWARENESS, index: 0 });
    expect(readCards(to).map((card) => card.id)).toEqual([id]);
    expect(readCards(from)).toEqual([]);
  });

  it('acts as moveCard when both docs are the same', () => {
    const { doc, ids } = laneWith(['A', 'B']);
    moveCardToLane(doc, doc, ids[0] ?? '', { stageId: AWARENESS, index: 1 });
    expect(textsIn(doc, AWARENESS)).toEqual(['B', 'A']);
  });

  it('refuses an unknown card, writing to neither lane', () => {
    const from = new Y.Doc();
    const { doc: to } = laneWith(['A']);
    expectRefusal(
      [from, to],
      () => moveCardToLane(from, to, 'nocard', { stageId: AWARENESS, index: 0 }),
      'UNKNOWN_CARD',
    );
  });

  it('refuses a position out of range in the target cell, writing to neither lane', () => {
    const { doc: from, ids } = laneWith(['A']);
    const { doc: to } = laneWith(['B']);
    const move = (): void => moveCardToLane(from, to, ids[0] ?? '', { stageId: AWARENESS, index: 2 });
    expectRefusal([from, to], move, 'INVALID_INDEX');
  });

  it('refuses a malformed stage id, writing to neither lane', () => {
    const { doc: from, ids } = laneWith(['A']);
    const to = new Y.Doc();
    const move = (): void => moveCardToLane(from, to, ids[0] ?? '', { stageId: 'bad id', index: 0 });
    expectRefusal([from, to], move, 'UNKNOWN_STAGE');
  });
});

describe('removeCard', () => {
  it('deletes a card', () => {
    const { doc, ids } = laneWith(['A', 'B']);
    removeCard(doc, ids[0] ?? '');
    expect(textsIn(doc, AWARENESS)).toEqual(['B']);
  });

  it('refuses an unknown card', () => {
    const { doc } = laneWith(['A']);
    expectRefusal(doc, () => removeCard(doc, 'nocard'), 'UNKNOWN_CARD');
  });
});

describe('undo', () => {
  it('lets a Y.UndoManager with default tracked origins undo local card edits', () => {
    const { doc, ids } = laneWith(['A']);
    const undo = new Y.UndoManager(doc.getMap('cards'));
    updateCardText(doc, ids[0] ?? '', 'Edited');
    undo.stopCapturing();
    removeCard(doc, ids[0] ?? '');
    undo.undo();
    expect(textsIn(doc, AWARENESS)).toEqual(['Edited']);
    undo.undo();
    expect(textsIn(doc, AWARENESS)).toEqual(['A']);
  });
});

describe('concurrent edits', () => {
  it('converge when two people add cards at the same place', () => {
    const { doc: a } = laneWith(['First', 'Last']);
    const b = replicaOf(a);
    addCard(a, { stageId: AWARENESS, text: 'From A', author: TEST_AUTHOR }, 1);
    addCard(b, { stageId: AWARENESS, text: 'From B', author: TEST_AUTHOR }, 1);
    addCard(a, { stageId: AWARENESS, text: 'End A', author: TEST_AUTHOR });
    addCard(b, { stageId: AWARENESS, text: 'End B', author: TEST_AUTHOR });
    syncBoth(a, b);
    expect(readCards(a)).toEqual(readCards(b));
    const texts = textsIn(a, AWARENESS);
    expect(texts[0]).toBe('First');
    expect(texts.slice(1, 3).sort()).toEqual(['From A', 'From B']);
    expect(texts[3]).toBe('Last');
    expect(texts.slice(4).sort()).toEqual(['End A', 'End B']);
  });

  it('converge when two people edit, recolour, move and remove the same cards', () => {
    const { doc: a, ids } = laneWith(['A', 'B', 'C']);
    const b = replicaOf(a);
    const [first, second, third] = ids as [string, string, string];
    updateCardText(a, first, 'A by a');
    updateCardText(b, first, 'A by b');
    setCardColour(a, second, 'green');
    moveCard(b, second, { stageId: DECISION, index: 0 });
    moveCard(a, third, { stageId: AWARENESS, index: 0 });
    removeCard(b, third);
    syncBoth(a, b);
    expect(readCards(a)).toEqual(readCards(b));
    expect(
      readCards(a)
        .map((card) => card.id)
        .sort(),
    ).toEqual([first, second].sort());
  });

  it('never loses a card moved between lanes while the source is edited', () => {
    const { doc: laneA1, ids } = laneWith(['A']);
    const laneB1 = new Y.Doc();
    const laneA2 = replicaOf(laneA1);
    const laneB2 = replicaOf(laneB1);
    moveCardToLane(laneA1, laneB1, ids[0] ?? '', { stageId: DECISION, index: 0 });
    updateCardText(laneA2, ids[0] ?? '', 'Edited meanwhile');
    syncBoth(laneA1, laneA2);
    syncBoth(laneB1, laneB2);
    expect(readCards(laneA1)).toEqual(readCards(laneA2));
    expect(readCards(laneB1)).toEqual(readCards(laneB2));
    expect(readCards(laneB2).map((card) => card.text)).toEqual(['A']);
  });
});

describe('readCard', () => {
  it('reads one card, or null for an id the lane does not hold', () => {
    const { doc, ids } = laneWith(['Sees an ad', 'Reads a review']);
    expect(readCard(doc, ids[1]!)).toEqual(readCards(doc)[1]);
    removeCard(doc, ids[1]!);
    expect(readCard(doc, ids[1]!)).toBeNull();
  });
});

describe('observeCards', () => {
  it('names the cards each transaction added, edited, moved or removed, local or remote', () => {
    const { doc, ids } = laneWith(['A', 'B', 'C']);
    const seen: string[][] = [];
    const stop = observeCards(doc, (changed) => seen.push([...changed].sort()));
    const added = addCard(doc, { stageId: DECISION, text: 'D', author: TEST_AUTHOR });
    updateCardText(doc, ids[0]!, 'A, edited');
    moveCard(doc, ids[1]!, { stageId: DECISION, index: 0 });
    setCardColour(doc, ids[2]!, 'teal');
    removeCard(doc, ids[2]!);
    const remote = replicaOf(doc);
    updateCardText(remote, added, 'D, edited elsewhere');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(seen).toEqual([[added], [ids[0]], [ids[1]], [ids[2]], [ids[2]], [added]]);
    stop();
    updateCardText(doc, ids[0]!, 'A, edited again');
    expect(seen).toHaveLength(6);
  });

  it('names every card of a lane that arrives in one update', () => {
    const { doc, ids } = laneWith(['A', 'B', 'C']);
    const fresh = new Y.Doc();
    let changed: string[] = [];
    observeCards(fresh, (ids) => (changed = [...ids].sort()));
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
    expect(changed).toEqual([...ids].sort());
  });
});
