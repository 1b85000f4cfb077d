import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardAuthorOf, type CardRecord } from '../card-authors.ts';
import {
  addCard,
  moveCardToLane,
  readCard,
  readCards,
  removeCard,
  removeCardsOfStage,
  setCardColour,
  updateCardText,
} from '../lane.ts';
import { initialKeys } from '../order.ts';
import { replicaOf, TEST_AUTHOR, updateFrom } from '../replicas.ts';
import { CARD_AUTHOR_FIELDS, cardsMap, DOCUMENT_BYTES, LIMITS, type CardAuthor } from '../schema.ts';
import { DocumentGuard, type DocumentWriter } from './document-guard.ts';
import type { CheckContext } from './document-kind.ts';
import { laneKind } from './lane-kind.ts';
import { structureKind } from './structure-kind.ts';
import { initBoard, readBoard } from '../structure.ts';
import { defaultBoard } from '../templates/index.ts';

const WRITER: DocumentWriter = {
  userId: TEST_AUTHOR.id,
  displayName: TEST_AUTHOR.name,
  role: 'participant',
  departmentId: TEST_AUTHOR.departmentId,
  guest: false,
};
const STAGE = 'stageAware01';

function laneWithCards(count: number): Y.Doc {
  const doc = new Y.Doc();
  const orders = initialKeys(count);
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      cardsMap(doc).set(
        `card${String(i).padStart(6, '0')}`,
        rawCard({ text: `Card ${i}`, order: orders[i] }),
      );
    }
  });
  return doc;
}

/** A card entry written by hand, by the writer unless `fields` say otherwise. */
function rawCard(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>(
    Object.entries({
      stageId: STAGE,
      text: 'Text',
      colour: 'yellow',
      order: 'a0',
      createdAt: 1,
      authorId: TEST_AUTHOR.id,
      authorName: TEST_AUTHOR.name,
      authorDepartment: TEST_AUTHOR.departmentId,
      authorGuest: false,
      ...fields,
    }),
  );
}

const checkLane = (doc: Y.Doc, update: Uint8Array) =>
  DocumentGuard.checkOnce(doc, laneKind.content, update, WRITER);

describe('the lane kind: the shape of every card the server stores', () => {
  it('passes what the model writes: new cards, edits, moves and removals', () => {
    const server = laneWithCards(3);
    const id = readCards(server)[0]!.id;
    expect(
      checkLane(
        server,
        updateFrom(server, (c) => addCard(c, { stageId: STAGE, text: 'Giá quá cao', author: TEST_AUTHOR })),
      ),
    ).toBeNull();
    expect(
      checkLane(
        server,
        updateFrom(server, (c) => updateCardText(c, id, 'Edited')),
      ),
    ).toBeNull();
    expect(
      checkLane(
        server,
        updateFrom(server, (c) => cardsMap(c).delete(id)),
      ),
    ).toBeNull();
  });

  it('refuses a card over the text limit, of wrong types or fields, and writes outside the cards', () => {
    const server = laneWithCards(1);
    const id = readCards(server)[0]!.id;
    const bad: Record<string, unknown>[] = [
      { text: 'x'.repeat(LIMITS.cardText + 1) },
      { text: 'x'.repeat(3_900_000) },
      { text: 7 },
      { text: '' },
      { colour: 'neon' },
      { createdAt: 'yesterday' },
      { order: '' },
      { stageId: 'no spaces allowed' },
      { extra: true },
      { authorId: 'not an id' },
      { authorName: '' },
      { authorName: ' Lan Nguyễn' },
      { authorName: 'x'.repeat(LIMITS.authorName + 1) },
      { authorDepartment: 7 },
      { authorGuest: 'no' },
      { authorGuest: undefined },
    ];
    for (const fields of bad) {
      const update = updateFrom(server, (c) => cardsMap(c).set('cardNew00001', rawCard(fields)));
      expect(checkLane(server, update), JSON.stringify(fields).slice(0, 60)).toBe('malformed-entry');
    }
    const edited = updateFrom(server, (c) => (cardsMap(c).get(id) as Y.Map<unknown>).set('text', 42));
    expect(checkLane(server, edited)).toBe('malformed-entry');
    expect(
      checkLane(
        server,
        updateFrom(server, (c) => cardsMap(c).set('cardNew00002', 'plain')),
      ),
    ).toBe('malformed-entry');
    expect(
      checkLane(
        server,
        updateFrom(server, (c) => cardsMap(c).set('bad key!', rawCard({}))),
      ),
    ).toBe('malformed-entry');
    expect(
      checkLane(
        server,
        updateFrom(server, (c) => c.getMap('other').set('x', 1)),
      ),
    ).toBe('not-in-schema');
    expect(
      checkLane(
        server,
        updateFrom(server, (c) => c.getText('notes').insert(0, 'x')),
      ),
    ).toBe('not-in-schema');
    const nested = updateFrom(server, (c) =>
      (cardsMap(c).get(id) as Y.Map<unknown>).set('text', new Y.Map()),
    );
    expect(checkLane(server, nested)).toBe('malformed-entry');
  });

  it('refuses more cards than a lane holds, in one update or one at a time', () => {
    const server = laneWithCards(LIMITS.cardsPerLane - 1);
    expect(
      checkLane(
        server,
        updateFrom(server, (c) => addCard(c, { stageId: STAGE, text: 'Last', author: TEST_AUTHOR })),
      ),
    ).toBeNull();
    const two = updateFrom(server, (c) => {
      addCard(c, { stageId: STAGE, text: 'One', author: TEST_AUTHOR });
      addCard(c, { stageId: STAGE, text: 'Two', author: TEST_AUTHOR });
    });
    expect(checkLane(server, two)).toBe('too-many-entries');
    const empty = new Y.Doc();
    const flood = Y.encodeStateAsUpdate(laneWithCards(5000));
    expect(checkLane(empty, flood)).toBe('too-many-entries');
  });

  it('refuses an update that would grow a lane past its size, and passes removals from a full lane', () => {
    const server = new Y.Doc();
    const guard = new DocumentGuard(server, laneKind.content);
    const client = new Y.Doc();
    const written: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => written.push(update));
    const longText = 'ư'.repeat(LIMITS.cardText);
    const orders = initialKeys(LIMITS.cardsPerLane);
    let refused = 0;
    for (let i = 0; i < LIMITS.cardsPerLane && refused === 0; i++) {
      cardsMap(client).set(
        `card${String(i).padStart(6, '0')}`,
        rawCard({ text: longText, order: orders[i] }),
      );
      const update = written.pop()!;
      const refusal = guard.check(update, WRITER);
      if (refusal === null) Y.applyUpdate(server, update);
      else {
        expect(refusal).toBe('too-large');
        refused++;
      }
    }
    expect(refused).toBe(1);
    expect(Y.encodeStateAsUpdate(server).length).toBeLessThanOrEqual(DOCUMENT_BYTES.lane);
    const id = readCards(server)[0]!.id;
    expect(
      guard.check(
        updateFrom(server, (c) => cardsMap(c).delete(id)),
        WRITER,
      ),
    ).toBeNull();
    guard.destroy();
  });
});

describe('the guard: opening a document costs no copy of it', () => {
  /** A lane of cards, one of them removed, so that its delete set is not empty. */
  function laneWithARemoval(): Y.Doc {
    const doc = laneWithCards(20);
    removeCard(doc, readCards(doc)[0]!.id);
    return doc;
  }

  it('passes what a fresh page and a page that holds the lane send on opening, without a copy', () => {
    const server = laneWithARemoval();
    const guard = new DocumentGuard(server, laneKind.content);
    // The sync step 2 of a page with nothing yet, and of one that holds all the server holds.
    const fresh = Y.encodeStateAsUpdate(new Y.Doc(), Y.encodeStateVector(server));
    const holding = Y.encodeStateAsUpdate(replicaOf(server), Y.encodeStateVector(server));
    expect(Y.decodeUpdate(holding).ds.clients.size).toBeGreaterThan(0);
    expect(guard.check(fresh, WRITER)).toBeNull();
    expect(guard.check(holding, WRITER)).toBeNull();
    expect(guard.hasCopy).toBe(false);
    guard.destroy();
  });

  it('still checks whatever changes the lane, insertions or removals only, from the first update on', () => {
    const server = laneWithARemoval();
    const tooLong = updateFrom(server, (c) =>
      cardsMap(c).set('cardNew00001', rawCard({ text: 'x'.repeat(LIMITS.cardText + 1) })),
    );
    const refusing = new DocumentGuard(server, laneKind.content);
    expect(refusing.check(tooLong, WRITER)).toBe('malformed-entry');
    refusing.destroy();
    const removal = updateFrom(server, (c) => removeCard(c, readCards(c)[0]!.id));
    expect(Y.decodeUpdate(removal).structs).toHaveLength(0);
    const guard = new DocumentGuard(server, laneKind.content);
    expect(guard.check(removal, WRITER)).toBeNull();
    expect(guard.hasCopy).toBe(true);
    guard.destroy();
  });
});

describe('the lane kind: who a card is by', () => {
  const SALES_LANE = 'laneSales001';
  const SUPPORT_LANE = 'laneSupport1';
  const SHARED_LANE = 'laneShared01';
  const DEPARTMENTS: Record<string, string> = {
    [SALES_LANE]: 'dept-sales',
    [SUPPORT_LANE]: 'dept-support',
    [SHARED_LANE]: 'shared',
  };
  const LAN = WRITER;
  const MAI: DocumentWriter = {
    userId: 'm3p8vk2q7zt5wx9c',
    displayName: 'Mai Trần',
    role: 'participant',
    departmentId: 'dept-sales',
    guest: false,
  };
  const TU: DocumentWriter = {
    ...MAI,
    userId: 't6w2hf9k3rb8yq4n',
    displayName: 'Tú Lê',
    departmentId: 'dept-support',
  };
  const HA: DocumentWriter = {
    ...MAI,
    userId: 'h7d4nx8c2vq6mz3p',
    displayName: 'Hà Phạm',
    role: 'facilitator',
    departmentId: null,
  };
  const GIA: DocumentWriter = { ...TU, userId: 'g4t8kq2m9x3bw7ze', displayName: 'Gia', guest: true };
  const ORIGIN = { page: 'test' };

  /** What the server would know: the records of the board's cards, and its lanes' departments. */
  function factsFor(laneId: string, records: Record<string, CardRecord> = {}): CheckContext {
    return {
      cards: {
        laneId,
        recordOf: (cardId) => records[cardId] ?? null,
        laneDepartment: (id) => DEPARTMENTS[id] ?? null,
      },
    };
  }
  const check = (doc: Y.Doc, update: Uint8Array, writer: DocumentWriter, context: CheckContext) =>
    DocumentGuard.checkOnce(doc, laneKind.content, update, writer, context);
  const authorOf = (writer: DocumentWriter) => cardAuthorOf(writer)!;
  /** A lane doc holding one card by `author`, or with no author (written before version 3). */
  function laneWithCardBy(author: CardAuthor | null): { doc: Y.Doc; id: string } {
    const doc = new Y.Doc();
    const id = 'cardByLan001';
    const entry = rawCard({ text: 'Price unclear' });
    if (author === null) for (const field of CARD_AUTHOR_FIELDS) entry.delete(field);
    else {
      entry.set('authorId', author.id);
      entry.set('authorName', author.name);
      entry.set('authorDepartment', author.departmentId);
      entry.set('authorGuest', author.guest);
    }
    cardsMap(doc).set(id, entry);
    return { doc, id };
  }

  it('stamps a new card with its writer: anyone else, or nobody, is refused', () => {
    const server = new Y.Doc();
    const context = factsFor(SALES_LANE);
    const add = (author: CardAuthor) =>
      updateFrom(server, (c) => addCard(c, { stageId: STAGE, text: 'Asks for a quote', author }));
    expect(check(server, add(authorOf(LAN)), LAN, context)).toBeNull();
    expect(check(server, add(authorOf(GIA)), GIA, context)).toBeNull();
    const lan = authorOf(LAN);
    const forged: [string, CardAuthor][] = [
      ['a colleague', authorOf(MAI)],
      ['their own id, another name', { ...lan, name: 'Mai Trần' }],
      ['another department', { ...lan, departmentId: 'dept-support' }],
      ['no department', { ...lan, departmentId: null }],
      ['a guest mark', { ...lan, guest: true }],
    ];
    for (const [what, author] of forged) {
      expect(check(server, add(author), LAN, context), what).toBe('wrong-card-author');
    }
    // A guest's card says so.
    expect(check(server, add({ ...authorOf(GIA), guest: false }), GIA, context)).toBe('wrong-card-author');
    // A new card without any author is no card of the writer's either.
    const bare = updateFrom(server, (c) => {
      const entry = rawCard({});
      for (const field of CARD_AUTHOR_FIELDS) entry.delete(field);
      cardsMap(c).set('cardNoAuthor', entry);
    });
    expect(check(server, bare, LAN, context)).toBe('wrong-card-author');
  });

  it('keeps the author through a colleague’s edits, and refuses any change of it', () => {
    const { doc: server, id } = laneWithCardBy(authorOf(LAN));
    const context = factsFor(SALES_LANE, { [id]: { author: authorOf(LAN), laneId: SALES_LANE } });
    const edit = updateFrom(server, (c) => {
      updateCardText(c, id, 'Price unclear on the website');
      setCardColour(c, id, 'pink');
    });
    expect(check(server, edit, MAI, context)).toBeNull();
    const entry = (c: Y.Doc) => cardsMap(c).get(id) as Y.Map<unknown>;
    const changes: [string, (c: Y.Doc) => void][] = [
      ['the author id', (c) => entry(c).set('authorId', MAI.userId)],
      ['the author name', (c) => entry(c).set('authorName', 'Mai Trần')],
      ['the department', (c) => entry(c).set('authorDepartment', 'dept-support')],
      ['the guest mark', (c) => entry(c).set('authorGuest', true)],
    ];
    for (const [what, change] of changes) {
      for (const writer of [MAI, LAN]) {
        expect(
          check(server, updateFrom(server, change), writer, context),
          `${writer.displayName}: ${what}`,
        ).toBe('wrong-card-author');
      }
    }
    // Removing the author fields leaves a card of no one: refused too (as an entry of the wrong shape).
    expect(
      check(
        server,
        updateFrom(server, (c) => entry(c).delete('authorId')),
        MAI,
        context,
      ),
    ).toBe('malformed-entry');
  });

  it('puts a removed card back under its author: a colleague’s undo, a facilitator’s undo of a stage', () => {
    const server = new Y.Doc();
    const lan = replicaOf(server);
    const id = addCard(lan, { stageId: STAGE, text: 'Waits for a callback', author: authorOf(LAN) });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(lan));
    const context = factsFor(SALES_LANE, { [id]: { author: authorOf(LAN), laneId: SALES_LANE } });
    for (const writer of [MAI, HA]) {
      const page = replicaOf(server);
      const history = new Y.UndoManager(cardsMap(page), {
        trackedOrigins: new Set([ORIGIN]),
        captureTimeout: 0,
      });
      const before = Y.encodeStateVector(server);
      if (writer === HA) removeCardsOfStage(page, STAGE, ORIGIN);
      else removeCard(page, id, ORIGIN);
      const removal = Y.encodeStateAsUpdate(page, before);
      expect(check(server, removal, writer, context)).toBeNull();
      Y.applyUpdate(server, removal);
      expect(readCard(server, id)).toBeNull();
      history.undo();
      const undo = Y.encodeStateAsUpdate(page, Y.encodeStateVector(server));
      expect(check(server, undo, writer, context), writer.displayName).toBeNull();
      Y.applyUpdate(server, undo);
      expect(readCard(server, id)).toMatchObject({ text: 'Waits for a callback', author: authorOf(LAN) });
      history.destroy();
    }
  });

  it('moves another’s card under its author, out of a lane the writer may write, and no other', () => {
    const { doc: sales, id } = laneWithCardBy(authorOf(LAN));
    const records = { [id]: { author: authorOf(LAN), laneId: SALES_LANE } };
    const moveInto = (laneId: string, writer: DocumentWriter) => {
      const target = new Y.Doc();
      moveCardToLane(replicaOf(sales), target, id, { stageId: STAGE, index: 0 });
      expect(readCard(target, id)?.author).toEqual(authorOf(LAN));
      return check(new Y.Doc(), Y.encodeStateAsUpdate(target), writer, factsFor(laneId, records));
    };
    expect(moveInto(SHARED_LANE, MAI), 'a colleague, to a shared lane').toBeNull();
    expect(moveInto(SUPPORT_LANE, HA), 'a facilitator, to another department').toBeNull();
    expect(moveInto(SHARED_LANE, LAN), 'the author, anywhere they write').toBeNull();
    // Tú (Support) cannot edit the Sales lane: a copy of Lan's card in a lane Tú writes, with Tú's
    // own text under Lan's name, would make Lan say what Tú wrote.
    expect(moveInto(SHARED_LANE, TU), 'someone of another department').toBe('wrong-card-author');
    expect(moveInto(SUPPORT_LANE, TU), 'into their own lane').toBe('wrong-card-author');
    // Put back where it was last, by whoever writes that lane (the undo of a move out of it).
    const entryOf = (doc: Y.Doc) => (cardsMap(doc).get(id) as Y.Map<unknown>).clone();
    const back = updateFrom(new Y.Doc(), (c) => cardsMap(c).set(id, entryOf(sales)));
    expect(check(new Y.Doc(), back, MAI, factsFor(SALES_LANE, records))).toBeNull();
    // Under anyone but its recorded author it is refused, even under the writer's own name.
    const claimed = updateFrom(new Y.Doc(), (c) => {
      const entry = entryOf(sales);
      entry.set('authorId', MAI.userId);
      entry.set('authorName', MAI.displayName);
      cardsMap(c).set(id, entry);
    });
    expect(check(new Y.Doc(), claimed, MAI, factsFor(SHARED_LANE, records))).toBe('wrong-card-author');
    expect(check(new Y.Doc(), claimed, HA, factsFor(SALES_LANE, records))).toBe('wrong-card-author');
  });

  it('moves a card written before authors were recorded without one, and never gives it one', () => {
    const { doc: sales, id } = laneWithCardBy(null);
    expect(readCard(sales, id)?.author).toBeNull();
    const records = { [id]: { author: null, laneId: SALES_LANE } };
    const target = new Y.Doc();
    moveCardToLane(replicaOf(sales), target, id, { stageId: STAGE, index: 0 });
    const moved = Y.encodeStateAsUpdate(target);
    expect(check(new Y.Doc(), moved, MAI, factsFor(SHARED_LANE, records))).toBeNull();
    expect(check(new Y.Doc(), moved, TU, factsFor(SHARED_LANE, records))).toBe('wrong-card-author');
    // It stays editable where it is, and nobody claims it by writing an author into it.
    const edit = updateFrom(sales, (c) => updateCardText(c, id, 'Price unclear at checkout'));
    expect(check(sales, edit, MAI, factsFor(SALES_LANE, records))).toBeNull();
    const claim = updateFrom(sales, (c) => {
      const entry = cardsMap(c).get(id) as Y.Map<unknown>;
      entry.set('authorId', MAI.userId);
      entry.set('authorName', MAI.displayName);
      entry.set('authorDepartment', MAI.departmentId);
      entry.set('authorGuest', false);
    });
    expect(check(sales, claim, MAI, factsFor(SALES_LANE, records))).toBe('wrong-card-author');
  });
});

describe('the structure kind: the shape of stages, lanes, departments and the title', () => {
  const board = () => {
    const doc = new Y.Doc();
    initBoard(doc, defaultBoard('en', 'Onboarding'));
    return doc;
  };
  const checkStructure = (doc: Y.Doc, update: Uint8Array) =>
    DocumentGuard.checkOnce(doc, structureKind.content, update, { ...WRITER, role: 'owner' });

  it('refuses a title, lane or stage of the wrong shape, and passes a rename', () => {
    const server = board();
    const lane = readBoard(server).lanes[0]!;
    expect(
      checkStructure(
        server,
        updateFrom(server, (c) => c.getMap('meta').set('title', 'Onboarding')),
      ),
    ).toBeNull();
    expect(
      checkStructure(
        server,
        updateFrom(server, (c) => c.getMap('meta').set('title', 'x'.repeat(500))),
      ),
    ).toBe('malformed-entry');
    expect(
      checkStructure(
        server,
        updateFrom(server, (c) => c.getMap('meta').set('schemaVersion', 99)),
      ),
    ).toBe('malformed-entry');
    expect(
      checkStructure(
        server,
        updateFrom(server, (c) => c.getMap('meta').set('owner', 'me')),
      ),
    ).toBe('not-in-schema');
    const laneKindChanged = updateFrom(server, (c) =>
      (c.getMap('lanes').get(lane.id) as Y.Map<unknown>).set('kind', 'rockets'),
    );
    expect(checkStructure(server, laneKindChanged)).toBe('malformed-entry');
    const stage = updateFrom(server, (c) => c.getMap('stages').set('stageNew0001', new Y.Map([['name', 5]])));
    expect(checkStructure(server, stage)).toBe('malformed-entry');
  });
});
