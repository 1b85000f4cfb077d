import type { PollAnswer } from '@journeyboard/board-model';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';

/**
 * The answers to emotion polls (table `poll_answers`): one per person and poll, changed in place.
 * They never go into a document; what the session doc publishes is computed from them
 * (`pollResults`). Every read names the board and the poll.
 */
export class PollAnswerStore {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** Records (or changes) `userId`'s answer to a poll. */
  async answer(
    boardId: string,
    pollId: string,
    answer: { userId: string; departmentId: string | null; score: number },
    now = Date.now(),
  ): Promise<void> {
    await this.db
      .insertInto('poll_answers')
      .values({
        board_id: boardId,
        poll_id: pollId,
        user_id: answer.userId,
        department_id: answer.departmentId,
        score: answer.score,
        answered_at: now,
      })
      .onConflict((conflict) =>
        conflict.columns(['board_id', 'poll_id', 'user_id']).doUpdateSet({
          score: answer.score,
          department_id: answer.departmentId,
          answered_at: now,
        }),
      )
      .execute();
  }

  /** `userId`'s own answer to a poll; null when they have not answered. */
  async own(boardId: string, pollId: string, userId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('poll_answers')
      .select('score')
      .where('board_id', '=', boardId)
      .where('poll_id', '=', pollId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row === undefined ? null : Number(row.score);
  }

  /** Every answer to a poll (scores and departments, not who gave them). */
  async answers(boardId: string, pollId: string): Promise<PollAnswer[]> {
    // Only of those who may still answer (members, guests by link included, but viewers): the
    // answer of someone removed from the board, or made a viewer, since does not count.
    const rows = await this.db
      .selectFrom('poll_answers')
      .innerJoin('board_members', (join) =>
        join
          .onRef('board_members.board_id', '=', 'poll_answers.board_id')
          .onRef('board_members.user_id', '=', 'poll_answers.user_id'),
      )
      .select(['poll_answers.score', 'poll_answers.department_id'])
      .where('poll_answers.board_id', '=', boardId)
      .where('poll_answers.poll_id', '=', pollId)
      .where('board_members.role', '<>', 'viewer')
      .execute();
    return rows.map((row) => ({ score: Number(row.score), departmentId: row.department_id }));
  }

  /** Forgets every answer of a board's polls (when one is closed: only aggregates were ever shown). */
  async forgetBoard(boardId: string): Promise<void> {
    await this.db.deleteFrom('poll_answers').where('board_id', '=', boardId).execute();
  }
}
