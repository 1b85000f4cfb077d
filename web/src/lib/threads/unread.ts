import type { CardComment } from '@journeyboard/board-model';

// What a person has read of each card's conversation, kept in this browser only: for each card,
// the latest moment (by the writers' clocks, as the comments carry it) of any comment they have
// seen there. A comment by someone else written after it is unread; a mention of them in a comment
// written or edited after it is an unread mention.

/** Card id → the latest `createdAt` or `editedAt` of the comments seen on it. */
export type ReadMarks = Record<string, number>;

/** The localStorage key of one person's read marks on one board. */
export function readMarksKey(boardId: string, userId: string): string {
  return `journeyboard:thread-reads:${boardId}:${userId}`;
}

/** Read marks as stored, keeping only well-formed entries (anything else reads as nothing read). */
export function parseReadMarks(stored: string | null): ReadMarks {
  if (stored === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const marks: ReadMarks = {};
  for (const [cardId, at] of Object.entries(value)) {
    if (typeof at === 'number' && Number.isFinite(at)) marks[cardId] = at;
  }
  return marks;
}

/** When a comment last changed in a way a reader would notice (written, or edited). */
function activityAt(comment: CardComment): number {
  return Math.max(comment.createdAt, comment.editedAt ?? 0);
}

/** The mark of having read every comment `comments` holds on `cardId` (or `current` if later). */
export function markFor(
  comments: readonly CardComment[],
  cardId: string,
  current: number | undefined,
): number {
  let at = current ?? 0;
  for (const comment of comments) if (comment.cardId === cardId) at = Math.max(at, activityAt(comment));
  return at;
}

/** Per card: comments by others not yet read, and unread mentions of `userId` among them. */
export interface CardUnread {
  comments: number;
  mentions: number;
}

/**
 * Unread comments and mentions of `userId` per card (cards with none are left out). Own comments
 * are never unread.
 */
export function unreadByCard(
  comments: readonly CardComment[],
  marks: ReadMarks,
  userId: string | null,
): Map<string, CardUnread> {
  const unread = new Map<string, CardUnread>();
  if (userId === null) return unread;
  for (const comment of comments) {
    if (comment.authorId === userId) continue;
    const mark = marks[comment.cardId] ?? 0;
    const isNew = comment.createdAt > mark;
    const mentionsMe = comment.mentions.includes(userId) && activityAt(comment) > mark;
    if (!isNew && !mentionsMe) continue;
    const counts = unread.get(comment.cardId) ?? { comments: 0, mentions: 0 };
    if (isNew) counts.comments += 1;
    if (mentionsMe) counts.mentions += 1;
    unread.set(comment.cardId, counts);
  }
  return unread;
}

/** The unread mentions of the whole board, from `unreadByCard`. */
export function totalMentions(unread: ReadonlyMap<string, CardUnread>): number {
  let total = 0;
  for (const counts of unread.values()) total += counts.mentions;
  return total;
}
