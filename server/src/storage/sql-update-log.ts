import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';
import { mergeUpdates } from './stored-document.ts';
import { type Compaction, DELETE_CHUNK, DocumentGone, type LogBatch, type UpdateLog } from './update-log.ts';

/** Rows per INSERT (PostgreSQL takes at most 65,535 parameters in one statement). */
const MAX_ROWS_PER_INSERT = 1_000;
/** The first key of the PostgreSQL advisory locks taken to compact a document ("JB"). */
const COMPACTION_LOCK_SPACE = 0x4a42;

/**
 * The update log over a Kysely connection pool: PostgreSQL's (the pool's connections commit in
 * parallel, so the event loop never waits for one). Safe when several servers share the database.
 */
export class SqlUpdateLog implements UpdateLog {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async commit({ appends, touches, at }: LogBatch): Promise<void> {
    const insert = async (db: Kysely<Database>) => {
      for (let i = 0; i < appends.length; i += MAX_ROWS_PER_INSERT) {
        await db
          .insertInto('doc_updates')
          .values(
            appends.slice(i, i + MAX_ROWS_PER_INSERT).map((a) => ({
              board_id: a.boardId,
              doc_name: a.docName,
              data: a.update,
              created_at: at,
            })),
          )
          .execute();
      }
    };
    if (touches.length === 0 && appends.length <= MAX_ROWS_PER_INSERT) return insert(this.db);
    await this.db.transaction().execute(async (trx) => {
      await insert(trx);
      for (const { boardId, title } of touches) {
        await trx
          .updateTable('boards')
          .set(title === undefined ? { updated_at: at } : { updated_at: at, title })
          .where('id', '=', boardId)
          .execute();
      }
    });
  }

  /**
   * From what is stored alone (never from a document in memory, which may be ahead of or behind
   * the log). Each compaction of a document waits for the one before it (a lock held until commit)
   * and then reads what that one wrote, so no merge is overwritten by another server's, and each
   * deletes exactly the rows it merged.
   */
  async compact(boardId: string, docName: string): Promise<Compaction> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${COMPACTION_LOCK_SPACE}, hashtext(${docName}))`.execute(trx);
        const snapshot = await trx
          .selectFrom('doc_snapshots')
          .select('state')
          .where('doc_name', '=', docName)
          .executeTakeFirst();
        const rows = await trx
          .selectFrom('doc_updates')
          .select(['id', 'data'])
          .where('doc_name', '=', docName)
          .orderBy('id')
          .execute();
        if (rows.length === 0) return { merged: 0, skipped: 0 };
        const { state, skipped } = mergeUpdates(
          snapshot?.state ?? null,
          rows.map((r) => r.data),
        );
        const ids = rows.map((r) => r.id);
        let deleted = 0;
        for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
          const result = await trx
            .deleteFrom('doc_updates')
            .where('id', 'in', ids.slice(i, i + DELETE_CHUNK))
            .executeTakeFirst();
          deleted += Number(result.numDeletedRows);
        }
        // Rows gone meanwhile were deleted with their board: keep nothing.
        if (deleted !== rows.length) throw new DocumentGone();
        const now = Date.now();
        await trx
          .insertInto('doc_snapshots')
          .values({ doc_name: docName, board_id: boardId, state, updated_at: now })
          .onConflict((oc) => oc.column('doc_name').doUpdateSet({ state, updated_at: now }))
          .execute();
        return { merged: rows.length, skipped };
      });
    } catch (error) {
      if (error instanceof DocumentGone) return { merged: 0, skipped: 0 };
      throw error;
    }
  }

  async close(): Promise<void> {
    // The pool belongs to the database and is closed with it.
  }
}
