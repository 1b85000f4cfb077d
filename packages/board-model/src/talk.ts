import type * as Y from 'yjs';
import { BoardModelError } from './errors.ts';
import { newId, type CardId, type CommentId, type LaneId } from './ids.ts';
import {
  commentEntry,
  commentsMap,
  LIMITS,
  mentionsOf,
  readCommentEntry,
  type CardComment,
} from './schema.ts';
import {
  checkAuthorId,
  checkCardIdShape,
  checkLaneIdShape,
  cleanText,
  unknownComment,
} from './validation.ts';

// The talk doc `talk:<boardId>` holds the conversation about a board: comments on cards, grouped in
// threads one level deep (a root and its replies), and the cards' reactions (reactions.ts). It sees
// neither the structure doc nor the lane docs, so it checks the shape of card and lane ids, not that
// they exist; the UI offers only the board's cards.

/**
 * Every readable comment of a talk doc, sorted by creation time, then id. Malformed entries are
 * skipped.
 */
export function readComments(talkDoc: Y.Doc): CardComment[] {
  const comments: CardComment[] = [];
  commentsMap(talkDoc).forEach((value, id) => {
    const comment = readCommentEntry(id, value);
    if (comment !== null) comments.push(comment);
  });
  return comments.sort(compareComments);
}

/** The comments on one card, sorted by creation time, then id. */
export function commentsOnCard(talkDoc: Y.Doc, cardId: CardId): CardComment[] {
  return readComments(talkDoc).filter((comment) => comment.cardId === cardId);
}

/**
 * A root comment and its replies. `root` is null when the root was removed while replies by
 * others stayed: they are still shown, under the place the root held.
 */
export interface CommentThread {
  id: CommentId;
  cardId: CardId;
  root: CardComment | null;
  replies: CardComment[];
  /** Whether the thread is resolved (a thread without its root is never resolved). */
  resolved: boolean;
  /** When its last comment was written. */
  lastAt: number;
}

/**
 * The threads of `comments` (as `readComments` sorts them), in the order of their roots (a thread
 * whose root is gone, in the order of its first reply). A reply whose parent is itself a reply, or
 * on another card, is not one the server accepts; it is shown as a thread of its own.
 */
export function threadsOf(comments: readonly CardComment[]): CommentThread[] {
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  const threads = new Map<string, CommentThread>();
  const start = (id: CommentId, cardId: CardId, root: CardComment | null): CommentThread => {
    let thread = threads.get(id);
    if (!thread) {
      const resolved = root !== null && root.parentId === null && root.resolvedBy !== null;
      thread = { id, cardId, root, replies: [], resolved, lastAt: root?.createdAt ?? 0 };
      threads.set(id, thread);
    }
    return thread;
  };
  for (const comment of comments) {
    if (comment.parentId === null) {
      start(comment.id, comment.cardId, comment);
      continue;
    }
    const parent = byId.get(comment.parentId);
    if (parent !== undefined && (parent.parentId !== null || parent.cardId !== comment.cardId)) {
      start(comment.id, comment.cardId, comment);
      continue;
    }
    // The root sorts after a reply written by a client whose clock is behind: start it now.
    const thread = start(comment.parentId, comment.cardId, parent ?? null);
    if (thread.cardId !== comment.cardId) {
      start(comment.id, comment.cardId, comment);
      continue;
    }
    thread.replies.push(comment);
    thread.lastAt = Math.max(thread.lastAt, comment.createdAt);
  }
  return [...threads.values()].sort(
    (a, b) => firstAt(a) - firstAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function firstAt(thread: CommentThread): number {
  return thread.root?.createdAt ?? thread.replies[0]?.createdAt ?? 0;
}

/** Text and mentions of a comment, as a person writes them. */
export interface CommentContent {
  text: string;
  /** Ids of the people the text mentions (at most `LIMITS.mentions`, distinct). */
  mentions?: readonly string[];
}

/**
 * Adds a comment on a card and returns its id: a root, or with `parentId` a reply to the root
 * `parentId` of the same card. The text and author name are trimmed and normalised; `createdAt` is
 * this client's clock. `authorId` and `authorName` are stored as given: the caller passes the
 * signed-in person's, and the server refuses any other (talk-kind.ts).
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG (text or author name), UNKNOWN_CARD and
 * UNKNOWN_LANE (only for a malformed id), INVALID_AUTHOR (an author id that is not an id),
 * UNKNOWN_COMMENT (a parent that is not a root of the card), INVALID_MENTION, TOO_MANY (mentions).
 */
export function addComment(
  talkDoc: Y.Doc,
  comment: CommentContent & {
    cardId: CardId;
    laneId: LaneId;
    authorId: string;
    authorName: string;
    /** The author joined by a share link, without an account. */
    authorGuest?: boolean;
    /** The root comment this one replies to. */
    parentId?: CommentId | null;
  },
  origin?: unknown,
): CommentId {
  const cardId = checkCardIdShape(comment.cardId);
  const laneId = checkLaneIdShape(comment.laneId);
  const authorId = checkAuthorId(comment.authorId);
  const authorName = cleanText(comment.authorName, 'authorName');
  const text = cleanText(comment.text, 'commentText');
  const mentions = checkMentions(comment.mentions ?? []);
  const parentId = comment.parentId ?? null;
  if (parentId !== null) checkThreadRoot(talkDoc, parentId, cardId);
  const id = newId();
  talkDoc.transact(() => {
    commentsMap(talkDoc).set(
      id,
      commentEntry({
        cardId,
        laneId,
        authorId,
        authorName,
        authorGuest: comment.authorGuest === true,
        text,
        createdAt: Date.now(),
        parentId,
        mentions,
      }),
    );
  }, origin);
  return id;
}

/**
 * Changes a comment's text and mentions and stamps `editedAt` (this client's clock). Only its
 * author may: the caller offers it to them alone, and the server refuses anyone else.
 *
 * @throws BoardModelError UNKNOWN_COMMENT, EMPTY_TEXT, TEXT_TOO_LONG, INVALID_MENTION, TOO_MANY.
 */
export function editComment(
  talkDoc: Y.Doc,
  commentId: CommentId,
  content: CommentContent,
  origin?: unknown,
): void {
  const entry = commentsMap(talkDoc).get(commentId);
  if (readCommentEntry(commentId, entry) === null) throw unknownComment(commentId);
  const text = cleanText(content.text, 'commentText');
  const mentions = checkMentions(content.mentions ?? []);
  const map = entry as Y.Map<unknown>;
  talkDoc.transact(() => {
    map.set('text', text);
    if (mentions.length > 0) map.set('mentions', mentions);
    else if (map.has('mentions')) map.delete('mentions');
    map.set('editedAt', Date.now());
  }, origin);
}

/**
 * Marks the thread of root `rootId` resolved by `userId` (the signed-in person: the server refuses
 * anyone else's id, and anyone who neither wrote the root nor runs the board).
 *
 * @throws BoardModelError UNKNOWN_COMMENT (no such root), INVALID_AUTHOR.
 */
export function resolveThread(talkDoc: Y.Doc, rootId: CommentId, userId: string, origin?: unknown): void {
  const map = rootEntry(talkDoc, rootId);
  const by = checkAuthorId(userId);
  talkDoc.transact(() => {
    map.set('resolvedBy', by);
    map.set('resolvedAt', Date.now());
  }, origin);
}

/** Opens a resolved thread again. @throws BoardModelError UNKNOWN_COMMENT (no such root). */
export function reopenThread(talkDoc: Y.Doc, rootId: CommentId, origin?: unknown): void {
  const map = rootEntry(talkDoc, rootId);
  if (!map.has('resolvedBy') && !map.has('resolvedAt')) return;
  talkDoc.transact(() => {
    map.delete('resolvedBy');
    map.delete('resolvedAt');
  }, origin);
}

/**
 * Deletes a comment. Replies to a removed root stay (they are others' words; `threadsOf` shows them
 * without it). @throws BoardModelError UNKNOWN_COMMENT.
 */
export function removeComment(talkDoc: Y.Doc, commentId: CommentId, origin?: unknown): void {
  if (readCommentEntry(commentId, commentsMap(talkDoc).get(commentId)) === null) {
    throw unknownComment(commentId);
  }
  talkDoc.transact(() => commentsMap(talkDoc).delete(commentId), origin);
}

/** `mentions` as stored (distinct, in order), or INVALID_MENTION / TOO_MANY. */
export function checkMentions(mentions: readonly unknown[]): string[] {
  const unique = [...new Set(mentions)];
  if (unique.length > LIMITS.mentions) {
    throw new BoardModelError(
      'TOO_MANY',
      `A comment can mention at most ${LIMITS.mentions} people and this one mentions ${unique.length}: mention fewer`,
      { field: 'mentions', limit: LIMITS.mentions },
    );
  }
  const checked = mentionsOf(unique);
  if (checked === null) {
    throw new BoardModelError(
      'INVALID_MENTION',
      'A mention does not name a person of the board: pick the person from the list as you type @',
      { field: 'mentions' },
    );
  }
  return checked;
}

/** The entry of root comment `rootId`, or UNKNOWN_COMMENT. */
function rootEntry(talkDoc: Y.Doc, rootId: CommentId): Y.Map<unknown> {
  const entry = commentsMap(talkDoc).get(rootId);
  const root = readCommentEntry(rootId, entry);
  if (root === null || root.parentId !== null) throw unknownComment(rootId);
  return entry as Y.Map<unknown>;
}

function checkThreadRoot(talkDoc: Y.Doc, parentId: CommentId, cardId: CardId): void {
  const parent = readCommentEntry(parentId, commentsMap(talkDoc).get(parentId));
  if (parent === null) throw unknownComment(parentId);
  if (parent.parentId !== null || parent.cardId !== cardId) {
    throw new BoardModelError(
      'UNKNOWN_COMMENT',
      `Comment ${JSON.stringify(parentId)} does not start a thread on this card: reply to the thread's first comment`,
      { field: 'parentId' },
    );
  }
}

// Creation time, then id, with plain code-unit comparison (never `localeCompare`).
function compareComments(a: CardComment, b: CardComment): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
