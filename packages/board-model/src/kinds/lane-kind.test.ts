import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readCards, updateCardText } from '../lane.ts';
import { initialKeys } from '../order.ts';
import { updateFrom } from '../replicas.ts';
import { cardsMap, DOCUMENT_BYTES, LIMITS } from '../schema.ts';
import { DocumentGuard, type DocumentWriter } from './document-guard.ts';
import { laneKind } from './lane-kind.ts';
import { structureKind } from './structure-kind.ts';
import { initBoard, readBoard } from '../structure.ts';
import { defaultBoard } from '../templates.ts';

const WRITER: DocumentWriter = {
  userId: 'q2k7mvxbn4a3hd5e',
  displayName: 'Lan',
  role: 'participant',
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

function rawCard(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>(
    Object.entries({ stageId: STAGE, text: 'Text', colour: 'yellow', order: 'a0', createdAt: 1, ...fields }),
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
        updateFrom(server, (c) => addCard(c, { stageId: STAGE, text: 'Giá quá cao' })),
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
        updateFrom(server, (c) => addCard(c, { stageId: STAGE, text: 'Last' })),
      ),
    ).toBeNull();
    const two = updateFrom(server, (c) => {
      addCard(c, { stageId: STAGE, text: 'One' });
      addCard(c, { stageId: STAGE, text: 'Two' });
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
