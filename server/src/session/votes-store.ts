import type { Kysely } from 'kysely';
import type { StoreKind } from '../storage/database.ts';
import type { Database } from '../storage/schema.ts';

/** One person's votes on one card, as placed. */
export interface Ballot {
  userId: string;
  cardId: string;
  laneId: string;
  count: number;
}

/** One's votes per card id (cards without any left out). */
export type OwnVotes = Record<string, number>;

/**
 * The votes of every board's dot vote (table `votes`): one row per person and card, placed and
 * withdrawn by each person through the server and read back by that person alone, until the
 * tally is published at the reveal.
 */
export class VotesStore {
  private readonly db: Kysely<Database>;
  private readonly kind: StoreKind;

  constructor(db: Kysely<Database>, kind: StoreKind) {
    this.db = db;
    this.kind = kind;
  }

  /** The votes `userId` placed in the vote `voteId`. */
  async own(boardId: string, voteId: string, userId: string): Promise<OwnVotes> {
    return this.ownIn(this.db, boardId, voteId, userId);
  }

  /**
   * Sets `userId`'s votes on `cardId` to `count` (0 withdraws them), when `mayChange` allows it
   * given their votes as the store holds them; returns their votes after, or the refusal (nothing
   * written). Two changes by one person at once are judged one after the other, so that together
   * they never pass the vote's limits: on SQLite every write transaction takes the database's
   * write lock at its start (node-sqlite-dialect.ts), on PostgreSQL this one first locks the
   * person's row.
   */
  async setOwn<R>(
    ballot: {
      boardId: string;
      voteId: string;
      userId: string;
      cardId: string;
      laneId: string;
      count: number;
    },
    mayChange: (own: OwnVotes) => R | null,
  ): Promise<{ own: OwnVotes } | { refused: R }> {
    const { boardId, voteId, userId, cardId, laneId, count } = ballot;
    return this.db.transaction().execute(async (trx) => {
      let person = trx.selectFrom('users').select('id').where('id', '=', userId);
      if (this.kind === 'postgres') person = person.forUpdate();
      await person.executeTakeFirst();
      const own = await this.ownIn(trx, boardId, voteId, userId);
      const refused = mayChange(own);
      if (refused !== null) return { refused };
      const row = trx
        .deleteFrom('votes')
        .where('board_id', '=', boardId)
        .where('vote_id', '=', voteId)
        .where('user_id', '=', userId)
        .where('card_id', '=', cardId);
      if (count === 0) {
        await row.execute();
        delete own[cardId];
      } else {
        await trx
          .insertInto('votes')
          .values({
            board_id: boardId,
            vote_id: voteId,
            user_id: userId,
            card_id: cardId,
            lane_id: laneId,
            count,
          })
          .onConflict((oc) =>
            oc.columns(['board_id', 'vote_id', 'user_id', 'card_id']).doUpdateSet({ count, lane_id: laneId }),
          )
          .execute();
        own[cardId] = count;
      }
      return { own };
    });
  }

  /**
   * Every vote placed in the vote `voteId` by someone who may still vote on the board (a member,
   * guests who joined by link included, other than a viewer): what its tally is counted from. The
   * votes of someone removed from the board, or made a viewer, since they voted do not count.
   */
  async all(boardId: string, voteId: string): Promise<Ballot[]> {
    const rows = await this.db
      .selectFrom('votes')
      .innerJoin('board_members', (join) =>
        join
          .onRef('board_members.board_id', '=', 'votes.board_id')
          .onRef('board_members.user_id', '=', 'votes.user_id'),
      )
      .select(['votes.user_id', 'votes.card_id', 'votes.lane_id', 'votes.count'])
      .where('votes.board_id', '=', boardId)
      .where('votes.vote_id', '=', voteId)
      .where('board_members.role', '<>', 'viewer')
      .execute();
    return rows.map((row) => ({
      userId: row.user_id,
      cardId: row.card_id,
      laneId: row.lane_id,
      count: Number(row.count),
    }));
  }

  /** Deletes the board's votes of every vote but `keepVoteId` (every vote when null). */
  async clear(boardId: string, keepVoteId: string | null): Promise<void> {
    let rows = this.db.deleteFrom('votes').where('board_id', '=', boardId);
    if (keepVoteId !== null) rows = rows.where('vote_id', '<>', keepVoteId);
    await rows.execute();
  }

  /** The lane a card of the board was last written into, as the card records say (null: none). */
  async recordedLane(boardId: string, cardId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('card_authors')
      .select('lane_id')
      .where('board_id', '=', boardId)
      .where('card_id', '=', cardId)
      .executeTakeFirst();
    return row?.lane_id ?? null;
  }

  private async ownIn(
    db: Kysely<Database>,
    boardId: string,
    voteId: string,
    userId: string,
  ): Promise<OwnVotes> {
    const rows = await db
      .selectFrom('votes')
      .select(['card_id', 'count'])
      .where('board_id', '=', boardId)
      .where('vote_id', '=', voteId)
      .where('user_id', '=', userId)
      .execute();
    // No prototype: a card id may be the name of a property every object inherits (`toString`,
    // `__proto__`), which would otherwise read as a count or set the prototype.
    const own: OwnVotes = Object.create(null);
    for (const row of rows) own[row.card_id] = Number(row.count);
    return own;
  }
}
