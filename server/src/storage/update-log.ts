/**
 * What the document store hands to the database in one commit: updates to append to the log, and
 * boards whose row records an edit (last edited, and the title when the structure changed it).
 */
export interface LogBatch {
  appends: { boardId: string; docName: string; update: Uint8Array }[];
  touches: { boardId: string; title?: string }[];
  /** Milliseconds since the epoch, for `created_at` and `updated_at`. */
  at: number;
}

export interface Compaction {
  /** Log rows merged into the snapshot (and deleted from the log). */
  merged: number;
  /** Of those, rows that could not be read and were left out of the snapshot. */
  skipped: number;
}

/**
 * Writes the update log and the snapshots. Each store has its own: SQLite commits on a thread of
 * its own (`SqliteUpdateLog`), PostgreSQL through the shared connection pool (`SqlUpdateLog`).
 */
export interface UpdateLog {
  /** Commits the whole batch in one transaction, or nothing of it. */
  commit(batch: LogBatch): Promise<void>;
  /** Merges a document's logged updates into its snapshot, in one transaction. */
  compact(boardId: string, docName: string): Promise<Compaction>;
  close(): Promise<void>;
}

/** Log rows deleted per statement when a compaction removes what it merged. */
export const DELETE_CHUNK = 500;

/**
 * Thrown inside a compaction's transaction when some of the rows it merged are gone by the time it
 * deletes them (deleted with their board): the transaction is undone, and nothing is kept.
 */
export class DocumentGone extends Error {}
