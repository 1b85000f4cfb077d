import {
  addCard,
  addPrivateCard,
  laneDocName,
  moveCardToLane,
  privateCardsMap,
  privateDocName,
  readBoard,
  readCards,
  readPrivateCards,
  readPrivateMode,
  readSessionValue,
  sessionDocName,
  updateCardText,
  type PrivateModeAnswer,
} from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from './testing/api-client.ts';
import {
  authorOf,
  boardWithEveryRole,
  PEOPLE,
  type BoardWithEveryRole,
  type Person,
} from './testing/board-with-every-role.ts';
import { connectClient, waitForSaved, waitUntil, type Identity } from './testing/harness.ts';
import { RawSyncSocket } from './testing/raw-sync-socket.ts';

// Private mode: what a participant writes while it is on is in their own private doc, which the
// server opens to nobody else, and lands in the lanes only when the owner or a facilitator reveals.

/** Writes private cards as `person`, through their own private doc, and waits until saved. */
async function writePrivately(
  world: BoardWithEveryRole,
  person: Identity,
  write: (doc: Y.Doc) => void,
): Promise<Y.Doc> {
  const provider = await connectClient(world.server, person).open(
    privateDocName(world.boardId, person.userId!),
  );
  write(provider.document);
  await waitForSaved(provider);
  return provider.document;
}

/** Every document of the board that anyone opens, as `person` reads it now (a fresh client). */
async function readableDocs(world: BoardWithEveryRole, person: Identity): Promise<Map<string, Y.Doc>> {
  const client = connectClient(world.server, person);
  const names = [...Object.values(world.docNames), sessionDocName(world.boardId)];
  const docs = new Map<string, Y.Doc>();
  for (const name of names) docs.set(name, (await client.open(name)).document);
  return docs;
}

function setPrivateMode(world: BoardWithEveryRole, as: Identity | null, on: boolean) {
  return callApi<PrivateModeAnswer & { code?: string }>(
    world.server,
    as,
    'POST',
    `/api/boards/${world.boardId}/session/private`,
    { on },
  );
}

/** The cards of a lane as a fresh client of the owner reads them. */
async function laneCards(world: BoardWithEveryRole, laneId: string) {
  const provider = await connectClient(world.server).open(laneDocName(world.boardId, laneId));
  return readCards(provider.document);
}

describe('a private doc', () => {
  it('is opened by nobody but its person: not the owner, a facilitator, a lead, another participant, a viewer or a watcher', async () => {
    const world = await boardWithEveryRole();
    const { people } = world;
    const marker = 'Chỉ mình tôi thấy: the refund form loses my order';
    await writePrivately(world, people.salesParticipant, (doc) =>
      addPrivateCard(doc, { laneId: world.laneIds.sales, stageId: world.stageId, text: marker }),
    );
    const name = privateDocName(world.boardId, people.salesParticipant.userId!);
    const others = PEOPLE.filter(
      (person): person is Exclude<Person, 'salesParticipant'> => person !== 'salesParticipant',
    );
    for (const person of others) {
      const raw = await RawSyncSocket.connect(world.server, people[person]);
      expect(await raw.authenticate(name), person).toMatchObject({ type: 'permissionDenied' });
    }
    // A viewer has no private doc of their own either (nor does a watcher, who has no user id).
    const viewer = await RawSyncSocket.connect(world.server, people.viewer);
    const viewersOwn = privateDocName(world.boardId, people.viewer.userId!);
    expect(await viewer.authenticate(viewersOwn)).toMatchObject({ type: 'permissionDenied' });
    // Its person reads it back.
    const own = await RawSyncSocket.connect(world.server, people.salesParticipant);
    expect(await own.authenticate(name)).toMatchObject({ type: 'authenticated' });

    // And the card is in no document anyone else reads.
    for (const person of ['owner', 'facilitator', 'salesLead', 'viewer', 'watcher'] as const) {
      for (const [docName, doc] of await readableDocs(world, people[person])) {
        const bytes = Buffer.from(Y.encodeStateAsUpdate(doc));
        expect(bytes.includes(Buffer.from(marker)), `${person} reads ${docName}`).toBe(false);
      }
    }
  });
});

describe('private mode', () => {
  it('is started and ended only by the owner or a facilitator', async () => {
    const world = await boardWithEveryRole();
    const { people } = world;
    const session = (
      await connectClient(world.server, people.salesParticipant).open(sessionDocName(world.boardId))
    ).document;
    const mode = () => readPrivateMode(readSessionValue(session, 'private'));
    for (const person of ['salesLead', 'salesParticipant', 'supportGuest', 'viewer', 'watcher'] as const) {
      const answer = await setPrivateMode(world, people[person], true);
      expect({ status: answer.status, code: answer.body.code }, person).toEqual({
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      });
    }
    expect(await setPrivateMode(world, null, true)).toMatchObject({ status: 401 });
    expect(mode()).toBeNull();

    expect(await setPrivateMode(world, people.facilitator, true)).toMatchObject({
      status: 200,
      body: { on: true },
    });
    await waitUntil(() => mode() !== null, 'everyone sees private mode on');
    expect(mode()).toMatchObject({ on: true, startedBy: people.facilitator.userId });
    // Starting it again leaves it as it was started.
    expect(await setPrivateMode(world, people.owner, true)).toMatchObject({ status: 200 });

    for (const person of ['salesLead', 'salesParticipant', 'supportGuest', 'viewer', 'watcher'] as const) {
      const answer = await setPrivateMode(world, people[person], false);
      expect({ status: answer.status, code: answer.body.code }, person).toEqual({
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      });
    }
    const malformed = await callApi(
      world.server,
      people.owner,
      'POST',
      `/api/boards/${world.boardId}/session/private`,
      {
        on: 'off',
      },
    );
    expect(malformed).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(mode()).toMatchObject({ startedBy: people.facilitator.userId });

    expect(await setPrivateMode(world, people.owner, false)).toMatchObject({
      status: 200,
      body: { on: false },
    });
    await waitUntil(() => mode() === null, 'everyone sees private mode off');
  });

  it('reveals each card where its author put it, by its author, once; and keeps what cannot land', async () => {
    const world = await boardWithEveryRole();
    const { people, laneIds, stageId } = world;
    const board = (await connectClient(world.server).open(world.docNames.structure)).document;
    const laterStage = readBoard(board).stages.at(-1)!.id;
    expect(laterStage).not.toBe(stageId);
    // The owner's card in the shared lane, whose id a forged private card borrows.
    const shared = await connectClient(world.server).open(world.docNames.sharedLane);
    const ownersCard = addCard(shared.document, {
      stageId,
      text: 'Owner wrote this',
      author: authorOf(world, people.owner),
    });
    await waitForSaved(shared);
    expect((await setPrivateMode(world, people.facilitator, true)).status).toBe(200);

    let salesCard = '';
    let sharedCard = '';
    let notTheirLane = '';
    const lansDoc = await writePrivately(world, people.salesParticipant, (doc) => {
      salesCard = addPrivateCard(doc, {
        laneId: laneIds.sales,
        stageId,
        text: 'Quote takes a week',
        colour: 'pink',
      });
      sharedCard = addPrivateCard(doc, {
        laneId: laneIds.shared,
        stageId: laterStage,
        text: 'Nobody calls back',
      });
      // Support's lane is not a Sales participant's to write: it stays private.
      notTheirLane = addPrivateCard(doc, { laneId: laneIds.support, stageId, text: 'Ticket bounced' });
      // A card under the id of the owner's card: it must not overwrite it.
      privateCardsMap(doc).set(
        ownersCard,
        new Y.Map<unknown>([
          ['laneId', laneIds.shared],
          ['stageId', stageId],
          ['text', 'Overwritten by a participant'],
          ['colour', 'grey'],
          ['order', 'a0'],
          ['createdAt', Date.now()],
        ]),
      );
    });
    let guestsCard = '';
    await writePrivately(world, people.supportGuest, (doc) => {
      guestsCard = addPrivateCard(doc, { laneId: laneIds.support, stageId, text: 'Chat drops at night' });
    });
    expect((await laneCards(world, laneIds.sales)).map((card) => card.text)).toEqual([]);

    // Two reveals at once: the cards land once.
    const [first, second] = await Promise.all([
      setPrivateMode(world, people.facilitator, false),
      setPrivateMode(world, people.owner, false),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.revealed + second.body.revealed).toBe(3);
    expect([first.body.kept, second.body.kept]).toEqual([2, 2]);

    const sales = await laneCards(world, laneIds.sales);
    expect(sales).toEqual([
      expect.objectContaining({
        id: salesCard,
        stageId,
        text: 'Quote takes a week',
        colour: 'pink',
        author: authorOf(world, people.salesParticipant),
      }),
    ]);
    const sharedNow = await laneCards(world, laneIds.shared);
    expect(sharedNow.find((card) => card.id === sharedCard)).toMatchObject({
      stageId: laterStage,
      text: 'Nobody calls back',
      author: authorOf(world, people.salesParticipant),
    });
    expect(sharedNow.find((card) => card.id === ownersCard)).toMatchObject({
      text: 'Owner wrote this',
      author: authorOf(world, people.owner),
    });
    const support = await laneCards(world, laneIds.support);
    expect(support.map((card) => [card.id, card.author])).toEqual([
      [guestsCard, authorOf(world, people.supportGuest)],
    ]);

    // What could not land is still the author's own, and private.
    await waitUntil(() => readPrivateCards(lansDoc).length === 2, 'the revealed cards leave the private doc');
    expect(new Set(readPrivateCards(lansDoc).map((card) => card.id))).toEqual(
      new Set([notTheirLane, ownersCard]),
    );
    expect(await setPrivateMode(world, people.owner, false)).toMatchObject({
      status: 200,
      body: { revealed: 0, kept: 2 },
    });

    // A revealed card is its author's like any other: they edit it, a facilitator moves it.
    const lansLane = await connectClient(world.server, people.salesParticipant).open(
      world.docNames.salesLane,
    );
    updateCardText(lansLane.document, salesCard, 'Quote takes a whole week');
    await waitForSaved(lansLane);
    const facilitator = connectClient(world.server, people.facilitator);
    const from = await facilitator.open(world.docNames.salesLane);
    const to = await facilitator.open(world.docNames.sharedLane);
    await waitUntil(
      () => readCards(from.document).some((card) => card.text === 'Quote takes a whole week'),
      'the facilitator sees the edit',
    );
    moveCardToLane(from.document, to.document, salesCard, { stageId, index: 0 });
    await waitForSaved(to);
    await waitForSaved(from);
    expect((await laneCards(world, laneIds.shared)).find((card) => card.id === salesCard)).toMatchObject({
      text: 'Quote takes a whole week',
      author: authorOf(world, people.salesParticipant),
    });
  });
});
