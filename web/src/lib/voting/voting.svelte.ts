import {
  addCard,
  cardAuthorOf,
  checkVoteChange,
  readVote,
  runsBoard,
  voteCoversLane,
  voteResultsText,
  votesLeft,
  type CardAuthor,
  type RankedCard,
  type SessionVote,
  type VoteRefusal,
  type VoteSettings,
} from '@journeyboard/board-model';
import { createContext } from 'svelte';
import { closeVote, getMyVotes, openVote, revealVote, setMyVote } from '#lib/api.ts';
import { describeApiError } from '#lib/api-errors.ts';
import { m } from '#lib/paraglide/messages.js';
import type { LiveBoard } from '#lib/board/live/live-board.svelte.ts';

/** Why a vote could not be placed, said before asking the server (which checks it again). */
export function describeVoteRefusal(refusal: VoteRefusal, vote: SessionVote): string {
  switch (refusal) {
    case 'not-open':
      return m.vote_error_not_open();
    case 'not-a-count':
      return m.api_code_unreadable_request();
    case 'too-many-on-card':
      return m.vote_error_one_per_card();
    case 'no-votes-left':
      return m.vote_error_none_left({ count: String(vote.votesPerPerson) });
  }
}

/**
 * The board's dot vote as this page sees it: the vote entry of the session doc (what the server
 * published), this person's own votes (from the server, shown at once when placed and corrected
 * by the server's answer), and the facilitator's commands. Nobody else's votes are ever here
 * before the reveal: the server sends none.
 */
export class BoardVoting {
  readonly #board: LiveBoard;
  /** This person's votes in the current vote, card id → count. */
  mine = $state<Record<string, number>>({});
  /** Why the latest command or vote failed, in the reader's language. */
  error = $state<string | null>(null);
  /** Whether the ranked results are shown. */
  resultsShown = $state(false);
  /** A command to the server is on its way (buttons wait for it). */
  busy = $state(false);

  /** The vote as the server published it, or null when none is open. */
  readonly vote: SessionVote | null = $derived.by(() => readVote(this.#board.session.vote));
  /** Whether this person runs the board: opens, reveals and closes votes. */
  readonly runs: boolean = $derived.by(() => !this.#board.disconnected && runsBoard(this.#board.access.role));
  /** Whether this person votes: every member but viewers and watchers. */
  readonly votes: boolean = $derived.by(
    () =>
      !this.#board.disconnected && this.#board.access.role !== 'viewer' && this.#board.access.userId !== null,
  );
  /**
   * Whether the vote shown is the server's current one (see `LiveBoard.sessionLive`): votes are
   * placed only then, not on a vote that may have ended while this page was not connected.
   */
  readonly live: boolean = $derived.by(() => this.#board.sessionLive);
  /** Votes this person has still to place. */
  readonly left: number = $derived.by(() => (this.vote ? votesLeft(this.vote, this.mine) : 0));

  /** The vote whose own votes were fetched, and the latest change sent (older answers are ignored). */
  private loadedFor: string | null = null;
  private sent = 0;
  /** The votes whose results were shown on this page, so that they open once. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping only, never rendered
  private readonly announced = new Set<string>();

  constructor(board: LiveBoard) {
    this.#board = board;
  }

  /** Keeps the own votes and the results panel in step with the published vote; call in an effect. */
  follow(vote: SessionVote | null): void {
    const id = vote?.id ?? null;
    if (id !== this.loadedFor) {
      this.loadedFor = id;
      this.mine = {};
      if (vote && this.votes) void this.reloadMine(vote.id);
    }
    if (vote?.status === 'revealed' && !this.announced.has(vote.id)) {
      this.announced.add(vote.id);
      this.resultsShown = true;
    }
    if (vote === null) this.resultsShown = false;
  }

  /** Whether the current vote takes votes on cards of `laneId`. */
  covers(laneId: string): boolean {
    return this.vote !== null && voteCoversLane(this.vote, laneId);
  }

  /** Sets this person's votes on a card to `count`: shown at once, then as the server answers. */
  async place(cardId: string, count: number): Promise<void> {
    const vote = this.vote;
    if (!vote || !this.votes || !this.live) return;
    const refusal = checkVoteChange(vote, this.mine, cardId, count);
    if (refusal !== null) {
      this.error = describeVoteRefusal(refusal, vote);
      return;
    }
    this.error = null;
    const before = this.mine;
    const next = { ...before };
    if (count === 0) delete next[cardId];
    else next[cardId] = count;
    this.mine = next;
    const request = ++this.sent;
    try {
      const answer = await setMyVote(this.#board.boardId, cardId, count);
      if (request === this.sent && answer.voteId === this.vote?.id) this.mine = answer.cards;
    } catch (error) {
      this.error = describeApiError(error);
      // What the server holds is what counts: ask it again.
      if (request === this.sent) await this.reloadMine(vote.id);
    }
  }

  async open(settings: VoteSettings): Promise<boolean> {
    return this.command(() => openVote(this.#board.boardId, settings));
  }

  async reveal(): Promise<boolean> {
    return this.command(() => revealVote(this.#board.boardId));
  }

  async close(): Promise<boolean> {
    return this.command(() => closeVote(this.#board.boardId));
  }

  /** The revealed ranking with each card's text (cards removed since are left out). */
  rankedCards(): { card: RankedCard; text: string }[] {
    const ranking = this.vote?.revealed?.ranking ?? [];
    return ranking.flatMap((card) => {
      const found = this.#board.findCard(card.cardId);
      return found ? [{ card, text: found.card.text }] : [];
    });
  }

  /**
   * Writes the results into a card of `laneId` at `stageId`, as this person: one undo step.
   * Returns an error message, or null when written.
   */
  saveAsNote(laneId: string, stageId: string): string | null {
    const ranking = this.vote?.revealed?.ranking;
    if (!ranking) return m.vote_error_not_revealed();
    const text = voteResultsText(
      m.vote_note_heading(),
      ranking,
      (cardId) => this.#board.findCard(cardId)?.card.text ?? null,
    );
    try {
      this.#board.change((origin) =>
        addCard(
          this.#board.laneDoc(laneId),
          { stageId, text, author: cardAuthorOf(this.#board.access) as CardAuthor },
          undefined,
          origin,
        ),
      );
      return null;
    } catch (error) {
      return describeApiError(error);
    }
  }

  private async reloadMine(voteId: string): Promise<void> {
    try {
      const answer = await getMyVotes(this.#board.boardId);
      if (answer.voteId === voteId && this.vote?.id === voteId) this.mine = answer.cards;
    } catch (error) {
      this.error = describeApiError(error);
    }
  }

  private async command(send: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await send();
      return true;
    } catch (error) {
      this.error = describeApiError(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

const [getVoting, setVoting, hasVoting] = createContext<BoardVoting>();

/** Makes the board's vote known to every card inside the board (call in Board.svelte). */
export function provideVoting(board: LiveBoard): BoardVoting {
  return setVoting(new BoardVoting(board));
}

export { getVoting, hasVoting };
