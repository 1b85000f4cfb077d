import {
  addComment,
  editComment,
  readComments,
  readReactions,
  reopenThread,
  resolveThread,
  toggleReaction,
} from '@journeyboard/board-model';
import { updateFrom } from '@journeyboard/board-model/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardWithEveryRole, type BoardWithEveryRole, type Person } from './testing/board-with-every-role.ts';
import { connectClient, waitUntil } from './testing/harness.ts';
import { RawSyncSocket, updateFrame } from './testing/raw-sync-socket.ts';
import { storedState } from './testing/stored-rows.ts';

// Replies, edits, resolutions and reactions in the talk doc, sent by a raw protocol client that
// claims whatever it likes: each is stored only when the server's check of who sends it lets it
// through (talk-kind.ts), and a refused one closes the talk doc's connection with comment-refused.

const REFUSED = { closed: 'comment-refused' };
const SAVED = { saved: true };
const CARD = 'cardReview01';

/** The owner's view of the talk doc, through the provider as a page has it. */
async function observe(world: BoardWithEveryRole) {
  const provider = await connectClient(world.server).open(world.docNames.talk);
  return provider.document;
}

const nameOf = (world: BoardWithEveryRole, person: Person) =>
  world.displayNames.get(world.people[person].userId!)!;

/** Sends `update` to the talk doc as `person` on a new raw socket: the answer, and whether it was stored. */
async function sendAs(world: BoardWithEveryRole, person: Person, update: Uint8Array) {
  const name = world.docNames.talk;
  const raw = await RawSyncSocket.connect(world.server, world.people[person]);
  expect(await raw.authenticate(name)).toMatchObject({ type: 'authenticated', scope: 'read-write' });
  const before = await storedState(world.server, name);
  const answer = await raw.write(name, updateFrame(name, update));
  const stored = (await storedState(world.server, name)) !== before;
  return { answer, stored };
}

/** Writes `edit` as `person` and waits until the observer holds it. */
async function writeAs(world: BoardWithEveryRole, observer: Y.Doc, person: Person, edit: (d: Y.Doc) => void) {
  const update = updateFrom(observer, edit);
  const expected = Y.mergeUpdates([Y.encodeStateAsUpdate(observer), update]);
  const wanted = shown(docOf(expected));
  expect(await sendAs(world, person, update)).toEqual({ answer: SAVED, stored: true });
  await waitUntil(() => shown(observer) === wanted, `${person}'s change is seen`);
}

/** What a page shows of a talk doc. */
const shown = (doc: Y.Doc) => JSON.stringify([readComments(doc), readReactions(doc)]);

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

function commentAs(
  world: BoardWithEveryRole,
  person: Person,
  doc: Y.Doc,
  text: string,
  extra: { parentId?: string; laneId?: string; authorId?: string; authorName?: string } = {},
): string {
  return addComment(doc, {
    cardId: CARD,
    laneId: extra.laneId ?? world.laneIds.shared,
    authorId: extra.authorId ?? world.people[person].userId!,
    authorName: extra.authorName ?? nameOf(world, person),
    authorGuest: world.guests.has(world.people[person].userId!),
    text,
    ...(extra.parentId ? { parentId: extra.parentId } : {}),
  });
}

/** A thread started by the Sales participant on a card of the Sales lane, with the lead's reply. */
async function thread(world: BoardWithEveryRole, observer: Y.Doc) {
  let root = '';
  await writeAs(world, observer, 'salesParticipant', (d) => {
    root = commentAs(world, 'salesParticipant', d, 'Giá cao quá', { laneId: world.laneIds.sales });
  });
  let reply = '';
  await writeAs(world, observer, 'salesLead', (d) => {
    reply = commentAs(world, 'salesLead', d, '@salesParticipant agreed', {
      parentId: root,
      laneId: world.laneIds.sales,
    });
  });
  return { root, reply };
}

describe('threads are written, edited and resolved only as the server allows', () => {
  it("lets a participant discuss a lane they cannot edit, and refuses a reply under another's name or to a reply", async () => {
    const world = await boardWithEveryRole();
    const observer = await observe(world);
    const { root, reply } = await thread(world, observer);
    // The Support participant may not write the Sales lane, yet replies on its card.
    await writeAs(world, observer, 'supportParticipant', (d) =>
      commentAs(world, 'supportParticipant', d, 'From support', { parentId: root }),
    );
    const spoofed = updateFrom(observer, (d) =>
      commentAs(world, 'supportParticipant', d, 'As the owner', {
        parentId: root,
        authorId: world.people.owner.userId!,
        authorName: nameOf(world, 'owner'),
      }),
    );
    expect(await sendAs(world, 'supportParticipant', spoofed)).toEqual({ answer: REFUSED, stored: false });
    // A reply to a reply, written on the raw document (the model refuses to).
    const nested = updateFrom(observer, (d) => {
      const id = commentAs(world, 'supportParticipant', d, 'Nested', { parentId: root });
      (d.getMap('comments').get(id) as Y.Map<unknown>).set('parentId', reply);
    });
    expect(await sendAs(world, 'supportParticipant', nested)).toEqual({ answer: REFUSED, stored: false });
    expect(readComments(observer).map((c) => c.text)).toEqual([
      'Giá cao quá',
      '@salesParticipant agreed',
      'From support',
    ]);
  });

  it("lets an author edit their own comment and refuses anyone else's edit, a facilitator's too", async () => {
    const world = await boardWithEveryRole();
    const observer = await observe(world);
    const { root } = await thread(world, observer);
    const edit = updateFrom(observer, (d) => editComment(d, root, { text: 'Rewritten by someone else' }));
    for (const person of ['salesLead', 'supportParticipant', 'facilitator', 'owner'] as const) {
      expect(await sendAs(world, person, edit), person).toEqual({ answer: REFUSED, stored: false });
    }
    await writeAs(world, observer, 'salesParticipant', (d) =>
      editComment(d, root, { text: 'Giá cao quá, gấp đôi', mentions: [world.people.salesLead.userId!] }),
    );
    expect(readComments(observer).find((c) => c.id === root)).toMatchObject({
      text: 'Giá cao quá, gấp đôi',
      mentions: [world.people.salesLead.userId],
      editedAt: expect.any(Number),
    });
  });

  it("refuses resolving someone else's thread unless the writer runs the board", async () => {
    const world = await boardWithEveryRole();
    const observer = await observe(world);
    const { root } = await thread(world, observer);
    // The lead replied, but the thread is the participant's.
    for (const person of ['salesLead', 'supportParticipant', 'supportGuest'] as const) {
      const resolve = updateFrom(observer, (d) => resolveThread(d, root, world.people[person].userId!));
      expect(await sendAs(world, person, resolve), person).toEqual({ answer: REFUSED, stored: false });
    }
    // Under the facilitator's id, by the lead: still refused.
    const asFacilitator = updateFrom(observer, (d) =>
      resolveThread(d, root, world.people.facilitator.userId!),
    );
    expect(await sendAs(world, 'salesLead', asFacilitator)).toEqual({ answer: REFUSED, stored: false });
    expect(await sendAs(world, 'facilitator', asFacilitator)).toEqual({ answer: SAVED, stored: true });
    await waitUntil(
      () => readComments(observer).find((c) => c.id === root)?.resolvedBy === world.people.facilitator.userId,
      'the resolution is seen',
    );
    // The root's author reopens it; the lead may not resolve it again.
    await writeAs(world, observer, 'salesParticipant', (d) => reopenThread(d, root));
    const again = updateFrom(observer, (d) => resolveThread(d, root, world.people.salesLead.userId!));
    expect(await sendAs(world, 'salesLead', again)).toEqual({ answer: REFUSED, stored: false });
    expect(readComments(observer).find((c) => c.id === root)?.resolvedBy).toBeNull();
  });
});

describe('reactions are given and taken back only by their own person', () => {
  const react =
    (world: BoardWithEveryRole, person: Person, emoji: string, as: Person = person) =>
    (d: Y.Doc) =>
      toggleReaction(d, {
        cardId: CARD,
        laneId: world.laneIds.sales,
        emoji,
        userId: world.people[as].userId!,
        userName: nameOf(world, as),
      });

  it("refuses a reaction under another's id and the removal of another's reaction", async () => {
    const world = await boardWithEveryRole();
    const observer = await observe(world);
    await writeAs(world, observer, 'supportParticipant', react(world, 'supportParticipant', '👍'));
    await writeAs(world, observer, 'salesLead', react(world, 'salesLead', '👍'));
    expect(readReactions(observer)).toHaveLength(2);

    const underOwner = updateFrom(observer, react(world, 'supportParticipant', '🎉', 'owner'));
    expect(await sendAs(world, 'supportParticipant', underOwner)).toEqual({ answer: REFUSED, stored: false });
    // Taking back the lead's 👍: refused for the participant and for the facilitator.
    const takeLeads = updateFrom(observer, react(world, 'salesLead', '👍'));
    for (const person of ['supportParticipant', 'facilitator'] as const) {
      expect(await sendAs(world, person, takeLeads), person).toEqual({ answer: REFUSED, stored: false });
    }
    // An emoji not in the list, written on the raw document.
    const unknown = updateFrom(observer, (d) =>
      d.getMap('reactions').set(`${CARD}:7:${world.people.supportParticipant.userId}`, {
        cardId: CARD,
        laneId: world.laneIds.sales,
        emoji: '💩',
        userId: world.people.supportParticipant.userId,
        userName: nameOf(world, 'supportParticipant'),
        at: 1,
      }),
    );
    expect((await sendAs(world, 'supportParticipant', unknown)).answer).toEqual({
      closed: 'content-refused',
    });
    // The lead takes back their own.
    await writeAs(world, observer, 'salesLead', react(world, 'salesLead', '👍'));
    expect(readReactions(observer).map((r) => r.userId)).toEqual([world.people.supportParticipant.userId]);
  });
});
