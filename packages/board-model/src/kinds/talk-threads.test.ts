import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { REACTION_EMOJIS } from '../presence.ts';
import { reactionKey, reactionsMap, toggleReaction } from '../reactions.ts';
import { replicaOf, updateFrom } from '../replicas.ts';
import { commentsMap, LIMITS } from '../schema.ts';
import {
  addComment,
  editComment,
  readComments,
  removeComment,
  reopenThread,
  resolveThread,
} from '../talk.ts';
import { DocumentGuard, type DocumentWriter } from './document-guard.ts';
import { talkKind } from './talk-kind.ts';

// Replies, mentions, edits, resolutions and reactions, as the server checks them: each person writes
// only as themselves, edits only their own words, and resolves only a thread they started unless
// they run the board.

const CARD = 'cardReview01';
const OTHER_CARD = 'cardOther001';
const LANE = 'lanePainPts1';
const writer = (userId: string, displayName: string, role: DocumentWriter['role']): DocumentWriter => ({
  userId,
  displayName,
  role,
  guest: false,
  departmentId: null,
});
const LAN = writer('q2k7mvxbn4a3hd5e', 'Lan Nguyễn', 'participant');
const MINH = writer('w8c3ptzr6y2fgk9j', 'Minh Trần', 'lead');
const HA = writer('f5h9dqx2m7b4nv3s', 'Hà Phạm', 'facilitator');
const OWNER = writer('o3w9nr2k5x8pq4tm', 'Quân Đỗ', 'owner');

const check = (doc: Y.Doc, update: Uint8Array, by: DocumentWriter) =>
  DocumentGuard.checkOnce(doc, talkKind.content, update, by);

function commentBy(
  by: DocumentWriter,
  doc: Y.Doc,
  text: string,
  extra: { parentId?: string; mentions?: string[]; cardId?: string } = {},
): string {
  return addComment(doc, {
    cardId: extra.cardId ?? CARD,
    laneId: LANE,
    authorId: by.userId!,
    authorName: by.displayName,
    text,
    ...(extra.parentId ? { parentId: extra.parentId } : {}),
    ...(extra.mentions ? { mentions: extra.mentions } : {}),
  });
}

/** A talk doc as the server holds it: a thread started by Lan, a reply by Minh. */
function serverDoc() {
  const server = new Y.Doc();
  const root = commentBy(LAN, server, 'Khách hỏi giá hai lần', { mentions: [MINH.userId!] });
  const reply = commentBy(MINH, server, 'Form too long', { parentId: root });
  return { server, root, reply };
}

const entryOf = (doc: Y.Doc, id: string) => commentsMap(doc).get(id) as Y.Map<unknown>;

describe('the talk kind: replies and mentions', () => {
  it('accepts a reply to a root of the same card, with mentions, and a root and its reply in one update', () => {
    const { server, root } = serverDoc();
    const mentioning = updateFrom(server, (c) =>
      commentBy(LAN, c, '@Minh Trần look', { parentId: root, mentions: [MINH.userId!, HA.userId!] }),
    );
    expect(check(server, mentioning, LAN)).toBeNull();
    const both = updateFrom(server, (c) => {
      const newRoot = commentBy(MINH, c, 'New thread');
      commentBy(MINH, c, 'And its reply', { parentId: newRoot });
    });
    expect(check(server, both, MINH)).toBeNull();
  });

  it('refuses a reply to a reply, to a root of another card, or to a comment that is not there', () => {
    const { server, root, reply } = serverDoc();
    const raw = (parentId: string, cardId = CARD) =>
      updateFrom(server, (c) =>
        commentsMap(c).set(
          'replyRaw0001',
          new Y.Map<unknown>(
            Object.entries({
              cardId,
              laneId: LANE,
              authorId: LAN.userId,
              authorName: LAN.displayName,
              authorGuest: false,
              text: 'Reply',
              createdAt: 5,
              parentId,
            }),
          ),
        ),
      );
    expect(check(server, raw(root), LAN)).toBeNull();
    expect(check(server, raw(reply), LAN)).toBe('unknown-parent');
    expect(check(server, raw(root, OTHER_CARD), LAN)).toBe('unknown-parent');
    expect(check(server, raw('gone00000001'), LAN)).toBe('unknown-parent');
    // A root removed by its author: a reply written after it sees no root.
    const removed = replicaOf(server);
    removeComment(removed, root);
    expect(check(removed, raw(root), LAN)).toBe('unknown-parent');
  });

  it('refuses mentions that are not a short list of distinct ids', () => {
    const { server } = serverDoc();
    const tooMany = Array.from(
      { length: LIMITS.mentions + 1 },
      (_, i) => `person${String(i).padStart(4, '0')}`,
    );
    const shapes: unknown[] = [tooMany, ['not an id!'], [MINH.userId, MINH.userId], MINH.userId, [42]];
    for (const mentions of shapes) {
      const update = updateFrom(server, (c) => {
        const id = commentBy(LAN, c, 'Hello');
        entryOf(c, id).set('mentions', mentions);
      });
      expect(check(server, update, LAN), JSON.stringify(mentions)).toBe('malformed-entry');
    }
    const twenty = tooMany.slice(0, LIMITS.mentions);
    expect(
      check(
        server,
        updateFrom(server, (c) => commentBy(LAN, c, 'All', { mentions: twenty })),
        LAN,
      ),
    ).toBeNull();
  });
});

describe('the talk kind: edits', () => {
  it('lets an author edit the text and mentions of their own comment, stamped', () => {
    const { server, root, reply } = serverDoc();
    const edit = updateFrom(server, (c) =>
      editComment(c, root, { text: 'Khách hỏi giá ba lần', mentions: [] }),
    );
    expect(check(server, edit, LAN)).toBeNull();
    expect(
      check(
        server,
        updateFrom(server, (c) => editComment(c, reply, { text: 'Shorter' })),
        MINH,
      ),
    ).toBeNull();
  });

  it("refuses an edit of another's comment, even by a facilitator or the owner", () => {
    const { server, root } = serverDoc();
    const edit = updateFrom(server, (c) => editComment(c, root, { text: 'Rewritten by another' }));
    for (const by of [MINH, HA, OWNER]) expect(check(server, edit, by), by.role).toBe('comment-altered');
    const mentionsOnly = updateFrom(server, (c) => {
      entryOf(c, root).set('mentions', [HA.userId]);
      entryOf(c, root).set('editedAt', 9);
    });
    expect(check(server, mentionsOnly, HA)).toBe('comment-altered');
  });

  it('refuses an edit without a new editedAt, and a change of the fields fixed when written', () => {
    const { server, root, reply } = serverDoc();
    const unstamped = updateFrom(server, (c) => entryOf(c, root).set('text', 'Quietly changed'));
    expect(check(server, unstamped, LAN)).toBe('comment-altered');
    const fixed: [string, unknown][] = [
      ['cardId', OTHER_CARD],
      ['laneId', 'laneOther001'],
      ['authorName', 'Lan'],
      ['authorGuest', true],
      ['createdAt', 1],
    ];
    for (const [field, value] of fixed) {
      const update = updateFrom(server, (c) => {
        entryOf(c, root).set(field, value);
        entryOf(c, root).set('editedAt', 10);
      });
      expect(check(server, update, LAN), field).toBe('comment-altered');
    }
    // A reply stays a reply of its thread; a root does not become a reply.
    const moved = updateFrom(server, (c) => entryOf(c, reply).delete('parentId'));
    expect(check(server, moved, MINH)).toBe('comment-altered');
    const other = commentBy(LAN, server, 'Another root');
    const nested = updateFrom(server, (c) => entryOf(c, other).set('parentId', root));
    expect(check(server, nested, LAN)).toBe('comment-altered');
    const badStamp = updateFrom(server, (c) => {
      entryOf(c, root).set('text', 'x');
      entryOf(c, root).set('editedAt', 'now');
    });
    expect(check(server, badStamp, LAN)).toBe('malformed-entry');
  });
});

describe('the talk kind: resolving threads', () => {
  it("lets the root's author and those who run the board resolve and reopen a thread", () => {
    for (const by of [LAN, HA, OWNER]) {
      const { server, root } = serverDoc();
      const resolve = updateFrom(server, (c) => resolveThread(c, root, by.userId!));
      expect(check(server, resolve, by), by.role).toBeNull();
      Y.applyUpdate(server, resolve);
      expect(readComments(server).find((c) => c.id === root)).toMatchObject({ resolvedBy: by.userId });
      expect(
        check(
          server,
          updateFrom(server, (c) => reopenThread(c, root)),
          by,
        ),
        by.role,
      ).toBeNull();
    }
  });

  it("refuses a resolution by someone else, under another's id, or of a reply", () => {
    const { server, root, reply } = serverDoc();
    // Minh replied, but the thread is Lan's.
    expect(
      check(
        server,
        updateFrom(server, (c) => resolveThread(c, root, MINH.userId!)),
        MINH,
      ),
    ).toBe('not-your-thread');
    // Lan resolves under the facilitator's id.
    expect(
      check(
        server,
        updateFrom(server, (c) => resolveThread(c, root, HA.userId!)),
        LAN,
      ),
    ).toBe('not-your-thread');
    Y.applyUpdate(
      server,
      updateFrom(server, (c) => resolveThread(c, root, HA.userId!)),
    );
    expect(
      check(
        server,
        updateFrom(server, (c) => reopenThread(c, root)),
        MINH,
      ),
    ).toBe('not-your-thread');
    const half = updateFrom(server, (c) => entryOf(c, root).delete('resolvedAt'));
    expect(check(server, half, HA)).toBe('malformed-entry');
    const onReply = updateFrom(server, (c) => {
      entryOf(c, reply).set('resolvedBy', MINH.userId);
      entryOf(c, reply).set('resolvedAt', 3);
    });
    expect(check(server, onReply, MINH)).toBe('malformed-entry');
  });

  it('passes a comment written, edited and resolved offline by its author, in one update', () => {
    const { server } = serverDoc();
    const offline = replicaOf(server);
    const id = commentBy(LAN, offline, 'Offline');
    editComment(offline, id, { text: 'Offline, edited', mentions: [MINH.userId!] });
    resolveThread(offline, id, LAN.userId!);
    expect(check(server, Y.encodeStateAsUpdate(offline), LAN)).toBeNull();
    // Written by Lan, resolved under Minh's id: refused.
    const spoofed = replicaOf(server);
    resolveThread(spoofed, commentBy(LAN, spoofed, 'Spoof'), MINH.userId!);
    expect(check(server, Y.encodeStateAsUpdate(spoofed), LAN)).toBe('not-your-thread');
  });
});

describe('the talk kind: reactions', () => {
  const react = (doc: Y.Doc, by: DocumentWriter, emoji: string, cardId = CARD) =>
    toggleReaction(doc, { cardId, laneId: LANE, emoji, userId: by.userId!, userName: by.displayName });

  it('lets each person give and take back their own reactions', () => {
    const { server } = serverDoc();
    const give = updateFrom(server, (c) => react(c, LAN, '🎉'));
    expect(check(server, give, LAN)).toBeNull();
    Y.applyUpdate(server, give);
    expect(
      check(
        server,
        updateFrom(server, (c) => react(c, LAN, '🎉')),
        LAN,
      ),
    ).toBeNull();
    expect(
      check(
        server,
        updateFrom(server, (c) => react(c, MINH, '🎉')),
        MINH,
      ),
    ).toBeNull();
  });

  it('holds each person to their reactions per board, so that no one fills the board alone', () => {
    const { server } = serverDoc();
    const cardsNeeded = Math.ceil(LIMITS.reactionsPerPerson / REACTION_EMOJIS.length);
    server.transact(() => {
      let given = 0;
      for (let i = 0; i < cardsNeeded && given < LIMITS.reactionsPerPerson; i++) {
        for (const emoji of REACTION_EMOJIS) {
          if (given === LIMITS.reactionsPerPerson) break;
          react(server, LAN, emoji, `cardRx${String(i).padStart(6, '0')}`);
          given++;
        }
      }
    });
    const oneMore = updateFrom(server, (c) => react(c, LAN, '👍', OTHER_CARD));
    expect(check(server, oneMore, LAN)).toBe('too-many-entries');
    // Someone else still reacts, and Lan may take one back.
    expect(
      check(
        server,
        updateFrom(server, (c) => react(c, MINH, '👍', OTHER_CARD)),
        MINH,
      ),
    ).toBeNull();
    const takeBack = updateFrom(server, (c) => react(c, LAN, REACTION_EMOJIS[0]!, 'cardRx000000'));
    expect(check(server, takeBack, LAN)).toBeNull();
  });

  it("refuses a reaction under another's id or name, the removal of another's, and an unknown emoji", () => {
    const { server } = serverDoc();
    expect(
      check(
        server,
        updateFrom(server, (c) => react(c, MINH, '👍')),
        LAN,
      ),
    ).toBe('not-your-reaction');
    const renamed = { ...LAN, displayName: 'Minh Trần' };
    expect(
      check(
        server,
        updateFrom(server, (c) => react(c, renamed, '👍')),
        LAN,
      ),
    ).toBe('not-your-reaction');
    Y.applyUpdate(
      server,
      updateFrom(server, (c) => react(c, MINH, '👍')),
    );
    const takeMinhs = updateFrom(server, (c) => react(c, MINH, '👍'));
    for (const by of [LAN, HA, OWNER])
      expect(check(server, takeMinhs, by), by.role).toBe('not-your-reaction');
    const raw = (key: string, value: unknown) => updateFrom(server, (c) => reactionsMap(c).set(key, value));
    const good = {
      cardId: CARD,
      laneId: LANE,
      emoji: '🎉',
      userId: LAN.userId,
      userName: LAN.displayName,
      at: 1,
    };
    const key = reactionKey(CARD, '🎉', LAN.userId!);
    expect(check(server, raw(key, good), LAN)).toBeNull();
    const malformed: [string, unknown][] = [
      [`${CARD}:9:${LAN.userId}`, { ...good, emoji: '💩' }],
      [key, { ...good, emoji: '👍' }],
      [key, { ...good, cardId: OTHER_CARD }],
      [key, { ...good, extra: 1 }],
      [key, { ...good, at: 'now' }],
      [key, 'plain text'],
      [key, new Y.Map<unknown>(Object.entries(good))],
    ];
    for (const [k, value] of malformed) {
      expect(check(server, raw(k, value), LAN), JSON.stringify(value)).toBe('malformed-entry');
    }
    expect(REACTION_EMOJIS).toHaveLength(6);
  });
});
