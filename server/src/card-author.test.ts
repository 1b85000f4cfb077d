import {
  addCard,
  moveCardToLane,
  readBoard,
  readCard,
  readCards,
  removeCard,
  removeStage,
  setCardColour,
  updateCardText,
  type CardAuthor,
} from '@journeyboard/board-model';
import { updateFrom } from '@journeyboard/board-model/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  authorOf,
  boardWithEveryRole,
  SUPPORT,
  type BoardDocument,
  type BoardWithEveryRole,
  type Person,
} from './testing/board-with-every-role.ts';
import {
  connectClient,
  startServerProcess,
  waitForSaved,
  waitUntil,
  type Identity,
} from './testing/harness.ts';
import { callApi } from './testing/api-client.ts';
import { RawSyncSocket, syncStep2Frame, updateFrame } from './testing/raw-sync-socket.ts';
import { editStore, storedState } from './testing/stored-rows.ts';

// A lane doc is written by a whole department, yet nobody puts a card under someone else's name:
// the server checks the author of every card an update creates against who sends it, or against
// the card's recorded first writer when the card id was written before (a move, an undo). Tried
// with a raw protocol client that claims whatever it likes.

const REFUSED = 'card-refused';
const STAGE_TEXT = 'Asks for a quote';

/** A provider on `document` as `person` (the owner unless told), as a page has it. */
async function open(
  world: BoardWithEveryRole,
  document: BoardDocument,
  person: Identity = world.server.owner,
) {
  return connectClient(world.server, person).open(world.docNames[document]);
}

/** Sends `update` to `document` as `person` on a new raw socket: the answer, and whether it was stored. */
async function sendAs(
  world: BoardWithEveryRole,
  person: Identity,
  document: BoardDocument,
  update: Uint8Array,
  as: 'update' | 'syncStep2' = 'update',
) {
  const name = world.docNames[document];
  const raw = await RawSyncSocket.connect(world.server, person);
  expect(await raw.authenticate(name)).toMatchObject({ type: 'authenticated', scope: 'read-write' });
  const before = await storedState(world.server, name);
  const answer = await raw.write(name, (as === 'update' ? updateFrame : syncStep2Frame)(name, update));
  const stored = (await storedState(world.server, name)) !== before;
  return { answer, stored };
}

/** A card by `by`, added through a provider as the page does; resolves once saved, with its id. */
async function cardBy(world: BoardWithEveryRole, by: Person, document: BoardDocument, text = STAGE_TEXT) {
  const page = await open(world, document, world.people[by]);
  const id = addCard(page.document, {
    stageId: world.stageId,
    text,
    author: authorOf(world, world.people[by]),
  });
  await waitForSaved(page);
  return id;
}

/** The entry of card `id` of `from` with `change`, as a hostile client would copy it (a new Y.Map, once). */
function entryOf(from: Y.Doc, id: string, change: Record<string, unknown> = {}): Y.Map<unknown> {
  const entry = (from.getMap('cards').get(id) as Y.Map<unknown>).clone();
  for (const [field, value] of Object.entries(change)) entry.set(field, value);
  return entry;
}

describe('a card is by its writer, as the server says', () => {
  for (const as of ['update', 'syncStep2'] as const) {
    it(`refuses a new card under anyone but its writer, sent as ${as}, and stores none`, async () => {
      const world = await boardWithEveryRole();
      const { people } = world;
      const observer = (await open(world, 'sharedLane')).document;
      const own = authorOf(world, people.supportParticipant);
      const spoofs: [string, CardAuthor][] = [
        ['the owner', authorOf(world, people.owner)],
        ['their own id, the facilitator’s name', { ...own, name: 'facilitator' }],
        ['their own id and name, another department', { ...own, departmentId: 'dept-sales' }],
        ['their own id and name, no department', { ...own, departmentId: null }],
        ['a guest mark', { ...own, guest: true }],
      ];
      for (const [what, author] of spoofs) {
        const update = updateFrom(observer, (d) =>
          addCard(d, { stageId: world.stageId, text: `spoofed: ${what}`, author }),
        );
        const { answer, stored } = await sendAs(world, people.supportParticipant, 'sharedLane', update, as);
        expect({ answer, stored }, what).toEqual({ answer: { closed: REFUSED }, stored: false });
      }
      // A card with no author at all is nobody's: refused too.
      const anonymous = updateFrom(observer, (d) => {
        addCard(d, { stageId: world.stageId, text: 'anonymous', author: own });
        const [id] = [...d.getMap('cards').keys()];
        const entry = d.getMap('cards').get(id!) as Y.Map<unknown>;
        for (const field of ['authorId', 'authorName', 'authorDepartment', 'authorGuest'])
          entry.delete(field);
      });
      const unnamed = await sendAs(world, people.supportParticipant, 'sharedLane', anonymous, as);
      expect(unnamed).toEqual({ answer: { closed: REFUSED }, stored: false });
      // A guest's card says they are one.
      const unmarked = updateFrom(observer, (d) =>
        addCard(d, {
          stageId: world.stageId,
          text: 'spoofed: no guest mark',
          author: { ...authorOf(world, people.supportGuest), guest: false },
        }),
      );
      expect(await sendAs(world, people.supportGuest, 'sharedLane', unmarked, as)).toEqual({
        answer: { closed: REFUSED },
        stored: false,
      });

      // Their own cards go through, the guest's marked and in the department they joined.
      for (const person of ['supportParticipant', 'supportGuest'] as const) {
        const update = updateFrom(observer, (d) =>
          addCard(d, {
            stageId: world.stageId,
            text: `by ${person}`,
            author: authorOf(world, people[person]),
          }),
        );
        const { answer, stored } = await sendAs(world, people[person], 'sharedLane', update, as);
        expect({ answer, stored }, person).toEqual({ answer: { saved: true }, stored: true });
      }
      await waitUntil(() => readCards(observer).length === 2, 'the observer sees both cards');
      expect(readCards(observer).map((card) => [card.text, card.author])).toEqual(
        expect.arrayContaining([
          ['by supportParticipant', own],
          [
            'by supportGuest',
            { id: people.supportGuest.userId, name: 'Gia Guest', departmentId: SUPPORT, guest: true },
          ],
        ]),
      );
    });
  }

  it('keeps the author through a colleague’s edits, and refuses any change of it', async () => {
    const world = await boardWithEveryRole();
    const { people } = world;
    const id = await cardBy(world, 'salesLead', 'salesLane');
    const colleague = await open(world, 'salesLane', people.salesParticipant);
    await waitUntil(() => readCard(colleague.document, id) !== null, 'the colleague sees the card');
    updateCardText(colleague.document, id, 'Asks for a quote by phone');
    setCardColour(colleague.document, id, 'pink');
    await waitForSaved(colleague);
    const observer = (await open(world, 'salesLane')).document;
    await waitUntil(() => readCard(observer, id)?.colour === 'pink', 'the observer sees the edit');
    expect(readCard(observer, id)).toMatchObject({
      text: 'Asks for a quote by phone',
      author: authorOf(world, people.salesLead),
    });

    const entry = (d: Y.Doc) => d.getMap('cards').get(id) as Y.Map<unknown>;
    const changes: [string, (d: Y.Doc) => void, Person][] = [
      ['its author', (d) => entry(d).set('authorId', people.salesParticipant.userId), 'salesParticipant'],
      ['its author’s name', (d) => entry(d).set('authorName', 'salesParticipant'), 'salesParticipant'],
      ['its department', (d) => entry(d).set('authorDepartment', SUPPORT), 'salesLead'],
      ['its guest mark', (d) => entry(d).set('authorGuest', true), 'owner'],
    ];
    for (const [what, change, person] of changes) {
      const { answer, stored } = await sendAs(
        world,
        people[person],
        'salesLane',
        updateFrom(observer, change),
      );
      expect({ answer, stored }, `${person} changing ${what}`).toEqual({
        answer: { closed: REFUSED },
        stored: false,
      });
    }
    expect(readCard(observer, id)?.author).toEqual(authorOf(world, people.salesLead));
  });

  it('keeps the author when a card moves between lanes, whoever moves it, and refuses a copy out of a lane the writer may not write', async () => {
    const world = await boardWithEveryRole();
    const { people } = world;
    const lead = authorOf(world, people.salesLead);
    const id = await cardBy(world, 'salesLead', 'salesLane');
    const sales = (await open(world, 'salesLane')).document;
    await waitUntil(() => readCard(sales, id) !== null, 'the card is seen');

    // Support cannot edit the Sales lane: a copy of the lead's card in a lane Support writes, with
    // Support's text under the lead's name, is refused, as is taking it over under their own name.
    const shared = (await open(world, 'sharedLane')).document;
    const copies = {
      'under the lead’s name': () => entryOf(sales, id, { text: 'Our prices are a joke' }),
      'under their own name': () =>
        entryOf(sales, id, {
          authorId: people.supportParticipant.userId,
          authorName: 'supportParticipant',
          authorDepartment: SUPPORT,
        }),
    };
    for (const [what, copy] of Object.entries(copies)) {
      const update = updateFrom(shared, (d) => d.getMap('cards').set(id, copy()));
      const { answer, stored } = await sendAs(world, people.supportParticipant, 'sharedLane', update);
      expect({ answer, stored }, what).toEqual({ answer: { closed: REFUSED }, stored: false });
    }

    // A colleague moves it to the shared lane, a facilitator on to Support, where Support then may.
    const moves: [Person, BoardDocument, BoardDocument][] = [
      ['salesParticipant', 'salesLane', 'sharedLane'],
      ['facilitator', 'sharedLane', 'supportLane'],
      ['supportParticipant', 'supportLane', 'sharedLane'],
    ];
    for (const [person, from, to] of moves) {
      const source = await open(world, from, people[person]);
      const target = await open(world, to, people[person]);
      await waitUntil(() => readCard(source.document, id) !== null, `${person} sees the card in ${from}`);
      moveCardToLane(source.document, target.document, id, { stageId: world.stageId, index: 0 });
      await Promise.all([waitForSaved(source), waitForSaved(target)]);
      const observer = (await open(world, to)).document;
      await waitUntil(() => readCard(observer, id) !== null, `the move by ${person} is seen`);
      expect(readCard(observer, id), `moved by ${person}`).toMatchObject({ text: STAGE_TEXT, author: lead });
      expect(readCard((await open(world, from)).document, id), `gone from ${from}`).toBeNull();
    }
  });

  it('puts a removed card back under its author: a colleague’s undo of a removal, a facilitator’s undo of a stage removal', async () => {
    const world = await boardWithEveryRole();
    const { people } = world;
    const lead = authorOf(world, people.salesLead);
    const origin = { page: 'undo' };
    const observer = (await open(world, 'salesLane')).document;

    const removed = await cardBy(world, 'salesLead', 'salesLane', 'Removed by a colleague');
    const colleague = await open(world, 'salesLane', people.salesParticipant);
    await waitUntil(() => readCard(colleague.document, removed) !== null, 'the colleague sees the card');
    const history = new Y.UndoManager(colleague.document.getMap('cards'), {
      trackedOrigins: new Set([origin]),
    });
    removeCard(colleague.document, removed, origin);
    await waitForSaved(colleague);
    await waitUntil(() => readCard(observer, removed) === null, 'the removal is seen');
    history.undo();
    await waitForSaved(colleague);
    await waitUntil(() => readCard(observer, removed) !== null, 'the undo is seen');
    expect(readCard(observer, removed)).toMatchObject({ text: 'Removed by a colleague', author: lead });

    // A facilitator removes a whole stage and undoes it: every card comes back, under its author.
    const inStage = await cardBy(world, 'salesLead', 'salesLane', 'Removed with its stage');
    const structure = await open(world, 'structure', people.facilitator);
    const lane = await open(world, 'salesLane', people.facilitator);
    await waitUntil(() => readCard(lane.document, inStage) !== null, 'the facilitator sees the card');
    const structureHistory = new Y.UndoManager(structure.document.getMap('stages'), {
      trackedOrigins: new Set([origin]),
    });
    const laneHistory = new Y.UndoManager(lane.document.getMap('cards'), {
      trackedOrigins: new Set([origin]),
    });
    removeStage(structure.document, world.stageId, [lane.document], origin);
    await Promise.all([waitForSaved(structure), waitForSaved(lane)]);
    await waitUntil(() => readCards(observer).length === 0, 'the stage’s cards are gone');
    laneHistory.undo();
    structureHistory.undo();
    await Promise.all([waitForSaved(structure), waitForSaved(lane)]);
    await waitUntil(() => readCards(observer).length === 2, 'the undo is seen');
    expect(readCards(observer).map((card) => [card.text, card.author])).toEqual(
      expect.arrayContaining([
        ['Removed by a colleague', lead],
        ['Removed with its stage', lead],
      ]),
    );
    expect(readBoard(structure.document).stages.map((stage) => stage.id)).toContain(world.stageId);
  });

  it('reads cards written before authors as by an unknown author, editable and movable, never claimed; and keeps its records across a restart', async () => {
    const world = await boardWithEveryRole();
    const { people, boardId } = world;
    // Cards as a release before authors wrote them, stored behind the server's back before the
    // lane is first opened.
    const old = new Y.Doc();
    old.transact(() => {
      for (const [id, text] of [
        ['oldCard00001', 'Waits on hold'],
        ['oldCard00002', 'Gets a survey'],
      ] as const) {
        old.getMap('cards').set(
          id,
          new Y.Map<unknown>(
            Object.entries({
              stageId: world.stageId,
              text,
              colour: 'yellow',
              order: `a${id.at(-1)}`,
              createdAt: 1,
            }),
          ),
        );
      }
    });
    await editStore(world.server, (db) =>
      db
        .insertInto('doc_updates')
        .values({
          doc_name: world.docNames.supportLane,
          board_id: boardId,
          data: Y.encodeStateAsUpdate(old),
          created_at: Date.now(),
        })
        .execute(),
    );
    const support = await open(world, 'supportLane', people.supportParticipant);
    expect(readCards(support.document).map((card) => [card.text, card.author])).toEqual([
      ['Waits on hold', null],
      ['Gets a survey', null],
    ]);
    updateCardText(support.document, 'oldCard00001', 'Waits on hold for ten minutes');
    const shared = await open(world, 'sharedLane', people.supportParticipant);
    moveCardToLane(support.document, shared.document, 'oldCard00002', { stageId: world.stageId, index: 0 });
    await Promise.all([waitForSaved(support), waitForSaved(shared)]);
    const observer = (await open(world, 'sharedLane')).document;
    await waitUntil(() => readCard(observer, 'oldCard00002') !== null, 'the move is seen');
    expect(readCard(observer, 'oldCard00002')?.author).toBeNull();
    const claim = updateFrom(support.document, (d) => {
      const entry = d.getMap('cards').get('oldCard00001') as Y.Map<unknown>;
      const own = authorOf(world, people.supportParticipant);
      entry.set('authorId', own.id);
      entry.set('authorName', own.name);
      entry.set('authorDepartment', own.departmentId);
      entry.set('authorGuest', own.guest);
    });
    expect(await sendAs(world, people.supportParticipant, 'supportLane', claim)).toEqual({
      answer: { closed: REFUSED },
      stored: false,
    });
    const lead = authorOf(world, people.salesLead);
    const id = await cardBy(world, 'salesLead', 'salesLane', 'Written before the restart');
    const salesBefore = (await open(world, 'salesLane')).document;
    await waitUntil(() => readCard(salesBefore, id) !== null, 'the card is seen');
    const stolen = () =>
      entryOf(salesBefore, id, {
        authorId: people.facilitator.userId,
        authorName: 'facilitator',
        authorDepartment: null,
      });

    // After a restart, what was recorded still holds: the facilitator moves the lead's card
    // under the lead's name, and cannot take it over under their own.
    await world.server.stop('SIGTERM');
    const restarted = { ...world, server: await startServerProcess(world.server.dataDir) };
    const theirs = updateFrom(new Y.Doc(), (d) => d.getMap('cards').set(id, stolen()));
    expect(await sendAs(restarted, people.facilitator, 'supportLane', theirs)).toEqual({
      answer: { closed: REFUSED },
      stored: false,
    });
    const source = await open(restarted, 'salesLane', people.facilitator);
    const target = await open(restarted, 'supportLane', people.facilitator);
    moveCardToLane(source.document, target.document, id, { stageId: world.stageId, index: 0 });
    await Promise.all([waitForSaved(source), waitForSaved(target)]);
    expect(readCard(target.document, id)).toMatchObject({ text: 'Written before the restart', author: lead });
    expect(readCard(target.document, 'oldCard00001')).toMatchObject({
      text: 'Waits on hold for ten minutes',
      author: null,
    });
  });

  it('forgets the card records of a board when it is deleted', async () => {
    const world = await boardWithEveryRole();
    const { boardId, server } = world;
    await cardBy(world, 'salesLead', 'salesLane');
    const records = () =>
      editStore(server, (db) =>
        db.selectFrom('card_authors').select('card_id').where('board_id', '=', boardId).execute(),
      );
    await waitUntil(async () => (await records()).length === 1, 'the card is recorded');
    expect((await callApi(server, server.owner, 'DELETE', `/api/boards/${boardId}`)).status).toBe(200);
    expect(await records()).toEqual([]);
  });
});
