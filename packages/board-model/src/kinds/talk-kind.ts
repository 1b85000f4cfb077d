import * as Y from 'yjs';
import { isValidId } from '../ids.ts';
import { mayRemoveComment } from '../roles.ts';
import { COMMENT_FIELDS, DOCUMENT_BYTES, LIMITS, readCommentEntry } from '../schema.ts';
import type { DocumentWriter, UpdateRefusal } from './document-guard.ts';
import {
  type DocumentKind,
  type EntryValue,
  hasExactFields,
  isCleanText,
  type KindRef,
} from './document-kind.ts';

/** A board's conversation, `talk:<boardId>`: comments on cards. */
export type TalkRef = KindRef<'talk'>;

/**
 * Everyone but viewers writes the talk doc, so its check also enforces what names a writer: a
 * comment is added only under the writer's own id, name and guest mark, removed only by its author
 * or by someone who runs the board, and never altered.
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
    },
  },
};

function checkCommentChange(
  id: string,
  before: EntryValue | undefined,
  after: unknown,
  writer: DocumentWriter,
): UpdateRefusal | null {
  if (before === undefined && after === undefined) return null;
  if (before === undefined) {
    const comment = readCommentEntry(id, after);
    if (comment === null || !hasExactFields(after, COMMENT_FIELDS)) return 'malformed-entry';
    if (typeof after.get('authorGuest') !== 'boolean') return 'malformed-entry';
    if (!isCleanText(comment.text, 'commentText')) return 'malformed-entry';
    if (
      writer.userId === null ||
      comment.authorId !== writer.userId ||
      comment.authorName !== storedName(writer.displayName) ||
      comment.authorGuest !== writer.guest
    ) {
      return 'not-your-name';
    }
    return null;
  }
  if (after === undefined) {
    const authorId =
      typeof before === 'object' && before !== null ? (before as { authorId?: unknown }).authorId : null;
    return mayRemoveComment(writer, writer.userId, typeof authorId === 'string' ? authorId : null)
      ? null
      : 'not-your-comment';
  }
  const now: unknown = after instanceof Y.AbstractType ? after.toJSON() : after;
  return sameData(before, now) ? null : 'comment-altered';
}

/** A display name as `addComment` stores it (`cleanText`: NFC, then trimmed). */
function storedName(displayName: string): string {
  return displayName.normalize('NFC').trim();
}

/** Whether two plain values hold the same fields and values, in any order. */
function sameData(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => key in right && JSON.stringify(left[key]) === JSON.stringify(right[key]));
}
