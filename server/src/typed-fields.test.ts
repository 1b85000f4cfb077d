import {
  addCard,
  addEmotionPoint,
  attachToCard,
  setCardDepartments,
  addPersona,
  linkCards,
  readBoard,
  readCard,
  setCardKpi,
  setCardSeverity,
  setEmotionScore,
} from '@journeyboard/board-model';
import { updateFrom } from '@journeyboard/board-model/testing';
import { makePng, uploadAttachment } from '@journeyboard/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  authorOf,
  boardWithEveryRole,
  type BoardDocument,
  type BoardWithEveryRole,
} from './testing/board-with-every-role.ts';
import { connectClient, waitForSaved, waitUntil, type Identity } from './testing/harness.ts';
import { RawSyncSocket, updateFrame } from './testing/raw-sync-socket.ts';
import { storedState } from './testing/stored-rows.ts';

// The typed fields of a card (an emotion score, a severity, a KPI, links…) and a board's personas
// are checked by the server on every update, as comments and authors are: a raw protocol client
// that may write a lane cannot store a score of 99, a KPI that is not a number or a 5 MB label in
// it, and the stored lane stays as it was.

const REFUSED = 'content-refused';

async function sendAs(
  world: BoardWithEveryRole,
  person: Identity,
  document: BoardDocument,
  update: Uint8Array,
) {
  const name = world.docNames[document];
  const raw = await RawSyncSocket.connect(world.server, person);
  expect(await raw.authenticate(name)).toMatchObject({ type: 'authenticated', scope: 'read-write' });
  const before = await storedState(world.server, name);
  // A frame over the server's message limit closes the socket itself rather than the document.
  const answer = await Promise.race([
    raw.write(name, updateFrame(name, update)),
    raw.closed.then(({ reason }) => ({ socketClosed: reason })),
  ]);
  const after = await storedState(world.server, name);
  return { answer, stored: after !== before };
}

describe('typed fields, checked at the server', () => {
  it('refuses out-of-range and wrongly typed fields from a writer of the lane, and stores nothing', async () => {
    const world = await boardWithEveryRole();
    const writer = world.people.salesParticipant;
    const page = await connectClient(world.server, writer).open(world.docNames.salesLane);
    const author = authorOf(world, writer);
    const point = addEmotionPoint(page.document, {
      stageId: world.stageId,
      score: -1,
      persona: null,
      author,
    });
    const note = addCard(page.document, { stageId: world.stageId, text: 'Waits for a quote', author });
    setCardSeverity(page.document, note, 'high');
    setCardKpi(page.document, note, { current: 12, target: 40 });
    await waitForSaved(page);

    const field = (id: string, name: string, value: unknown) =>
      updateFrom(page.document, (d) => (d.getMap('cards').get(id) as Y.Map<unknown>).set(name, value));
    const attempts: [string, Uint8Array][] = [
      ['a score of 99', field(point, 'score', 99)],
      ['a score of 1.5', field(point, 'score', 1.5)],
      ['a score as text', field(point, 'score', '2')],
      ['an unknown severity', field(note, 'severity', 'urgent')],
      ['a KPI value that is no number', field(note, 'kpiCurrent', 'ten')],
      ['a KPI target of infinity', field(note, 'kpiTarget', Number.POSITIVE_INFINITY)],
      ['a 5 MB label', field(point, 'text', 'x'.repeat(5 * 1024 * 1024))],
      ['a 5 MB channel', field(note, 'channel', 'x'.repeat(5 * 1024 * 1024))],
      [
        '21 links',
        field(
          note,
          'links',
          Array.from({ length: 21 }, (_, i) => `linkedCard${String(i).padStart(2, '0')}`),
        ),
      ],
      ['a link that is no id', field(note, 'links', ['../../etc'])],
      ['persona tags that are not a list', field(note, 'personas', 'everyone')],
      ['an empty text on a card that is no point', field(note, 'text', '')],
      ['a field no card has', field(note, 'votes', 12)],
    ];
    for (const [what, update] of attempts) {
      const result = await sendAs(world, writer, 'salesLane', update);
      // A 5 MB frame is over the server's message limit: its socket is closed before it is read.
      if (what.includes('5 MB'))
        expect(result, what).toMatchObject({ answer: { socketClosed: expect.any(String) }, stored: false });
      else expect(result, what).toEqual({ answer: { closed: REFUSED }, stored: false });
    }
    // A 40 KB label fits in a frame but not in a label: the content check refuses it.
    for (const [what, update] of [
      ['a 40 KB label', field(point, 'text', 'x'.repeat(40_000))],
      ['a 40 KB channel', field(note, 'channel', 'x'.repeat(40_000))],
    ] as const) {
      expect(await sendAs(world, writer, 'salesLane', update), what).toEqual({
        answer: { closed: REFUSED },
        stored: false,
      });
    }

    // The lane is as it was, for the page and for anyone who opens it afresh.
    const observer = await connectClient(world.server, world.server.owner).open(world.docNames.salesLane);
    await waitUntil(() => readCard(observer.document, note) !== null, 'the observer sees the card');
    expect(readCard(observer.document, point)).toMatchObject({ score: -1, invalid: [] });
    expect(readCard(observer.document, note)).toMatchObject({
      severity: 'high',
      kpi: { current: 12, target: 40, unit: '', trend: null },
      links: [],
      invalid: [],
    });

    // What the operations write goes through.
    setEmotionScore(page.document, point, 3);
    linkCards(page.document, note, point);
    await waitForSaved(page);
    await waitUntil(() => readCard(observer.document, point)?.score === 3, 'the observer sees the score');
    await waitUntil(
      () => readCard(observer.document, note)?.links[0] === point,
      'the observer sees the link',
    );
  });

  it('refuses malformed personas from the owner, and any persona from a participant', async () => {
    const world = await boardWithEveryRole();
    const owner = await connectClient(world.server, world.server.owner).open(world.docNames.structure);
    addPersona(owner.document, { name: 'Lan, IT admin' });
    await waitForSaved(owner);
    const persona = readBoard(owner.document).personas[0]!.id;
    const set = (field: string, value: unknown) =>
      updateFrom(owner.document, (d) =>
        (d.getMap('personas').get(persona) as Y.Map<unknown>).set(field, value),
      );
    for (const [what, update] of [
      ['a goals text over 500 characters', set('goals', 'x'.repeat(501))],
      ['an empty name', set('name', '')],
      ['an unknown colour', set('colour', 'gold')],
    ] as const) {
      expect(await sendAs(world, world.server.owner, 'structure', update), what).toEqual({
        answer: { closed: REFUSED },
        stored: false,
      });
    }
    // A participant has the structure read-only: their persona is not stored.
    const participant = world.people.salesParticipant;
    const raw = await RawSyncSocket.connect(world.server, participant);
    expect(await raw.authenticate(world.docNames.structure)).toMatchObject({ scope: 'readonly' });
    const before = await storedState(world.server, world.docNames.structure);
    await raw.write(
      world.docNames.structure,
      updateFrame(
        world.docNames.structure,
        updateFrom(owner.document, (d) => addPersona(d, { name: 'Intruder' })),
      ),
    );
    expect(await storedState(world.server, world.docNames.structure)).toBe(before);
    expect(readBoard(owner.document).personas.map((p) => p.name)).toEqual(['Lan, IT admin']);
  });

  it('refuses a card naming a persona or department the board does not have, and passes one it has, even just added', async () => {
    const world = await boardWithEveryRole();
    const writer = world.people.salesParticipant;
    const structure = await connectClient(world.server, world.server.owner).open(world.docNames.structure);
    const page = await connectClient(world.server, writer).open(world.docNames.salesLane);
    const note = addCard(page.document, {
      stageId: world.stageId,
      text: 'Compares prices',
      author: authorOf(world, writer),
    });
    await waitForSaved(page);

    const tag = (field: string, value: unknown) =>
      updateFrom(page.document, (d) => (d.getMap('cards').get(note) as Y.Map<unknown>).set(field, value));
    for (const [what, update] of [
      ['a persona the board does not have', tag('personas', ['ghostPersona'])],
      ['a department the board does not have', tag('departments', ['dept-ghosts'])],
      ['a file the board does not keep', tag('attachments', ['ghostFile001'])],
    ] as const) {
      expect(await sendAs(world, writer, 'salesLane', update), what).toEqual({
        answer: { closed: REFUSED },
        stored: false,
      });
    }

    // A persona added by the owner and at once named by a participant's card: the check waits for it.
    const persona = addPersona(structure.document, { name: 'Minh, everyday user' });
    const named = updateFrom(page.document, (d) => {
      (d.getMap('cards').get(note) as Y.Map<unknown>).set('personas', [persona]);
      (d.getMap('cards').get(note) as Y.Map<unknown>).set('departments', ['dept-sales']);
    });
    expect(await sendAs(world, writer, 'salesLane', named)).toEqual({
      answer: { saved: true },
      stored: true,
    });
  });

  it('passes a card naming several files uploaded just before, with its departments, in one update', async () => {
    const world = await boardWithEveryRole();
    const writer = world.people.salesParticipant;
    const files: string[] = [];
    for (const name of ['whiteboard.png', 'survey.png']) {
      const response = await uploadAttachment(world.server.url, writer.cookie, world.boardId, {
        name,
        type: 'image/png',
        data: makePng(8, 8),
      });
      expect(response.status).toBe(201);
      files.push(((await response.json()) as { attachment: { id: string } }).attachment.id);
    }
    const page = await connectClient(world.server, writer).open(world.docNames.salesLane);
    const update = updateFrom(page.document, (d) => {
      const id = addCard(d, { stageId: world.stageId, text: 'Evidence', author: authorOf(world, writer) });
      setCardDepartments(d, id, ['dept-sales']);
      for (const file of files) attachToCard(d, id, file);
    });
    // Neither file is known to the lane check yet: both are looked up, and the department stays known.
    expect(await sendAs(world, writer, 'salesLane', update)).toEqual({
      answer: { saved: true },
      stored: true,
    });
  });
});
