import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replicaOf, syncBoth, updateFrom } from '../replicas.ts';
import { commentsMap, LIMITS } from '../schema.ts';
import { addComment, readComments, removeComment } from '../talk.ts';
import { DocumentGuard, type DocumentWriter } from './document-guard.ts';
import { talkKind } from './talk-kind.ts';

function checkTalkUpdate(doc: Y.Doc, update: Uint8Array, writer: DocumentWriter) {
  return DocumentGuard.checkOnce(doc, talkKind.content, update, writer);
}

const CARD = 'cardReview01';
const LANE = 'lanePainPts1';
const LAN: DocumentWriter = {
  userId: 'q2k7mvxbn4a3hd5e',
  displayName: 'Lan Nguyễn',
  role: 'participant',
  guest: false,
  departmentId: null,
};
const MINH: DocumentWriter = {
  userId: 'w8c3ptzr6y2fgk9j',
  displayName: 'Minh Trần',
  role: 'lead',
  guest: false,
  departmentId: null,
};
const FACILITATOR: DocumentWriter = {
  userId: 'f5h9dqx2m7b4nv3s',
  displayName: 'Hà Phạm',
  role: 'facilitator',
  guest: false,
  departmentId: null,
};
const GUEST: DocumentWriter = {
  userId: 'g4t8kq2m9x3bw7ze',
  displayName: 'Tú Lê',
  role: 'participant',
  guest: true,
  departmentId: null,
};

function commentBy(writer: DocumentWriter, text: string, doc: Y.Doc): string {
  return addComment(doc, {
    cardId: CARD,
    laneId: LANE,
    authorId: writer.userId!,
    authorName: writer.displayName,
    authorGuest: writer.guest,
    text,
  });
}

/** A talk doc as the server holds it, with one comment by Lan and one by Minh. */
function serverDoc() {
  const server = new Y.Doc();
  const lans = commentBy(LAN, 'Khách hỏi giá hai lần', server);
  const minhs = commentBy(MINH, 'Form too long', server);
  return { server, lans, minhs };
}

describe('the talk kind: who may write which comment', () => {
  it('lets a writer add comments under their own id and name, and remove their own', () => {
    const { server, lans } = serverDoc();
    const before = Y.encodeStateAsUpdate(server);
    expect(
      checkTalkUpdate(
        server,
        updateFrom(server, (c) => commentBy(LAN, 'Again', c)),
        LAN,
      ),
    ).toBeNull();
    // The name as the writer's account holds it, in another normal form and with spaces.
    const spaced = { ...LAN, displayName: ` ${LAN.displayName.normalize('NFD')} ` };
    expect(
      checkTalkUpdate(
        server,
        updateFrom(server, (c) => commentBy(LAN, 'NFD', c)),
        spaced,
      ),
    ).toBeNull();
    expect(
      checkTalkUpdate(
        server,
        updateFrom(server, (c) => removeComment(c, lans)),
        LAN,
      ),
    ).toBeNull();
    // Checking changes nothing.
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });

  it("refuses a comment under another person's id or name", () => {
    const { server } = serverDoc();
    expect(
      checkTalkUpdate(
        server,
        updateFrom(server, (c) => commentBy(MINH, 'I am Minh', c)),
        LAN,
      ),
    ).toBe('not-your-name');
    const renamed = { ...LAN, displayName: 'Minh Trần' };
    expect(
      checkTalkUpdate(
        server,
        updateFrom(server, (c) => commentBy(renamed, 'Me', c)),
        LAN,
      ),
    ).toBe('not-your-name');
    // One good comment does not carry a spoofed one in the same update.
    const both = updateFrom(server, (c) => {
      commentBy(LAN, 'Mine', c);
      commentBy(MINH, 'Not mine', c);
    });
    expect(checkTalkUpdate(server, both, LAN)).toBe('not-your-name');
  });

  it('refuses a comment whose guest mark is not the writer’s', () => {
    const { server } = serverDoc();
    const asMember = { ...GUEST, guest: false };
    expect(
      checkTalkUpdate(
        server,
        updateFrom(server, (c) => commentBy(asMember, 'Hi', c)),
        GUEST,
      ),
    ).toBe('not-your-name');
    expect(
      checkTalkUpdate(
        server,
        updateFrom(server, (c) => commentBy(GUEST, 'Hi', c)),
        GUEST,
      ),
    ).toBeNull();
    const asGuest = { ...LAN, guest: true };
    expect(
      checkTalkUpdate(
        server,
        updateFrom(server, (c) => commentBy(asGuest, 'Hi', c)),
        LAN,
      ),
    ).toBe('not-your-name');
  });

  it("refuses the removal of someone else's comment, unless the writer runs the board", () => {
    const { server, minhs } = serverDoc();
    const removal = updateFrom(server, (c) => removeComment(c, minhs));
    expect(checkTalkUpdate(server, removal, LAN)).toBe('not-your-comment');
    expect(checkTalkUpdate(server, removal, FACILITATOR)).toBeNull();
  });

  it('refuses a change of an existing comment that is no edit by its author, even by a facilitator', () => {
    const { server, lans } = serverDoc();
    const edited = updateFrom(server, (c) =>
      (commentsMap(c).get(lans) as Y.Map<unknown>).set('text', 'Changed'),
    );
    expect(checkTalkUpdate(server, edited, LAN)).toBe('comment-altered');
    expect(checkTalkUpdate(server, edited, FACILITATOR)).toBe('comment-altered');
    const fieldRemoved = updateFrom(server, (c) =>
      (commentsMap(c).get(lans) as Y.Map<unknown>).delete('authorId'),
    );
    expect(checkTalkUpdate(server, fieldRemoved, FACILITATOR)).toBe('malformed-entry');
    // Setting the same key again replaces the entry: an edit, not a new comment.
    const replaced = updateFrom(server, (c) => {
      const entry = new Y.Map<unknown>(Object.entries((commentsMap(c).get(lans) as Y.Map<unknown>).toJSON()));
      entry.set('text', 'Replaced');
      commentsMap(c).set(lans, entry);
    });
    expect(checkTalkUpdate(server, replaced, LAN)).toBe('comment-altered');
  });

  it('refuses writes outside the comment entries, and new entries of another shape', () => {
    const { server } = serverDoc();
    const elsewhere = updateFrom(server, (c) => c.getMap('meta').set('note', 'x'));
    expect(checkTalkUpdate(server, elsewhere, FACILITATOR)).toBe('not-in-schema');
    const inArray = updateFrom(server, (c) => c.getArray('comments-list').push(['x']));
    expect(checkTalkUpdate(server, inArray, FACILITATOR)).toBe('not-in-schema');
    const shapes: Record<string, unknown>[] = [
      { text: 42 },
      { text: '' },
      { text: ' untrimmed ' },
      { text: 'x'.repeat(LIMITS.commentText + 1) },
      { extra: 'field' },
      { authorId: 'not an id!' },
      { authorGuest: 'no' },
    ];
    for (const change of shapes) {
      const update = updateFrom(server, (c) => {
        const entry = new Y.Map<unknown>(
          Object.entries({
            cardId: CARD,
            laneId: LANE,
            authorId: LAN.userId,
            authorName: LAN.displayName,
            authorGuest: false,
            text: 'Text',
            createdAt: 1,
            ...change,
          }),
        );
        commentsMap(c).set('commentNew01', entry);
      });
      expect(checkTalkUpdate(server, update, LAN), JSON.stringify(change)).toBe('malformed-entry');
    }
    const plainValue = updateFrom(server, (c) => commentsMap(c).set('commentNew02', 'just text'));
    expect(checkTalkUpdate(server, plainValue, LAN)).toBe('malformed-entry');
  });

  it('passes the whole state of a reconnecting client, deletions of removed comments included', () => {
    const { server, minhs } = serverDoc();
    const lanClient = replicaOf(server);
    // Minh removes his comment; Lan's client saw that, then went offline and wrote a comment.
    const minhClient = replicaOf(server);
    removeComment(minhClient, minhs);
    syncBoth(minhClient, server);
    syncBoth(server, lanClient);
    commentBy(LAN, 'Written offline', lanClient);
    expect(checkTalkUpdate(server, Y.encodeStateAsUpdate(lanClient), LAN)).toBeNull();
    // A later client sends everything it has, the server's own state included: nothing new.
    expect(checkTalkUpdate(server, Y.encodeStateAsUpdate(replicaOf(server)), MINH)).toBeNull();
  });

  it('refuses an update that depends on changes the server does not hold, and bytes that are no update', () => {
    const { server } = serverDoc();
    const client = replicaOf(server);
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    commentBy(LAN, 'First', client);
    const second = commentBy(LAN, 'Second', client);
    removeComment(client, second);
    expect(updates).toHaveLength(3);
    // The second comment without the first: its author's earlier change is missing.
    expect(checkTalkUpdate(server, updates[1] as Uint8Array, LAN)).toBe('incomplete');
    // A removal of a comment the server never saw.
    expect(checkTalkUpdate(server, updates[2] as Uint8Array, LAN)).toBe('incomplete');
    expect(checkTalkUpdate(server, new Uint8Array([1, 2, 3, 250, 7]), LAN)).toBe('unreadable');
    expect(readComments(server)).toHaveLength(2);
  });

  describe('DocumentGuard, kept for a live talk doc', () => {
    it('follows what the doc receives from elsewhere, and what it accepted, without copying the doc again', () => {
      const { server } = serverDoc();
      const guard = new DocumentGuard(server, talkKind.content);
      // Checked and accepted, then applied to the doc, as the server does.
      const add = updateFrom(server, (c) => commentBy(LAN, 'Checked', c));
      expect(guard.check(add, LAN)).toBeNull();
      Y.applyUpdate(server, add);
      // Written into the doc without a check (another instance, the server itself).
      const elsewhere = commentBy(MINH, 'From another instance', server);
      const checked = readComments(server).find((c) => c.text === 'Checked')!.id;
      expect(
        guard.check(
          updateFrom(server, (c) => removeComment(c, elsewhere)),
          LAN,
        ),
      ).toBe('not-your-comment');
      expect(
        guard.check(
          updateFrom(server, (c) => removeComment(c, elsewhere)),
          MINH,
        ),
      ).toBeNull();
      expect(
        guard.check(
          updateFrom(server, (c) => removeComment(c, checked)),
          MINH,
        ),
      ).toBe('not-your-comment');
      guard.destroy();
    });

    it('checks an edit racing its comment against the comment, while the comment is still being stored', () => {
      const { server } = serverDoc();
      const guard = new DocumentGuard(server, talkKind.content);
      // Lan adds a comment on one socket; the server accepts it and is storing it (not yet applied).
      const lanSocket = replicaOf(server);
      const added = updateFrom(lanSocket, (c) => commentBy(LAN, 'Price is fine', c));
      Y.applyUpdate(lanSocket, added);
      expect(guard.check(added, LAN)).toBeNull();
      // At once, from a second socket that holds the comment, she edits it.
      const edit = updateFrom(lanSocket, (c) => {
        const id = readComments(c).find((comment) => comment.text === 'Price is fine')!.id;
        (commentsMap(c).get(id) as Y.Map<unknown>).set('text', 'Price is too high');
      });
      expect(guard.check(edit, LAN)).toBe('comment-altered');
      // A refusal makes the copy again: what was accepted and is still being stored stays in it.
      expect(guard.check(edit, LAN)).toBe('comment-altered');
      const removal = updateFrom(lanSocket, (c) =>
        removeComment(c, readComments(c).find((comment) => comment.text === 'Price is fine')!.id),
      );
      expect(guard.check(removal, MINH)).toBe('not-your-comment');
      // Then the stored comment reaches the doc; the edit is still refused.
      Y.applyUpdate(server, added);
      expect(guard.check(edit, LAN)).toBe('comment-altered');
      guard.destroy();
    });

    it('forgets what it refused: a later update that builds on it is incomplete', () => {
      const { server } = serverDoc();
      const guard = new DocumentGuard(server, talkKind.content);
      const client = replicaOf(server);
      const updates: Uint8Array[] = [];
      client.on('update', (update: Uint8Array) => updates.push(update));
      commentBy(LAN, 'Spoofed by Minh', client);
      commentBy(MINH, 'Minh, after the spoof', client);
      expect(guard.check(updates[0]!, MINH)).toBe('not-your-name');
      // Minh's own comment comes after the refused one in his client's history.
      expect(guard.check(updates[1]!, MINH)).toBe('incomplete');
      expect(readComments(server)).toHaveLength(2);
      guard.destroy();
    });
  });
});
