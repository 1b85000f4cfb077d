import type * as Y from 'yjs';
import { newId, type CardId, type CommentId, type LaneId } from './ids.ts';
import { commentEntry, commentsMap, readCommentEntry, type CardComment } from './schema.ts';
import {
  checkAuthorId,
  checkCardIdShape,
  checkLaneIdShape,
  cleanText,
  unknownComment,
} from './validation.ts';

// The talk doc `talk:<boardId>` holds the conversation about a board: comments on cards. It sees
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
 * Adds a comment on a card and returns its id. The text and author name are trimmed and
 * normalised; `createdAt` is this client's clock. `authorId` and `authorName` are stored as given:
 * the caller passes the signed-in person's, and the server refuses any other (talk-kind.ts).
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG (text or author name), UNKNOWN_CARD and
 * UNKNOWN_LANE (only for a malformed id), INVALID_AUTHOR (an author id that is not an id).
 */
export function addComment(
  talkDoc: Y.Doc,
  comment: {
    cardId: CardId;
    laneId: LaneId;
    authorId: string;
    authorName: string;
    /** The author joined by a share link, without an account. */
    authorGuest?: boolean;
    text: string;
  },
  origin?: unknown,
): CommentId {
  const cardId = checkCardIdShape(comment.cardId);
  const laneId = checkLaneIdShape(comment.laneId);
  const authorId = checkAuthorId(comment.authorId);
  const authorName = cleanText(comment.authorName, 'authorName');
  const text = cleanText(comment.text, 'commentText');
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
      }),
    );
  }, origin);
  return id;
}

/** Deletes a comment. @throws BoardModelError UNKNOWN_COMMENT. */
export function removeComment(talkDoc: Y.Doc, commentId: CommentId, origin?: unknown): void {
  if (readCommentEntry(commentId, commentsMap(talkDoc).get(commentId)) === null) {
    throw unknownComment(commentId);
  }
  talkDoc.transact(() => commentsMap(talkDoc).delete(commentId), origin);
}

// Creation time, then id, with plain code-unit comparison (never `localeCompare`).
function compareComments(a: CardComment, b: CardComment): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
