import * as Y from 'yjs';
import { commentsMap, readCommentEntry } from './schema.ts';
import { cleanText } from './validation.ts';

// Within one document Yjs cannot tell one writer's entries from another's, so the server checks
// what an update to a talk doc would do before it stores it: it applies the update to a copy of
// the doc and compares every comment the update touched, before (in the doc) and after (in the
// copy).

/** Who sends a change to a talk doc, as the server knows them (never as the client claims). */
export interface CommentWriter {
  userId: string;
  /** The writer's display name: a new comment must carry it, as `addComment` stores it. */
  displayName: string;
  /** Owners and facilitators remove anybody's comment; everyone else only their own. */
  moderates: boolean;
}

/**
 * Why a talk doc update is refused:
 * - `unreadable`: not a Yjs update;
 * - `incomplete`: it depends on changes the doc does not hold, so what it does cannot be known;
 * - `not-a-comment`: it writes somewhere other than a comment entry of the `comments` map;
 * - `malformed-comment`: a new comment that `readCommentEntry` cannot read, or whose text
 *   `addComment` would not have written (empty, untrimmed, over the limit);
 * - `not-your-name`: a new comment under another id or name than the writer's;
 * - `not-your-comment`: it removes a comment of someone else, and the writer does not moderate;
 * - `comment-altered`: it changes an existing comment (comments are added and removed, never edited).
 */
export type TalkRefusal =
  | 'unreadable'
  | 'incomplete'
  | 'not-a-comment'
  | 'malformed-comment'
  | 'not-your-name'
  | 'not-your-comment'
  | 'comment-altered';

/**
 * Whether `writer` may apply `update` to `talkDoc`: null when every effect is one the writer may
 * have, else why not. Neither argument is changed. A one-off check; a server that checks every
 * update of a live doc keeps a `TalkGuard` per doc instead.
 */
export function checkTalkUpdate(
  talkDoc: Y.Doc,
  update: Uint8Array,
  writer: CommentWriter,
): TalkRefusal | null {
  const guard = new TalkGuard(talkDoc);
  try {
    return guard.check(update, writer);
  } finally {
    guard.destroy();
  }
}

/**
 * Checks updates to one live talk doc. What an update does depends only on the doc it meets, so
 * applying it to a copy of that doc tells exactly what it will do. The copy follows every update
 * the doc receives (from any connection, another instance or the server itself) and takes each
 * accepted update ahead of the doc, so a check costs about what applying the update costs, not a
 * copy of the whole doc. After a refusal the copy holds what was refused; it is dropped and made
 * again from the doc at the next check. Deletions of what is already deleted (a reconnecting client
 * sends its whole delete set) change nothing and pass.
 */
export class TalkGuard {
  private readonly talkDoc: Y.Doc;
  private copy: Y.Doc | null = null;
  private readonly follow = (update: Uint8Array): void => {
    if (this.copy === null) return;
    try {
      Y.applyUpdate(this.copy, update);
    } catch {
      this.drop();
      return;
    }
    // The copy holds all the doc holds, so nothing the doc integrates can wait in it; if it ever
    // does, start again from the doc rather than check against a copy that differs.
    if (this.copy.store.pendingStructs !== null || this.copy.store.pendingDs !== null) this.drop();
  };

  constructor(talkDoc: Y.Doc) {
    this.talkDoc = talkDoc;
    talkDoc.on('update', this.follow);
  }

  /** Whether `writer` may apply `update` to the doc: null when they may, else why not. */
  check(update: Uint8Array, writer: CommentWriter): TalkRefusal | null {
    const refusal = this.effectOf(update, writer);
    if (refusal !== null) this.drop();
    return refusal;
  }

  destroy(): void {
    this.talkDoc.off('update', this.follow);
    this.drop();
  }

  private effectOf(update: Uint8Array, writer: CommentWriter): TalkRefusal | null {
    if (this.copy === null) {
      this.copy = new Y.Doc({ guid: 'talk-check' });
      Y.applyUpdate(this.copy, Y.encodeStateAsUpdate(this.talkDoc));
    }
    const copy = this.copy;
    const comments = commentsMap(copy);
    // The same object, typed loosely enough to compare with the types a transaction changed.
    const commentsType: unknown = comments;
    const touched = new Set<string>();
    let elsewhere = false;
    const observe = (transaction: Y.Transaction): void => {
      for (const [type, keys] of transaction.changed) {
        if (type === commentsType) {
          for (const key of keys) {
            if (key === null) elsewhere = true;
            else touched.add(key);
          }
          continue;
        }
        const item = type._item;
        if (item !== null && item.parent === commentsType && typeof item.parentSub === 'string') {
          // A field of an existing entry: an edit of that comment.
          touched.add(item.parentSub);
        } else {
          elsewhere = true;
        }
      }
    };
    copy.on('afterTransaction', observe);
    try {
      Y.applyUpdate(copy, update);
    } catch {
      return 'unreadable';
    } finally {
      copy.off('afterTransaction', observe);
    }
    if (copy.store.pendingStructs !== null || copy.store.pendingDs !== null) return 'incomplete';
    if (elsewhere) return 'not-a-comment';
    const before = commentsMap(this.talkDoc);
    for (const id of touched) {
      const refusal = checkCommentChange(id, before.get(id), comments.get(id), writer);
      if (refusal !== null) return refusal;
    }
    return null;
  }

  private drop(): void {
    this.copy?.destroy();
    this.copy = null;
  }
}

function checkCommentChange(
  id: string,
  before: unknown,
  after: unknown,
  writer: CommentWriter,
): TalkRefusal | null {
  if (before === undefined && after === undefined) return null;
  if (before === undefined) {
    const comment = readCommentEntry(id, after);
    if (comment === null || !(after instanceof Y.Map) || after.size !== COMMENT_FIELDS) {
      return 'malformed-comment';
    }
    if (!isCleanText(comment.text, 'commentText')) return 'malformed-comment';
    if (comment.authorId !== writer.userId || comment.authorName !== storedName(writer.displayName)) {
      return 'not-your-name';
    }
    return null;
  }
  if (after === undefined) {
    if (writer.moderates) return null;
    return readCommentEntry(id, before)?.authorId === writer.userId ? null : 'not-your-comment';
  }
  return sameEntry(before, after) ? null : 'comment-altered';
}

/** The fields of a comment entry (`commentEntry`); a new entry has exactly these. */
const COMMENT_FIELDS = 6;

/** A display name as `addComment` stores it (`cleanText`: NFC, then trimmed). */
function storedName(displayName: string): string {
  return displayName.normalize('NFC').trim();
}

/** Whether `text` is as `cleanText` leaves it: trimmed, NFC, not empty, within its limit. */
function isCleanText(text: string, field: 'commentText'): boolean {
  try {
    return cleanText(text, field) === text;
  } catch {
    return false;
  }
}

/** Whether two entries hold the same fields and values, in any order. */
function sameEntry(a: unknown, b: unknown): boolean {
  if (!(a instanceof Y.Map) || !(b instanceof Y.Map)) return a === b;
  const left = a.toJSON() as Record<string, unknown>;
  const right = b.toJSON() as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => key in right && JSON.stringify(left[key]) === JSON.stringify(right[key]));
}
