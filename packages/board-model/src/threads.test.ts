import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { expectRefusal } from './expectRefusal.ts';
import { syncBoth } from './replicas.ts';
import { commentsMap, LIMITS, type CardComment } from './schema.ts';
import {
  addComment,
  editComment,
  readComments,
  removeComment,
  reopenThread,
  resolveThread,
  threadsOf,
} from './talk.ts';

const CARD = 'cardReview01';
const OTHER_CARD = 'cardInvoice2';
const LANE = 'lanePainPts1';
const LAN = { authorId: 'q2k7mvxbn4a3hd5e', authorName: 'Lan Nguyễn' };
const MINH = { authorId: 'w8c3ptzr6y2fgk9j', authorName: 'Minh Trần' };

function add(doc: Y.Doc, text: string, extra: Partial<Parameters<typeof addComment>[1]> = {}): string {
  return addComment(doc, { cardId: CARD, laneId: LANE, ...LAN, text, ...extra });
}

const byId = (doc: Y.Doc, id: string) => readComments(doc).find((c) => c.id === id)!;

afterEach(() => {
  vi.useRealTimers();
});

describe('replies', () => {
  it('adds a reply under a root of the same card, with its mentions', () => {
    const doc = new Y.Doc();
    const root = add(doc, 'Giá cao quá');
    const reply = add(doc, ' @Lan Nguyễn đồng ý ', { ...MINH, parentId: root, mentions: [LAN.authorId] });
    expect(byId(doc, reply)).toMatchObject({
      parentId: root,
      text: '@Lan Nguyễn đồng ý',
      mentions: [LAN.authorId],
      editedAt: null,
      resolvedBy: null,
    });
    expect(byId(doc, root)).toMatchObject({ parentId: null, mentions: [] });
    // A root without mentions stores neither field.
    expect([...(commentsMap(doc).get(root) as Y.Map<unknown>).keys()].sort()).toEqual([
      'authorGuest',
      'authorId',
      'authorName',
      'cardId',
      'createdAt',
      'laneId',
      'text',
    ]);
  });

  it('refuses a reply to a reply, to another card, or to no comment, and writes nothing', () => {
    const doc = new Y.Doc();
    const root = add(doc, 'Root');
    const reply = add(doc, 'Reply', { parentId: root });
    expectRefusal(doc, () => add(doc, 'Nested', { parentId: reply }), 'UNKNOWN_COMMENT');
    expectRefusal(
      doc,
      () => add(doc, 'Elsewhere', { parentId: root, cardId: OTHER_CARD }),
      'UNKNOWN_COMMENT',
    );
    expectRefusal(doc, () => add(doc, 'Nowhere', { parentId: 'missing00001' }), 'UNKNOWN_COMMENT');
  });

  it('refuses more mentions than the limit, and mentions that are not ids; repeats count once', () => {
    const doc = new Y.Doc();
    const many = Array.from({ length: LIMITS.mentions + 1 }, (_, i) => `person${String(i).padStart(4, '0')}`);
    expect(expectRefusal(doc, () => add(doc, 'Hi all', { mentions: many }), 'TOO_MANY').limit).toBe(
      LIMITS.mentions,
    );
    expectRefusal(doc, () => add(doc, 'Hi', { mentions: ['not an id!'] }), 'INVALID_MENTION');
    const id = add(doc, 'Hi', { mentions: [MINH.authorId, MINH.authorId] });
    expect(byId(doc, id).mentions).toEqual([MINH.authorId]);
  });
});

describe('editComment', () => {
  it('changes the text and mentions and stamps editedAt, keeping the rest', () => {
    vi.useFakeTimers({ now: 1_000 });
    const doc = new Y.Doc();
    const id = add(doc, 'Frist', { mentions: [MINH.authorId] });
    vi.setSystemTime(5_000);
    editComment(doc, id, { text: ' First ' });
    expect(byId(doc, id)).toMatchObject({ text: 'First', mentions: [], editedAt: 5_000, createdAt: 1_000 });
    expect((commentsMap(doc).get(id) as Y.Map<unknown>).has('mentions')).toBe(false);
    editComment(doc, id, { text: 'First @Minh', mentions: [MINH.authorId] });
    expect(byId(doc, id).mentions).toEqual([MINH.authorId]);
  });

  it('refuses an empty or long text, bad mentions and an unknown comment, and writes nothing', () => {
    const doc = new Y.Doc();
    const id = add(doc, 'Text');
    expectRefusal(doc, () => editComment(doc, id, { text: '  ' }), 'EMPTY_TEXT');
    expectRefusal(
      doc,
      () => editComment(doc, id, { text: 'x'.repeat(LIMITS.commentText + 1) }),
      'TEXT_TOO_LONG',
    );
    expectRefusal(doc, () => editComment(doc, id, { text: 'ok', mentions: ['bad id'] }), 'INVALID_MENTION');
    expectRefusal(doc, () => editComment(doc, 'missing00001', { text: 'ok' }), 'UNKNOWN_COMMENT');
  });
});

describe('resolveThread and reopenThread', () => {
  it('resolves a root with who and when, and reopens it', () => {
    vi.useFakeTimers({ now: 7_000 });
    const doc = new Y.Doc();
    const root = add(doc, 'Root');
    resolveThread(doc, root, MINH.authorId);
    expect(byId(doc, root)).toMatchObject({ resolvedBy: MINH.authorId, resolvedAt: 7_000 });
    reopenThread(doc, root);
    expect(byId(doc, root)).toMatchObject({ resolvedBy: null, resolvedAt: null });
  });

  it('refuses to resolve a reply or no comment', () => {
    const doc = new Y.Doc();
    const root = add(doc, 'Root');
    const reply = add(doc, 'Reply', { parentId: root });
    expectRefusal(doc, () => resolveThread(doc, reply, LAN.authorId), 'UNKNOWN_COMMENT');
    expectRefusal(doc, () => resolveThread(doc, 'missing00001', LAN.authorId), 'UNKNOWN_COMMENT');
    expectRefusal(doc, () => resolveThread(doc, root, 'bad id'), 'INVALID_AUTHOR');
  });

  it('keeps a resolution whole when one replica resolves while another reopens', () => {
    const a = new Y.Doc();
    const root = add(a, 'Root');
    resolveThread(a, root, LAN.authorId);
    const b = new Y.Doc();
    syncBoth(a, b);
    reopenThread(b, root);
    resolveThread(a, root, MINH.authorId);
    syncBoth(a, b);
    expect(byId(a, root)).toEqual(byId(b, root));
    // The resolution seen is never half of one: either both fields or neither.
    expect(byId(a, root).resolvedBy === null).toBe(byId(a, root).resolvedAt === null);
  });
});

describe('threadsOf', () => {
  const comment = (id: string, createdAt: number, extra: Partial<CardComment> = {}): CardComment => ({
    id,
    cardId: CARD,
    laneId: LANE,
    ...LAN,
    authorGuest: false,
    text: id,
    createdAt,
    parentId: null,
    mentions: [],
    editedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    ...extra,
  });

  it('groups replies under their roots, in the order of the roots, with the last activity', () => {
    const threads = threadsOf([
      comment('rootA1', 1),
      comment('rootB1', 2, { resolvedBy: MINH.authorId, resolvedAt: 9 }),
      comment('replyA', 3, { parentId: 'rootA1' }),
      comment('replyB', 4, { parentId: 'rootB1' }),
    ]);
    expect(threads.map((t) => [t.id, t.root?.id, t.replies.map((r) => r.id), t.resolved, t.lastAt])).toEqual([
      ['rootA1', 'rootA1', ['replyA'], false, 3],
      ['rootB1', 'rootB1', ['replyB'], true, 4],
    ]);
  });

  it('keeps the replies of a removed root, and a reply written before its root by a slow clock', () => {
    const doc = new Y.Doc();
    const root = add(doc, 'Root');
    add(doc, 'Reply by Minh', { ...MINH, parentId: root });
    removeComment(doc, root);
    const [orphaned] = threadsOf(readComments(doc));
    expect(orphaned).toMatchObject({ id: root, root: null, resolved: false });
    expect(orphaned!.replies.map((r) => r.text)).toEqual(['Reply by Minh']);
    const early = threadsOf([comment('replyA', 1, { parentId: 'rootA1' }), comment('rootA1', 2)]);
    expect(early.map((t) => [t.id, t.root?.id, t.replies.length])).toEqual([['rootA1', 'rootA1', 1]]);
  });

  it('shows a reply to a reply, or to a root of another card, as a thread of its own', () => {
    const threads = threadsOf([
      comment('rootA1', 1),
      comment('replyA', 2, { parentId: 'rootA1' }),
      comment('nested', 3, { parentId: 'replyA' }),
      comment('astray', 4, { parentId: 'rootA1', cardId: OTHER_CARD }),
    ]);
    expect(threads.map((t) => [t.id, t.replies.length])).toEqual([
      ['rootA1', 1],
      ['nested', 0],
      ['astray', 0],
    ]);
  });
});

describe('reading thread fields', () => {
  it('skips a comment whose parent is not an id, and reads malformed optional fields as unset', () => {
    const doc = new Y.Doc();
    const id = add(doc, 'Root');
    const entry = commentsMap(doc).get(id) as Y.Map<unknown>;
    entry.set('mentions', 'everyone');
    entry.set('editedAt', 'yesterday');
    entry.set('resolvedBy', LAN.authorId);
    expect(byId(doc, id)).toMatchObject({ mentions: [], editedAt: null, resolvedBy: null, resolvedAt: null });
    entry.set('parentId', 'not an id!');
    expect(readComments(doc)).toEqual([]);
  });
});
