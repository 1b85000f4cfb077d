import { isValidId, type CardId, type LaneId } from './ids.ts';
import { LIMITS } from './limits.ts';

// The `vote` entry of the session doc: a dot vote the facilitator opened, and once revealed its
// tally. Votes themselves never reach a document before the reveal: the server keeps them (each
// person reads only their own) and writes only the tally here, at the reveal.

/** Votes one person may place in a vote: from 1 to 20, as the facilitator chose. */
export const VOTES_PER_PERSON = { min: 1, max: 20 } as const;

/**
 * The most cards a revealed tally lists (the most voted first): what a session doc can carry
 * comfortably. A vote with more voted cards keeps the top of the ranking.
 */
export const REVEALED_CARDS_MAX = 300;

/** One card of a revealed tally, the ranking's order: most votes first. */
export interface RankedCard {
  cardId: CardId;
  laneId: LaneId;
  votes: number;
}

export interface RevealedVote {
  /** Votes per card id, for every card that got at least one. */
  counts: Record<CardId, number>;
  /** How many people placed at least one vote. */
  voters: number;
  ranking: RankedCard[];
}

export interface SessionVote {
  /** The vote's id: each vote opened gets a new one, so votes of an earlier vote never count. */
  id: string;
  status: 'open' | 'revealed';
  /** The lanes whose cards may be voted on; null: every lane of the board. */
  laneIds: LaneId[] | null;
  votesPerPerson: number;
  /** Whether one person may put several of their votes on one card. */
  allowMultiple: boolean;
  openedAt: number;
  /** The user id of the facilitator who opened it. */
  openedBy: string;
  /** The tally, once revealed; null while open. */
  revealed: RevealedVote | null;
}

/** What a facilitator chooses when opening a vote. */
export interface VoteSettings {
  laneIds: LaneId[] | null;
  votesPerPerson: number;
  allowMultiple: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Whether `n` is a number of votes per person a vote may have. */
export function isVotesPerPerson(n: unknown): n is number {
  return (
    typeof n === 'number' && Number.isInteger(n) && n >= VOTES_PER_PERSON.min && n <= VOTES_PER_PERSON.max
  );
}

function readLaneIds(value: unknown): LaneId[] | null | undefined {
  if (value === null) return null;
  if (!Array.isArray(value) || value.length === 0 || value.length > LIMITS.lanes) return undefined;
  if (!value.every((id) => typeof id === 'string' && isValidId(id))) return undefined;
  return [...(value as string[])];
}

function readRevealed(value: unknown): RevealedVote | null | undefined {
  if (value === null) return null;
  if (!isRecord(value) || !isCount(value.voters) || !isRecord(value.counts)) return undefined;
  if (!Array.isArray(value.ranking)) return undefined;
  // No prototype: a card id may be any id, `toString` or `__proto__` too.
  const counts: Record<CardId, number> = Object.create(null);
  for (const [cardId, n] of Object.entries(value.counts)) {
    if (!isValidId(cardId) || !isCount(n)) return undefined;
    counts[cardId] = n;
  }
  const ranking: RankedCard[] = [];
  for (const entry of value.ranking) {
    if (!isRecord(entry)) return undefined;
    const { cardId, laneId, votes } = entry;
    if (typeof cardId !== 'string' || !isValidId(cardId)) return undefined;
    if (typeof laneId !== 'string' || !isValidId(laneId) || !isCount(votes)) return undefined;
    ranking.push({ cardId, laneId, votes });
  }
  return { counts, voters: value.voters, ranking };
}

/** The vote entry of a session doc (`readSessionValue(doc, 'vote')`), or null when none or malformed. */
export function readVote(value: unknown): SessionVote | null {
  if (!isRecord(value)) return null;
  const { id, status, votesPerPerson, allowMultiple, openedAt, openedBy } = value;
  if (typeof id !== 'string' || !isValidId(id)) return null;
  if (status !== 'open' && status !== 'revealed') return null;
  if (!isVotesPerPerson(votesPerPerson) || typeof allowMultiple !== 'boolean') return null;
  if (!isCount(openedAt) || typeof openedBy !== 'string') return null;
  const laneIds = readLaneIds(value.laneIds);
  const revealed = readRevealed(value.revealed);
  if (laneIds === undefined || revealed === undefined) return null;
  // An open vote has no tally and a revealed one always has one.
  if ((status === 'open') !== (revealed === null)) return null;
  return { id, status, laneIds, votesPerPerson, allowMultiple, openedAt, openedBy, revealed };
}

/** A newly opened vote. @throws RangeError for settings no vote may have (the server checks first). */
export function buildVote(
  settings: VoteSettings,
  opened: { id: string; at: number; by: string },
): SessionVote {
  if (!isVotesPerPerson(settings.votesPerPerson)) {
    throw new RangeError(
      `votesPerPerson must be a whole number from ${VOTES_PER_PERSON.min} to ${VOTES_PER_PERSON.max}`,
    );
  }
  const laneIds = settings.laneIds === null ? null : [...new Set(settings.laneIds)];
  if (laneIds !== null && readLaneIds(laneIds) === undefined) {
    throw new RangeError(`laneIds must be null or from 1 to ${LIMITS.lanes} lane ids`);
  }
  return {
    id: opened.id,
    status: 'open',
    laneIds,
    votesPerPerson: settings.votesPerPerson,
    allowMultiple: settings.allowMultiple,
    openedAt: opened.at,
    openedBy: opened.by,
    revealed: null,
  };
}

/**
 * The tally of a vote from every vote placed: each `{cardId, laneId, count}` is one person's
 * votes on one card (the lane it is in now). Ranked by votes, ties by card id so that every
 * instance and page lists them alike; at most `REVEALED_CARDS_MAX` cards.
 */
export function tallyVotes(
  ballots: readonly { userId: string; cardId: CardId; laneId: LaneId; count: number }[],
): RevealedVote {
  const byCard = new Map<CardId, RankedCard>();
  const voters = new Set<string>();
  for (const ballot of ballots) {
    if (ballot.count <= 0) continue;
    voters.add(ballot.userId);
    const ranked = byCard.get(ballot.cardId);
    if (ranked) ranked.votes += ballot.count;
    else byCard.set(ballot.cardId, { cardId: ballot.cardId, laneId: ballot.laneId, votes: ballot.count });
  }
  const ranking = [...byCard.values()]
    .sort((a, b) => b.votes - a.votes || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0))
    .slice(0, REVEALED_CARDS_MAX);
  const counts: Record<CardId, number> = Object.create(null);
  for (const card of ranking) counts[card.cardId] = card.votes;
  return {
    counts,
    voters: voters.size,
    ranking,
  };
}

/** Whether the vote takes votes on cards of `laneId`. */
export function voteCoversLane(vote: Pick<SessionVote, 'laneIds'>, laneId: LaneId): boolean {
  return vote.laneIds === null || vote.laneIds.includes(laneId);
}

/**
 * One's votes on `cardId`: only an own entry counts, as a card id may be the name of a property
 * every object inherits (`toString`, `constructor`), which is not a count of votes.
 */
export function votesOn(mine: Readonly<Record<CardId, number>>, cardId: CardId): number {
  return Object.hasOwn(mine, cardId) ? (mine[cardId] ?? 0) : 0;
}

/** How many votes a person has placed in all, from their votes per card. */
export function votesPlaced(mine: Readonly<Record<CardId, number>>): number {
  return Object.values(mine).reduce((sum, n) => sum + n, 0);
}

/** How many votes a person still has to place. */
export function votesLeft(
  vote: Pick<SessionVote, 'votesPerPerson'>,
  mine: Readonly<Record<CardId, number>>,
): number {
  return Math.max(0, vote.votesPerPerson - votesPlaced(mine));
}

/** Why a person may not set their votes on a card to a count, or null when they may. */
export type VoteRefusal = 'not-open' | 'not-a-count' | 'too-many-on-card' | 'no-votes-left';

/**
 * Whether a person whose votes are `mine` may set their votes on `cardId` to `count`: the vote is
 * open, the count is a whole number, several on one card only when the vote allows it, and their
 * votes in all stay within `votesPerPerson`. Withdrawing (a lower count) is always allowed while
 * the vote is open.
 */
export function checkVoteChange(
  vote: Pick<SessionVote, 'status' | 'votesPerPerson' | 'allowMultiple'>,
  mine: Readonly<Record<CardId, number>>,
  cardId: CardId,
  count: number,
): VoteRefusal | null {
  if (vote.status !== 'open') return 'not-open';
  if (!Number.isInteger(count) || count < 0 || count > VOTES_PER_PERSON.max) return 'not-a-count';
  const current = votesOn(mine, cardId);
  if (count <= current) return null;
  if (!vote.allowMultiple && count > 1) return 'too-many-on-card';
  if (votesPlaced(mine) - current + count > vote.votesPerPerson) return 'no-votes-left';
  return null;
}

/**
 * The text of a board note that keeps a revealed vote's results: "Vote results: 1. … (5) 2. …
 * (3)", the cards' texts shortened so the note fits a card (`LIMITS.cardText`); cards whose text
 * is not known (removed since) are left out.
 */
export function voteResultsText(
  heading: string,
  ranking: readonly RankedCard[],
  textOf: (cardId: CardId) => string | null,
): string {
  const limit = LIMITS.cardText;
  let text = heading;
  let place = 0;
  for (const card of ranking) {
    const cardText = textOf(card.cardId);
    if (cardText === null) continue;
    place++;
    const oneLine = cardText.replace(/\s+/g, ' ').trim();
    const short = oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine;
    const line = `\n${place}. ${short} (${card.votes})`;
    if (text.length + line.length > limit) break;
    text += line;
  }
  return text;
}
