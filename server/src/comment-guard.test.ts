import { addComment, readComments, removeComment } from '@journeyboard/board-model';
import { updateFrom } from '@journeyboard/board-model/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardWithEveryRole, type BoardWithEveryRole, type Person } from './testing/board-with-every-role.ts';
import { connectClient, waitForSaved, waitUntil, type Identity } from './testing/harness.ts';
import { RawSyncSocket, syncStep2Frame, updateFrame } from './testing/raw-sync-socket.ts';
import { storedState } from './testing/stored-rows.ts';

// Everyone but viewers writes the talk doc, yet nobody writes as someone else: the server checks
// each comment written, removed or changed against who sends it. Tried with a raw protocol client
// that claims whatever it likes, as a sync Update and as a SyncStep2.

const REFUSED = 'comment-refused';

/** The owner's view of the talk doc, through the provider as a page has it. */
async function observe(world: BoardWithEveryRole) {
  const provider = await connectClient(world.server).open(world.docNames.talk);
  return provider.document;
}

/** A comment on a card of the shared lane, by `author` under the given id and name. */
function writeComment(
  doc: Y.Doc,
  world: BoardWithEveryRole,
  text: string,
  authorId: string,
  authorName: string,
  authorGuest = world.guests.has(authorId),
) {
  return addComment(doc, {
    cardId: 'cardReview01',
    laneId: world.laneIds.shared,
    authorId,
    authorName,
    authorGuest,
    text,
  });
}

/** Sends `update` to the talk doc as `person` on a new raw socket: the answer, and what was stored. */
async function sendAs(
  world: BoardWithEveryRole,
  person: Identity,
  update: Uint8Array,
  as: 'update' | 'syncStep2',
) {
  const name = world.docNames.talk;
  const raw = await RawSyncSocket.connect(world.server, person);
  expect(await raw.authenticate(name)).toMatchObject({ type: 'authenticated', scope: 'read-write' });
  const before = await storedState(world.server, name);
  const answer = await raw.write(name, (as === 'update' ? updateFrame : syncStep2Frame)(name, update));
  const stored = (await storedState(world.server, name)) !== before;
  return { answer, stored, raw };
}

const nameOf = (world: BoardWithEveryRole, person: Person) =>
  world.displayNames.get(world.people[person].userId!)!;

describe('comments are written and removed only as their author', () => {
  for (const as of ['update', 'syncStep2'] as const) {
    it(`refuses a comment under someone else's id or name, sent as ${as}, and stores and shows none`, async () => {
      const world = await boardWithEveryRole();
      const { people } = world;
      const observer = await observe(world);
      const participant = people.supportParticipant;
      const spoofs = [
        ['the owner’s id and name', people.owner.userId!, nameOf(world, 'owner')],
        ['the owner’s id, their own name', people.owner.userId!, nameOf(world, 'supportParticipant')],
        ['their own id, the facilitator’s name', participant.userId!, nameOf(world, 'facilitator')],
      ] as const;
      for (const [what, authorId, authorName] of spoofs) {
        const update = updateFrom(observer, (d) =>
          writeComment(d, world, `spoofed: ${what}`, authorId, authorName),
        );
        const { answer, stored } = await sendAs(world, participant, update, as);
        expect({ answer, stored }, what).toEqual({ answer: { closed: REFUSED }, stored: false });
      }

      // A guest writing as if they were a member: their comment carries no guest mark.
      const unmarked = updateFrom(observer, (d) =>
        writeComment(
          d,
          world,
          'spoofed: no guest mark',
          people.supportGuest.userId!,
          nameOf(world, 'supportGuest'),
          false,
        ),
      );
      const asGuest = await sendAs(world, people.supportGuest, unmarked, as);
      expect({ answer: asGuest.answer, stored: asGuest.stored }).toEqual({
        answer: { closed: REFUSED },
        stored: false,
      });

      // Their own comment goes through, as does the guest's under the name they joined with.
      for (const person of ['supportParticipant', 'supportGuest'] as const) {
        const update = updateFrom(observer, (d) =>
          writeComment(d, world, `by ${person}`, people[person].userId!, nameOf(world, person)),
        );
        const { answer, stored } = await sendAs(world, people[person], update, as);
        expect({ answer, stored }, person).toEqual({ answer: { saved: true }, stored: true });
        await waitUntil(
          () => readComments(observer).some((c) => c.text === `by ${person}`),
          `${person} is seen`,
        );
      }
      expect(readComments(observer).map((c) => c.text)).toEqual(['by supportParticipant', 'by supportGuest']);
    });
  }

  it("lets authors remove their own comments and facilitators anyone's, and refuses anyone else", async () => {
    const world = await boardWithEveryRole();
    const { server, people, docNames } = world;
    const observer = await observe(world);
    // The lead of Sales writes two comments through the provider, as the page does.
    const lead = await connectClient(server, people.salesLead).open(docNames.talk);
    const first = writeComment(
      lead.document,
      world,
      'Lead one',
      people.salesLead.userId!,
      nameOf(world, 'salesLead'),
    );
    const second = writeComment(
      lead.document,
      world,
      'Lead two',
      people.salesLead.userId!,
      nameOf(world, 'salesLead'),
    );
    await waitForSaved(lead);
    await waitUntil(() => readComments(observer).length === 2, 'the observer sees both comments');

    const removeFirst = updateFrom(observer, (d) => removeComment(d, first));
    for (const person of ['salesParticipant', 'supportGuest'] as const) {
      const { answer, stored } = await sendAs(world, people[person], removeFirst, 'update');
      expect({ answer, stored }, person).toEqual({ answer: { closed: REFUSED }, stored: false });
    }
    expect((await sendAs(world, people.salesLead, removeFirst, 'update')).answer).toEqual({ saved: true });
    const removeSecond = updateFrom(observer, (d) => removeComment(d, second));
    expect((await sendAs(world, people.facilitator, removeSecond, 'syncStep2')).answer).toEqual({
      saved: true,
    });
    await waitUntil(() => readComments(observer).length === 0, 'the observer sees both removed');
  });

  it('refuses any change to a written comment, and writes outside the comments', async () => {
    const world = await boardWithEveryRole();
    const { people } = world;
    const observer = await observe(world);
    const lead = await connectClient(world.server, people.salesLead).open(world.docNames.talk);
    const id = writeComment(
      lead.document,
      world,
      'As written',
      people.salesLead.userId!,
      nameOf(world, 'salesLead'),
    );
    await waitForSaved(lead);
    await waitUntil(() => readComments(observer).length === 1, 'the observer sees the comment');

    // A hostile client edits the raw document (packages/board-model/SCHEMA.md), not through the model.
    const entry = (d: Y.Doc) => d.getMap('comments').get(id) as Y.Map<unknown>;
    const edits = {
      'its text': (d: Y.Doc) => entry(d).set('text', 'Rewritten'),
      'its author': (d: Y.Doc) => entry(d).set('authorName', 'Someone'),
      'another root': (d: Y.Doc) => d.getMap('notes').set('x', 'y'),
    };
    for (const [what, edit] of Object.entries(edits)) {
      for (const person of ['salesLead', 'owner'] as const) {
        const { answer, stored } = await sendAs(world, people[person], updateFrom(observer, edit), 'update');
        expect({ answer, stored }, `${person} changing ${what}`).toEqual({
          // Another root is no comment at all: it does not fit the talk doc's schema.
          answer: { closed: what === 'another root' ? 'content-refused' : REFUSED },
          stored: false,
        });
      }
    }
    expect(readComments(observer)).toMatchObject([{ id, text: 'As written', authorName: 'salesLead' }]);
  });

  it('keeps the socket: after a refusal the same connection opens the talk doc again and writes as itself', async () => {
    const world = await boardWithEveryRole();
    const { people, docNames } = world;
    const observer = await observe(world);
    const participant = people.salesParticipant;
    const spoof = updateFrom(observer, (d) =>
      writeComment(d, world, 'spoof', people.owner.userId!, nameOf(world, 'owner')),
    );
    const { raw } = await sendAs(world, participant, spoof, 'update');
    expect(raw.isOpen).toBe(true);
    expect(await raw.authenticate(docNames.talk)).toMatchObject({
      type: 'authenticated',
      scope: 'read-write',
    });
    const own = updateFrom(observer, (d) =>
      writeComment(d, world, 'mine', participant.userId!, nameOf(world, 'salesParticipant')),
    );
    expect(await raw.write(docNames.talk, updateFrame(docNames.talk, own))).toEqual({ saved: true });
    await waitUntil(() => readComments(observer).some((c) => c.text === 'mine'), 'the own comment is seen');
    expect(readComments(observer).map((c) => c.text)).toEqual(['mine']);
  });
});
