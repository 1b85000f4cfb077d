import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { expectRefusal } from './expectRefusal.ts';
import { LIMITS } from './schema.ts';
import { addComment, commentsOnCard, readComments, removeComment } from './talk.ts';
import { syncBoth } from './replicas.ts';

const CARD = 'cardReview01';
const OTHER_CARD = 'cardInvoice2';
const LANE = 'lanePainPts1';
const AUTHOR = { authorId: 'q2k7mvxbn4a3hd5e', authorName: 'Lan Nguyễn' };

function comment(text: string, cardId = CARD): Parameters<typeof addComment>[1] {
  return { cardId, laneId: LANE, ...AUTHOR, text };
}

function commentEntry(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>(
    Object.entries({
      cardId: CARD,
      laneId: LANE,
      authorId: AUTHOR.authorId,
      authorName: AUTHOR.authorName,
      text: 'Text',
      createdAt: 1,
      ...fields,
    }),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('addComment', () => {
  it('adds a comment, trimmed and normalised, with its author and creation time', () => {
    const doc = new Y.Doc();
    const before = Date.now();
    const id = addComment(doc, {
      cardId: CARD,
      laneId: LANE,
      authorId: AUTHOR.authorId,
      authorName: '  Lan Nguyễn '.normalize('NFD'),
      text: '  Kho cập nhật\nmỗi tối \t'.normalize('NFD'),
    });
    const [stored] = readComments(doc);
    expect(stored).toMatchObject({
      id,
      cardId: CARD,
      laneId: LANE,
      authorId: AUTHOR.authorId,
      authorName: 'Lan Nguyễn'.normalize('NFC'),
      text: 'Kho cập nhật\nmỗi tối'.normalize('NFC'),
    });
    expect(stored?.createdAt).toBeGreaterThanOrEqual(before);
    expect(stored?.createdAt).toBeLessThanOrEqual(Date.now());
    expect(id).toMatch(/^[0-9A-Za-z]{12}$/);
  });

  it('writes in one transaction', () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    addComment(doc, comment('One'));
    expect(transactions).toBe(1);
  });

  it('accepts exactly the limits', () => {
    const doc = new Y.Doc();
    addComment(doc, {
      ...comment('😀'.repeat(LIMITS.commentText)),
      authorName: 'ệ'.repeat(LIMITS.authorName),
    });
    expect(readComments(doc)).toHaveLength(1);
  });

  it('refuses empty or too long text', () => {
    const doc = new Y.Doc();
    expect(expectRefusal(doc, () => addComment(doc, comment(' \n ')), 'EMPTY_TEXT').field).toBe(
      'commentText',
    );
    expect(
      expectRefusal(doc, () => addComment(doc, comment(undefined as unknown as string)), 'EMPTY_TEXT').field,
    ).toBe('commentText');
    const error = expectRefusal(
      doc,
      () => addComment(doc, comment('x'.repeat(LIMITS.commentText + 1))),
      'TEXT_TOO_LONG',
    );
    expect(error).toMatchObject({ field: 'commentText', limit: LIMITS.commentText });
  });

  it('refuses an empty or too long author name', () => {
    const doc = new Y.Doc();
    const empty = expectRefusal(
      doc,
      () => addComment(doc, { ...comment('Hi'), authorName: ' ' }),
      'EMPTY_TEXT',
    );
    expect(empty.field).toBe('authorName');
    const long = expectRefusal(
      doc,
      () => addComment(doc, { ...comment('Hi'), authorName: 'x'.repeat(LIMITS.authorName + 1) }),
      'TEXT_TOO_LONG',
    );
    expect(long).toMatchObject({ field: 'authorName', limit: LIMITS.authorName });
  });

  it('refuses a malformed author id', () => {
    const doc = new Y.Doc();
    for (const authorId of ['', 'abc', 'has space!', 'x'.repeat(65), 7 as unknown as string]) {
      const error = expectRefusal(
        doc,
        () => addComment(doc, { ...comment('Hi'), authorId }),
        'INVALID_AUTHOR',
      );
      expect(error.field).toBe('authorId');
    }
  });

  it('refuses a malformed card or lane id', () => {
    const doc = new Y.Doc();
    const card = expectRefusal(doc, () => addComment(doc, comment('Hi', 'bad id!')), 'UNKNOWN_CARD');
    expect(card.field).toBe('cardId');
    const lane = expectRefusal(
      doc,
      () => addComment(doc, { ...comment('Hi'), laneId: 'no' }),
      'UNKNOWN_LANE',
    );
    expect(lane.field).toBe('laneId');
  });
});

describe('readComments', () => {
  it('sorts by creation time, then by id', () => {
    const doc = new Y.Doc();
    vi.useFakeTimers({ now: 2_000 });
    const later = addComment(doc, comment('Later'));
    vi.setSystemTime(1_000);
    const earlier = addComment(doc, comment('Earlier'));
    doc.getMap('comments').set('zzzzzz', commentEntry({ text: 'Tie B', createdAt: 1_500 }));
    doc.getMap('comments').set('aaaaaa', commentEntry({ text: 'Tie A', createdAt: 1_500 }));
    expect(readComments(doc).map((c) => c.id)).toEqual([earlier, 'aaaaaa', 'zzzzzz', later]);
  });

  it('skips malformed comments instead of throwing', () => {
    const doc = new Y.Doc();
    const comments = doc.getMap('comments');
    const good = addComment(doc, comment('Good'));
    doc.transact(() => {
      comments.set('badCardId', commentEntry({ cardId: 'x' }));
      comments.set('badLaneId', commentEntry({ laneId: 5 }));
      comments.set('badAuthor', commentEntry({ authorId: 'not an id' }));
      comments.set('noName', commentEntry({ authorName: undefined }));
      comments.set('numberText', commentEntry({ text: 3 }));
      comments.set('infiniteTime', commentEntry({ createdAt: Number.POSITIVE_INFINITY }));
      comments.set('stringTime', commentEntry({ createdAt: '1' }));
      comments.set('plainObject', { cardId: CARD, laneId: LANE, ...AUTHOR, text: 'x', createdAt: 1 });
      comments.set('bad id!', commentEntry({}));
    });
    expect(readComments(doc).map((c) => c.id)).toEqual([good]);
  });

  it('returns no comments for an empty doc', () => {
    expect(readComments(new Y.Doc())).toEqual([]);
  });
});

describe('commentsOnCard', () => {
  it("returns one card's comments, in order", () => {
    const doc = new Y.Doc();
    vi.useFakeTimers({ now: 1_000 });
    const first = addComment(doc, comment('First'));
    addComment(doc, comment('Elsewhere', OTHER_CARD));
    vi.setSystemTime(2_000);
    const second = addComment(doc, comment('Second'));
    expect(commentsOnCard(doc, CARD).map((c) => c.id)).toEqual([first, second]);
    expect(commentsOnCard(doc, OTHER_CARD).map((c) => c.text)).toEqual(['Elsewhere']);
    expect(commentsOnCard(doc, 'noSuchCard')).toEqual([]);
  });
});

describe('removeComment', () => {
  it('removes a comment', () => {
    const doc = new Y.Doc();
    const gone = addComment(doc, comment('Gone'));
    const kept = addComment(doc, comment('Kept'));
    removeComment(doc, gone);
    expect(readComments(doc).map((c) => c.id)).toEqual([kept]);
  });

  it('refuses an unknown or unreadable comment', () => {
    const doc = new Y.Doc();
    addComment(doc, comment('Kept'));
    doc.getMap('comments').set('brokenOne', commentEntry({ text: 42 }));
    const error = expectRefusal(doc, () => removeComment(doc, 'noSuchComment'), 'UNKNOWN_COMMENT');
    expect(error).toMatchObject({ field: 'commentId' });
    expect(error.message).toBe('Comment "noSuchComment" not found: it may have been removed by someone else');
    expectRefusal(doc, () => removeComment(doc, 'brokenOne'), 'UNKNOWN_COMMENT');
  });
});

describe('concurrent comments', () => {
  it('converge when two people comment and one removes a comment', () => {
    const a = new Y.Doc();
    const first = addComment(a, comment('First'));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    addComment(a, comment('From A'));
    addComment(b, comment('From B'));
    removeComment(b, first);
    syncBoth(a, b);
    expect(readComments(a)).toEqual(readComments(b));
    expect(
      readComments(a)
        .map((c) => c.text)
        .sort(),
    ).toEqual(['From A', 'From B']);
  });
});
