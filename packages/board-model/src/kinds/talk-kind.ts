import * as Y from 'yjs';
import { isValidId } from '../ids.ts';
import { REACTION_FIELDS, readReactionEntry } from '../reactions.ts';
import { mayRemoveComment, mayResolveThread } from '../roles.ts';
import {
  COMMENT_FIELDS,
  COMMENT_OPTIONAL_FIELDS,
  commentsMap,
  DOCUMENT_BYTES,
  LIMITS,
  mentionsOf,
  readCommentEntry,
  type CardComment,
} from '../schema.ts';
import type { DocumentWriter, UpdateRefusal } from './document-guard.ts';
import { type DocumentKind, type EntryValue, isCleanText, type KindRef } from './document-kind.ts';

/** A board's conversation, `talk:<boardId>`: comments on cards, in threads, and cards' reactions. */
export type TalkRef = KindRef<'talk'>;

/**
 * Everyone but viewers writes the talk doc, so its check also enforces what names a writer: a
 * comment is added only under the writer's own id, name and guest mark, and a reply only to a root
 * of the same card; its text and mentions are changed only by its author, its thread resolved or
 * reopened only by the root's author or someone who runs the board, and the rest of it never; it
 * is removed only by its author or someone who runs the board. A reaction is given and taken back
 * only by its own person.
 */
export const talkKind: DocumentKind<TalkRef> = {
  kind: 'talk',
  prefix: 'talk',
  docName: ({ boardId }) => `talk:${boardId}`,
  parse: (parts) =>
    parts.length === 2 && isValidId(parts[1]!) ? { kind: 'talk', boardId: parts[1]! } : null,
  mayWrite: (access) => access.role !== 'viewer',
  laneOf: () => null,
  carriesPresence: false,
  content: {
    maxBytes: DOCUMENT_BYTES.talk,
    roots: {
      comments: {
        maxEntries: LIMITS.comments,
        keepsPrevious: true,
        check: checkCommentChange,
      },
      reactions: {
        maxEntries: LIMITS.reactions,
        perWriter: { maxEntries: LIMITS.reactionsPerPerson, writerOf: readUserId },
        keepsPrevious: true,
        // Only whose reaction it was matters for its removal.
        keep: (value) => ({ userId: readUserId(value) }),
        check: checkReactionChange,
      },
    },
  },
};

/** Fields a comment keeps from the moment it is written. */
const FIXED_FIELDS = ['cardId', 'laneId', 'authorId', 'authorName', 'authorGuest', 'createdAt', 'parentId'];
/** Fields only the author changes. */
const CONTENT_FIELDS = ['text', 'mentions', 'editedAt'];
/** Fields of a thread's resolution, on its root. */
const RESOLUTION_FIELDS = ['resolvedBy', 'resolvedAt'];
const ALLOWED_FIELDS: ReadonlySet<string> = new Set([...COMMENT_FIELDS, ...COMMENT_OPTIONAL_FIELDS]);

function checkCommentChange(
  id: string,
  before: EntryValue | undefined,
  after: unknown,
  writer: DocumentWriter,
): UpdateRefusal | null {
  if (before === undefined && after === undefined) return null;
  if (after === undefined) {
    const authorId =
      typeof before === 'object' && before !== null ? (before as { authorId?: unknown }).authorId : null;
    return mayRemoveComment(writer, writer.userId, typeof authorId === 'string' ? authorId : null)
      ? null
      : 'not-your-comment';
  }
  const comment = wellFormedComment(id, after, before === undefined);
  if (comment === null) return 'malformed-entry';
  const now = (after as Y.Map<unknown>).toJSON() as Record<string, unknown>;
  if (before === undefined) {
    if (
      writer.userId === null ||
      comment.authorId !== writer.userId ||
      comment.authorName !== storedName(writer.displayName) ||
      comment.authorGuest !== writer.guest
    ) {
      return 'not-your-name';
    }
    if (comment.parentId !== null && !isThreadRoot((after as Y.Map<unknown>).doc, comment)) {
      return 'unknown-parent';
    }
    // A comment written and resolved offline arrives resolved, by its author.
    if (comment.resolvedBy !== null && comment.resolvedBy !== writer.userId) return 'not-your-thread';
    return null;
  }
  const was = typeof before === 'object' && before !== null ? (before as Record<string, unknown>) : {};
  const changed = (field: string) => JSON.stringify(was[field]) !== JSON.stringify(now[field]);
  if (FIXED_FIELDS.some(changed)) return 'comment-altered';
  if (CONTENT_FIELDS.some(changed)) {
    // An edit is its author's, and says when it was made.
    if (writer.userId !== comment.authorId || !changed('editedAt')) return 'comment-altered';
  }
  if (RESOLUTION_FIELDS.some(changed)) {
    if (!mayResolveThread(writer, writer.userId, comment.authorId)) return 'not-your-thread';
    if (comment.resolvedBy !== null && comment.resolvedBy !== writer.userId) return 'not-your-thread';
  }
  return null;
}

/**
 * The comment `value` holds when it has the shape a client may write: every field of
 * `COMMENT_FIELDS`, no field but those and `COMMENT_OPTIONAL_FIELDS`, each of its type and length,
 * and a resolution whole (both fields) and on a root only. Otherwise null. A comment written before
 * guests were marked has no `authorGuest`, and keeps none when edited or resolved (`isNew` false).
 */
function wellFormedComment(id: string, value: unknown, isNew: boolean): CardComment | null {
  const comment = readCommentEntry(id, value);
  if (comment === null) return null;
  const entry = value as Y.Map<unknown>;
  const required = isNew ? COMMENT_FIELDS : COMMENT_FIELDS.filter((field) => field !== 'authorGuest');
  if (!required.every((field) => entry.has(field))) return null;
  for (const field of entry.keys()) if (!ALLOWED_FIELDS.has(field)) return null;
  if (entry.has('authorGuest') && typeof entry.get('authorGuest') !== 'boolean') return null;
  if (!isCleanText(comment.text, 'commentText')) return null;
  if (entry.has('mentions') && mentionsOf(entry.get('mentions')) === null) return null;
  if (entry.has('editedAt') && comment.editedAt === null) return null;
  const resolution = RESOLUTION_FIELDS.filter((field) => entry.has(field)).length;
  if (resolution === 1 || (resolution === 2 && comment.resolvedBy === null)) return null;
  return comment;
}

/** Whether the comment `reply` replies to is a root of its card, in `doc` as it stands now. */
function isThreadRoot(doc: Y.Doc | null, reply: CardComment): boolean {
  if (doc === null || reply.parentId === null) return false;
  const parent = readCommentEntry(reply.parentId, commentsMap(doc).get(reply.parentId));
  return parent !== null && parent.parentId === null && parent.cardId === reply.cardId;
}

function checkReactionChange(
  key: string,
  before: EntryValue | undefined,
  after: unknown,
  writer: DocumentWriter,
): UpdateRefusal | null {
  if (before === undefined && after === undefined) return null;
  if (after === undefined) {
    const userId = readUserId(before);
    return writer.userId !== null && userId === writer.userId ? null : 'not-your-reaction';
  }
  const reaction = readReactionEntry(key, after);
  if (
    reaction === null ||
    Object.keys(after as object).length !== REACTION_FIELDS.length ||
    !isCleanText(reaction.userName, 'authorName')
  ) {
    return 'malformed-entry';
  }
  if (
    writer.userId === null ||
    reaction.userId !== writer.userId ||
    reaction.userName !== storedName(writer.displayName)
  ) {
    return 'not-your-reaction';
  }
  return null;
}

/** The `userId` field of a reaction value, or null. */
function readUserId(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return null;
  const userId = (value as { userId?: unknown }).userId;
  return typeof userId === 'string' ? userId : null;
}

/** A display name as `addComment` stores it (`cleanText`: NFC, then trimmed). */
function storedName(displayName: string): string {
  return displayName.normalize('NFC').trim();
}
