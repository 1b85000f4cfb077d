import type * as Y from 'yjs';
import { BoardModelError } from './errors.ts';
import { isValidId, type CardId, type LaneId } from './ids.ts';
import { REACTION_EMOJIS, type ReactionEmoji } from './presence.ts';
import { checkAuthorId, checkCardIdShape, checkLaneIdShape, cleanText } from './validation.ts';

// Quick reactions on a card live in the talk doc beside the comments, in the root map `reactions`:
// one entry per person, card and emoji, under the key `<cardId>:<emojiIndex>:<userId>`, so that a
// person's second tap of the same emoji finds their first and two people's taps never collide. An
// entry is a plain value, set whole and removed whole, never changed.

// The emojis are the presence record's `REACTION_EMOJIS` (the same list as the bursts over the
// board), by index: the index is part of a reaction's key, so the list only ever grows at its end.

/** One person's reaction with one emoji on one card. */
export interface CardReaction {
  cardId: CardId;
  /** The lane the card was in when the reaction was given. */
  laneId: LaneId;
  emoji: ReactionEmoji;
  /** Who reacted: the server refuses a reaction under anyone but the writer (talk-kind.ts). */
  userId: string;
  /** Their display name then, as their account held it. */
  userName: string;
  /** When, milliseconds since 1970, by the writer's clock. */
  at: number;
}

/** The fields of a reaction's value; a reaction has exactly these. */
export const REACTION_FIELDS = ['cardId', 'laneId', 'emoji', 'userId', 'userName', 'at'] as const;

/** A talk doc's `reactions` map: `reactionKey` → reaction value. */
export function reactionsMap(talkDoc: Y.Doc): Y.Map<unknown> {
  return talkDoc.getMap('reactions');
}

/** Whether `value` is one of `REACTION_EMOJIS`. */
export function isReactionEmoji(value: unknown): value is ReactionEmoji {
  return (REACTION_EMOJIS as readonly unknown[]).includes(value);
}

/** The key of `userId`'s reaction with `emoji` on `cardId`. */
export function reactionKey(cardId: string, emoji: ReactionEmoji, userId: string): string {
  return `${cardId}:${REACTION_EMOJIS.indexOf(emoji)}:${userId}`;
}

/**
 * A reaction as stored under `key`, or null when the value is malformed or does not match its key
 * (its card, emoji and person must be those the key names).
 */
export function readReactionEntry(key: string, value: unknown): CardReaction | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = value as Record<string, unknown>;
  const { cardId, laneId, emoji, userId, userName, at } = fields;
  if (
    typeof cardId !== 'string' ||
    !isValidId(cardId) ||
    typeof laneId !== 'string' ||
    !isValidId(laneId) ||
    !isReactionEmoji(emoji) ||
    typeof userId !== 'string' ||
    !isValidId(userId) ||
    typeof userName !== 'string' ||
    typeof at !== 'number' ||
    !Number.isFinite(at) ||
    key !== reactionKey(cardId, emoji, userId)
  ) {
    return null;
  }
  return { cardId, laneId, emoji, userId, userName, at };
}

/** Every readable reaction of a talk doc; malformed entries are skipped. */
export function readReactions(talkDoc: Y.Doc): CardReaction[] {
  const reactions: CardReaction[] = [];
  reactionsMap(talkDoc).forEach((value, key) => {
    const reaction = readReactionEntry(key, value);
    if (reaction !== null) reactions.push(reaction);
  });
  return reactions.sort((a, b) => a.at - b.at || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** How one emoji stands on one card. */
export interface ReactionTally {
  emoji: ReactionEmoji;
  count: number;
  /** Who reacted with it, earliest first. */
  people: { userId: string; userName: string }[];
  /** Whether `userId` (the reader) is among them. */
  mine: boolean;
}

/** Each emoji of `REACTION_EMOJIS`, in order, with the reactions `reactions` hold for `cardId`. */
export function reactionTallies(
  reactions: readonly CardReaction[],
  cardId: string,
  userId: string | null,
): ReactionTally[] {
  return REACTION_EMOJIS.map((emoji) => {
    const people = reactions
      .filter((r) => r.cardId === cardId && r.emoji === emoji)
      .map(({ userId: id, userName }) => ({ userId: id, userName }));
    return { emoji, count: people.length, people, mine: people.some((p) => p.userId === userId) };
  });
}

/**
 * Gives `userId`'s reaction with `emoji` on a card, or takes it back when they gave it already;
 * returns whether they now have it. The caller passes the signed-in person; the server refuses
 * anyone else.
 *
 * @throws BoardModelError INVALID_REACTION (an emoji not of `REACTION_EMOJIS`), UNKNOWN_CARD and
 * UNKNOWN_LANE (malformed ids), INVALID_AUTHOR, EMPTY_TEXT / TEXT_TOO_LONG (the name).
 */
export function toggleReaction(
  talkDoc: Y.Doc,
  reaction: { cardId: CardId; laneId: LaneId; emoji: string; userId: string; userName: string },
  origin?: unknown,
): boolean {
  const cardId = checkCardIdShape(reaction.cardId);
  const laneId = checkLaneIdShape(reaction.laneId);
  const userId = checkAuthorId(reaction.userId);
  const userName = cleanText(reaction.userName, 'authorName');
  const { emoji } = reaction;
  if (!isReactionEmoji(emoji)) {
    throw new BoardModelError(
      'INVALID_REACTION',
      `${JSON.stringify(emoji)} is not a reaction: use one of ${REACTION_EMOJIS.join(' ')}`,
      { field: 'emoji' },
    );
  }
  const key = reactionKey(cardId, emoji, userId);
  const map = reactionsMap(talkDoc);
  const had = map.has(key);
  talkDoc.transact(() => {
    if (had) map.delete(key);
    else map.set(key, { cardId, laneId, emoji, userId, userName, at: Date.now() });
  }, origin);
  return !had;
}
