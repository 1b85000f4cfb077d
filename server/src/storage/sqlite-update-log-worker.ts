// The thread on which SQLite commits the update log (see sqlite-update-log.ts). It has its own
// connection to the database file; a commit waits here for the disk, never on the event loop.
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { type Compaction, DELETE_CHUNK, DocumentGone, type LogBatch } from './update-log.ts';

/** What the main thread asks of a storage thread. */
export type StorageRequest =
  | { kind: 'commit'; batch: LogBatch }
  | { kind: 'compact'; boardId: string; docName: string }
  | { kind: 'close' };

export type WorkerRequest = StorageRequest & { id: number };

export type WorkerReply =
  { id: number; ok: true; compaction?: Compaction } | { id: number; ok: false; message: string };

const { file } = workerData as { file: string };
const db = new DatabaseSync(file);
db.exec('PRAGMA synchronous = FULL');
db.exec('PRAGMA busy_timeout = 5000');

const appendUpdate = db.prepare(
  'insert into doc_updates (board_id, doc_name, data, created_at) values (?, ?, ?, ?)',
);
const touchBoard = db.prepare('update boards set updated_at = ? where id = ?');
const touchBoardTitle = db.prepare('update boards set updated_at = ?, title = ? where id = ?');
const readSnapshot = db.prepare('select state from doc_snapshots where doc_name = ?');
const readLog = db.prepare('select id, data from doc_updates where doc_name = ? order by id');
const writeSnapshot = db.prepare(
  `insert into doc_snapshots (doc_name, board_id, state, updated_at) values (?, ?, ?, ?)
   on conflict (doc_name) do update set state = excluded.state, updated_at = excluded.updated_at`,
);
const deleteStatements = new Map<number, ReturnType<DatabaseSync['prepare']>>();
const deleteRows = (ids: SQLInputValue[]) => {
  let statement = deleteStatements.get(ids.length);
  if (!statement) {
    statement = db.prepare(`delete from doc_updates where id in (${ids.map(() => '?').join(',')})`);
    deleteStatements.set(ids.length, statement);
  }
  return Number(statement.run(...ids).changes);
};

/** Runs `work` in a write transaction taken at once (BEGIN IMMEDIATE), and commits it. */
function inWriteTransaction<T>(work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function commit({ appends, touches, at }: LogBatch): void {
  inWriteTransaction(() => {
    for (const a of appends) appendUpdate.run(a.boardId, a.docName, a.update, at);
    for (const t of touches) {
      if (t.title === undefined) touchBoard.run(at, t.boardId);
      else touchBoardTitle.run(at, t.title, t.boardId);
    }
  });
}

/**
 * Reads the snapshot and the log in one read transaction and merges them with no lock held, so
 * appends go on meanwhile; then, in a short write transaction, deletes exactly the rows merged and
 * stores the snapshot. If some of those rows are gone by then (the board was deleted), it stores
 * nothing. Only this thread compacts a SQLite store, one document at a time.
 */
async function compact(boardId: string, docName: string): Promise<Compaction> {
  // Loaded by the compacting thread alone: the appending one never needs Yjs.
  const { mergeUpdates } = await import('./stored-document.ts');
  db.exec('BEGIN');
  let snapshot: Uint8Array | null;
  let rows: { id: number; data: Uint8Array }[];
  try {
    snapshot = (readSnapshot.get(docName)?.state as Uint8Array | undefined) ?? null;
    rows = readLog.all(docName) as { id: number; data: Uint8Array }[];
  } finally {
    db.exec('COMMIT');
  }
  if (rows.length === 0) return { merged: 0, skipped: 0 };
  const { state, skipped } = mergeUpdates(
    snapshot,
    rows.map((r) => r.data),
  );
  try {
    return inWriteTransaction(() => {
      let deleted = 0;
      for (let i = 0; i < rows.length; i += DELETE_CHUNK) {
        deleted += deleteRows(rows.slice(i, i + DELETE_CHUNK).map((r) => r.id));
      }
      if (deleted !== rows.length) throw new DocumentGone();
      writeSnapshot.run(docName, boardId, state, Date.now());
      return { merged: rows.length, skipped };
    });
  } catch (error) {
    if (error instanceof DocumentGone) return { merged: 0, skipped: 0 };
    throw error;
  }
}

parentPort!.on('message', async (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (request.kind === 'close') {
      db.close();
      parentPort!.postMessage({ id: request.id, ok: true } satisfies WorkerReply);
      return;
    }
    if (request.kind === 'commit') {
      commit(request.batch);
      reply = { id: request.id, ok: true };
    } else {
      reply = { id: request.id, ok: true, compaction: await compact(request.boardId, request.docName) };
    }
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
