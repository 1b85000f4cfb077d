import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expectRefusal } from '../expectRefusal.ts';
import { readCards } from '../lane.ts';
import {
  addPrivateCard,
  placeRevealedCards,
  privateCardsMap,
  readPrivateCards,
  removePrivateCard,
  removePrivateCards,
  updatePrivateCardText,
} from '../private-cards.ts';
import { updateFrom } from '../replicas.ts';
import { ROLES } from '../roles.ts';
import { cardEntry, cardsMap, DOCUMENT_BYTES, LIMITS, type CardAuthor } from '../schema.ts';
import { privateModeEntry, readPrivateMode } from '../session-private.ts';
import { DocumentGuard, type DocumentWriter } from './document-guard.ts';
import { docName, mayOpenDocument, mayWriteDocument, parseDocName } from './index.ts';
import { privateKind, type PrivateRef } from './private-kind.ts';

const BOARD = 'q2k7mvxbn4a3hd5e';
const LAN_ID = 'w8c3ptzr6y2fgk9j';
const LANE = 'lanePainPts1';
const STAGE = 'stageAware01';
const REF: PrivateRef = { kind: 'private', boardId: BOARD, userId: LAN_ID };
const LAN: DocumentWriter = {
  userId: LAN_ID,
  displayName: 'Lan Nguyễn',
  role: 'participant',
  guest: false,
  departmentId: 'dept-sales',
};
const LAN_AUTHOR: CardAuthor = { id: LAN_ID, name: 'Lan Nguyễn', departmentId: 'dept-sales', guest: false };

function check(doc: Y.Doc, update: Uint8Array) {
  return DocumentGuard.checkOnce(doc, privateKind.content, update, LAN);
}

describe('the private doc kind', () => {
  it('is named private:<boardId>:<userId> and parsed back, and nothing else is one', () => {
    expect(docName(REF)).toBe(`private:${BOARD}:${LAN_ID}`);
    expect(parseDocName(`private:${BOARD}:${LAN_ID}`)).toEqual(REF);
    for (const name of [
      `private:${BOARD}`,
      `private:${BOARD}:${LAN_ID}:x`,
      `private:${BOARD}:not an id`,
      `private::${LAN_ID}`,
      `privates:${BOARD}:${LAN_ID}`,
    ]) {
      expect(parseDocName(name), name).toBeNull();
    }
  });

  it('is opened only by the person it names, never by someone else, a viewer or a watcher', () => {
    for (const role of ROLES) {
      expect(mayOpenDocument({ userId: LAN_ID, role }, REF), role).toBe(role !== 'viewer');
      expect(mayOpenDocument({ userId: 'f5h9dqx2m7b4nv3s', role }, REF), `another ${role}`).toBe(false);
    }
    expect(mayOpenDocument({ userId: null, role: 'viewer' }, REF)).toBe(false);
  });

  it('leaves every other kind open to everyone with a role on the board', () => {
    for (const role of ROLES) {
      expect(mayOpenDocument({ userId: null, role }, { kind: 'talk', boardId: BOARD })).toBe(true);
      expect(mayOpenDocument({ userId: LAN_ID, role }, { kind: 'lane', boardId: BOARD, laneId: LANE })).toBe(
        true,
      );
    }
  });

  it('is written by its person unless they are a viewer', () => {
    expect(mayWriteDocument({ role: 'participant', departmentId: 'dept-sales' }, REF, null)).toBe(true);
    expect(mayWriteDocument({ role: 'viewer', departmentId: null }, REF, null)).toBe(false);
  });

  it('accepts the cards addPrivateCard writes and their edits and removal', () => {
    const server = new Y.Doc();
    let id = '';
    const added = updateFrom(server, (client) => {
      id = addPrivateCard(client, {
        laneId: LANE,
        stageId: STAGE,
        text: 'Khách chờ quá lâu',
        colour: 'pink',
      });
    });
    expect(check(server, added)).toBeNull();
    Y.applyUpdate(server, added);
    expect(readPrivateCards(server)).toEqual([
      expect.objectContaining({
        id,
        laneId: LANE,
        stageId: STAGE,
        text: 'Khách chờ quá lâu',
        colour: 'pink',
      }),
    ]);
    const edited = updateFrom(server, (client) => updatePrivateCardText(client, id, 'Waits too long'));
    expect(check(server, edited)).toBeNull();
    const removed = updateFrom(server, (client) => removePrivateCard(client, id));
    expect(check(server, removed)).toBeNull();
  });

  it('refuses a card with an author, without a lane, with a bad lane id or text, and any other root', () => {
    const server = new Y.Doc();
    const forged = (edit: (entry: Y.Map<unknown>) => void) =>
      updateFrom(server, (client) => {
        addPrivateCard(client, { laneId: LANE, stageId: STAGE, text: 'A card' });
        const [entry] = [...privateCardsMap(client).values()] as Y.Map<unknown>[];
        edit(entry!);
      });
    expect(
      check(
        server,
        forged((entry) => entry.set('authorId', LAN_ID)),
      ),
    ).toBe('malformed-entry');
    expect(
      check(
        server,
        forged((entry) => entry.delete('laneId')),
      ),
    ).toBe('malformed-entry');
    expect(
      check(
        server,
        forged((entry) => entry.set('laneId', 'no')),
      ),
    ).toBe('malformed-entry');
    expect(
      check(
        server,
        forged((entry) => entry.set('stageId', 'a b c d e f')),
      ),
    ).toBe('malformed-entry');
    expect(
      check(
        server,
        forged((entry) => entry.set('text', ' padded ')),
      ),
    ).toBe('malformed-entry');
    expect(
      check(
        server,
        forged((entry) => entry.set('text', 'x'.repeat(LIMITS.cardText + 1))),
      ),
    ).toBe('malformed-entry');
    expect(
      check(
        server,
        forged((entry) => entry.set('colour', 'gold')),
      ),
    ).toBe('malformed-entry');
    const elsewhere = updateFrom(server, (client) => client.getMap('votes').set('x', 1));
    expect(check(server, elsewhere)).toBe('not-in-schema');
  });

  it(`holds at most ${LIMITS.privateCards} cards`, () => {
    const doc = new Y.Doc();
    for (let i = 0; i < LIMITS.privateCards; i++) {
      addPrivateCard(doc, { laneId: LANE, stageId: STAGE, text: `Card ${i}` });
    }
    expectRefusal(
      doc,
      () => addPrivateCard(doc, { laneId: LANE, stageId: STAGE, text: 'One more' }),
      'TOO_MANY',
    );
    const server = new Y.Doc();
    const flood = updateFrom(server, (client) => {
      for (let i = 0; i <= LIMITS.privateCards; i++) {
        privateCardsMap(client).set(
          `card${String(i).padStart(6, '0')}`,
          new Y.Map<unknown>([
            ['laneId', LANE],
            ['stageId', STAGE],
            ['text', 'x'],
            ['colour', 'yellow'],
            ['order', 'a0'],
            ['createdAt', 1],
          ]),
        );
      }
    });
    expect(check(server, flood)).toBe('too-many-entries');
  });

  it('refuses an update that would grow the doc past its size', () => {
    const server = new Y.Doc();
    const big = updateFrom(server, (client) => {
      for (let i = 0; i < 195; i++) {
        addPrivateCard(client, {
          laneId: LANE,
          stageId: STAGE,
          text: `${i} ${'ế'.repeat(LIMITS.cardText - 5)}`,
        });
      }
    });
    expect(big.byteLength).toBeGreaterThan(512 * 1024);
    expect(check(server, big)).toBe('too-large');
  });

  it('refuses bad input to addPrivateCard and writes nothing', () => {
    const doc = new Y.Doc();
    expectRefusal(
      doc,
      () => addPrivateCard(doc, { laneId: 'no', stageId: STAGE, text: 'x' }),
      'UNKNOWN_LANE',
    );
    expectRefusal(
      doc,
      () => addPrivateCard(doc, { laneId: LANE, stageId: 'no', text: 'x' }),
      'UNKNOWN_STAGE',
    );
    expectRefusal(doc, () => addPrivateCard(doc, { laneId: LANE, stageId: STAGE, text: '  ' }), 'EMPTY_TEXT');
  });
});

describe('revealed private cards', () => {
  it('land after the cards of their cell, by their author, keeping id, text, colour and time', () => {
    const lane = new Y.Doc();
    cardsMap(lane).set(
      'existing0001',
      cardEntry({
        stageId: STAGE,
        text: 'Already here',
        colour: 'yellow',
        order: 'a5',
        createdAt: 1,
        author: null,
      }),
    );
    const mine = new Y.Doc();
    const first = addPrivateCard(mine, { laneId: LANE, stageId: STAGE, text: 'First', colour: 'blue' });
    const second = addPrivateCard(mine, { laneId: LANE, stageId: STAGE, text: 'Second' });
    const cards = readPrivateCards(mine);
    const placement = placeRevealedCards(lane, cards, LAN_AUTHOR);
    expect(placement).toEqual({ placed: [first, second], present: [], taken: [], full: [] });
    const shown = readCards(lane);
    expect(shown.map((card) => card.text)).toEqual(['Already here', 'First', 'Second']);
    expect(shown[1]).toMatchObject({
      id: first,
      colour: 'blue',
      author: LAN_AUTHOR,
      createdAt: cards[0]!.createdAt,
    });
    // Run again (a reveal stopped halfway): nothing is written twice.
    expect(placeRevealedCards(lane, cards, LAN_AUTHOR)).toEqual({
      placed: [],
      present: [first, second],
      taken: [],
      full: [],
    });
    expect(readCards(lane)).toHaveLength(3);
    removePrivateCards(mine, [first, second]);
    expect(readPrivateCards(mine)).toEqual([]);
  });

  it("count as placed only a lane card of the same id by the same author; another's keeps them private", () => {
    const mine = new Y.Doc();
    const same = addPrivateCard(mine, { laneId: LANE, stageId: STAGE, text: 'Mine already' });
    const clash = addPrivateCard(mine, { laneId: LANE, stageId: STAGE, text: 'Id taken' });
    const unknown = addPrivateCard(mine, { laneId: LANE, stageId: STAGE, text: 'Id of an old card' });
    const lane = new Y.Doc();
    const card = (author: CardAuthor | null) =>
      cardEntry({ stageId: STAGE, text: 'There', colour: 'yellow', order: 'a0', createdAt: 1, author });
    cardsMap(lane).set(same, card(LAN_AUTHOR));
    cardsMap(lane).set(clash, card({ ...LAN_AUTHOR, id: 'someoneElse01', name: 'Someone else' }));
    cardsMap(lane).set(unknown, card(null));
    expect(placeRevealedCards(lane, readPrivateCards(mine), LAN_AUTHOR)).toEqual({
      placed: [],
      present: [same],
      taken: [clash, unknown],
      full: [],
    });
    expect(readCards(lane).map((c) => c.text)).toEqual(['There', 'There', 'There']);
  });

  it('do not land in a full lane', () => {
    const lane = new Y.Doc();
    lane.transact(() => {
      for (let i = 0; i < LIMITS.cardsPerLane; i++) {
        cardsMap(lane).set(
          `full${String(i).padStart(8, '0')}`,
          cardEntry({ stageId: STAGE, text: 'x', colour: 'yellow', order: 'a0', createdAt: 1, author: null }),
        );
      }
    });
    const mine = new Y.Doc();
    const id = addPrivateCard(mine, { laneId: LANE, stageId: STAGE, text: 'No room' });
    expect(placeRevealedCards(lane, readPrivateCards(mine), LAN_AUTHOR)).toEqual({
      placed: [],
      present: [],
      taken: [],
      full: [id],
    });
  });
});

describe('revealed private cards and the lane byte limit', () => {
  it('stop landing before the lane passes its byte limit, the rest reported full', () => {
    const lane = new Y.Doc();
    // A lane 5 kB short of its limit (a filler root stands for the cards and history it holds).
    lane.getMap('filler').set('history', 'h'.repeat(DOCUMENT_BYTES.lane - 5_000));
    const mine = new Y.Doc();
    const ids = Array.from({ length: 10 }, (_, i) =>
      addPrivateCard(mine, { laneId: LANE, stageId: STAGE, text: `${i}`.repeat(LIMITS.cardText) }),
    );
    const placement = placeRevealedCards(lane, readPrivateCards(mine), LAN_AUTHOR);
    expect(placement.placed.length).toBeGreaterThan(0);
    expect(placement.placed.length).toBeLessThan(ids.length);
    expect([...placement.placed, ...placement.full]).toEqual(ids);
    expect(Y.encodeStateAsUpdate(lane).length).toBeLessThanOrEqual(DOCUMENT_BYTES.lane);
  });
});

describe('the private mode session entry', () => {
  it('is read back as built, and anything malformed reads as off', () => {
    const entry = privateModeEntry('f5h9dqx2m7b4nv3s', 1_700_000_000_000);
    expect(readPrivateMode(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
    for (const value of [
      undefined,
      null,
      'on',
      { on: false, startedBy: 'f5h9dqx2m7b4nv3s', startedAt: 1 },
      { on: true, startedBy: 'no', startedAt: 1 },
      { on: true, startedBy: 'f5h9dqx2m7b4nv3s', startedAt: Number.NaN },
      { on: true, startedBy: 'f5h9dqx2m7b4nv3s' },
    ]) {
      expect(readPrivateMode(value), JSON.stringify(value)).toBeNull();
    }
    expect(() => privateModeEntry('not an id', 1)).toThrow();
  });
});
