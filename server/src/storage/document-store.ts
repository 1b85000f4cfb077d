import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from './schema.ts';
import type { StoredDocument } from './stored-document.ts';
import type { Compaction, LogBatch, UpdateLog } from './update-log.ts';

/** Updates per commit at most; what is over waits for the next. */
const MAX_BATCH = 2_000;

interface PendingAppend {
  boardId: string;
  docName: string;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface PendingTouch {
  title?: string;
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

/**
 * The durable home of every board document: an append-only update log plus compacted snapshots.
 *
 * `append` resolves only once the update is committed, so a caller that waits for it before
 * acknowledging an update to a client never acknowledges something a crash could lose.
 *
 * Group commit: one commit is in flight at a time; whatever arrives meanwhile (appends from every
 * document, and records of boards being edited) goes into the next one, in one transaction. Under
 * load a commit carries many updates, and the database does one disk flush for all of them.
 */
export class DocumentStore {
  private readonly db: Kysely<Database>;
  private readonly log: Logger;
  private readonly updateLog: UpdateLog;
  private pending: PendingAppend[] = [];
  private touches = new Map<string, PendingTouch>();
  private flushScheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(db: Kysely<Database>, log: Logger, updateLog: UpdateLog) {
    this.db = db;
    this.log = log;
    this.updateLog = updateLog;
  }

  append(boardId: string, docName: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ boardId, docName, update, resolve, reject });
      this.scheduleFlush();
    });
  }

  /**
   * Records that a board was edited (its "last edited" time, and its title when given) with the
   * next commit of the log, rather than in a commit of its own.
   */
  touchBoard(boardId: string, title?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const touch = this.touches.get(boardId) ?? { waiters: [] };
      if (title !== undefined) touch.title = title;
      touch.waiters.push({ resolve, reject });
      this.touches.set(boardId, touch);
      this.scheduleFlush();
    });
  }

  /** Resolves when every append requested so far has been committed or has failed. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.touches.size > 0 || this.flushScheduled) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.flushing;
    }
    await this.flushing;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // What arrives in the same turn of the event loop goes into one commit; the flush then takes
    // whatever arrived while the commit before it was in flight.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushing = this.flushing.then(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0 || this.touches.size > 0) {
      const appends = this.pending.splice(0, MAX_BATCH);
      const touches = this.touches;
      this.touches = new Map();
      const batch: LogBatch = {
        appends: appends.map(({ boardId, docName, update }) => ({ boardId, docName, update })),
        touches: [...touches].map(([boardId, t]) =>
          t.title === undefined ? { boardId } : { boardId, title: t.title },
        ),
        at: Date.now(),
      };
      const waiters = [...appends, ...[...touches.values()].flatMap((t) => t.waiters)];
      try {
        await this.updateLog.commit(batch);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.log.error(
          { err: error, updates: appends.length, boards: touches.size },
          'appending updates to the log failed',
        );
        for (const waiter of waiters) waiter.reject(error);
      }
    }
  }

  async load(docName: string): Promise<StoredDocument> {
    return readStoredDocument(this.db, docName);
  }

  /**
   * The names of a board's stored documents that start with `prefix` (a snapshot or a logged
   * update), sorted: e.g. every person's private doc, for the reveal of private mode.
   */
  async documentNames(boardId: string, prefix: string): Promise<string[]> {
    const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const [logged, snapshots] = await Promise.all([
      this.db
        .selectFrom('doc_updates')
        .select('doc_name')
        .distinct()
        .where('board_id', '=', boardId)
        .where(sql<boolean>`doc_name like ${like} escape '\\'`)
        .execute(),
      this.db
        .selectFrom('doc_snapshots')
        .select('doc_name')
        .where('board_id', '=', boardId)
        .where(sql<boolean>`doc_name like ${like} escape '\\'`)
        .execute(),
    ]);
    const names = new Set([...logged, ...snapshots].map((row) => row.doc_name));
    // LIKE ignores case in SQLite: keep only the exact prefix.
    return [...names].filter((name) => name.startsWith(prefix)).sort();
  }

  /** Count of logged updates not yet merged into the document's snapshot. */
  async logLength(docName: string): Promise<number> {
    const row = await this.db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('doc_name', '=', docName)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Merges the logged updates of a document into its snapshot, in one transaction, from what is
   * stored alone (never from a document in memory, which may be ahead of or behind the log).
   * Unreadable updates are left out, and logged.
   */
  async compact(boardId: string, docName: string): Promise<Compaction> {
    const result = await this.updateLog.compact(boardId, docName);
    if (result.skipped > 0)
      this.log.warn({ docName, skipped: result.skipped }, 'compaction skipped unreadable updates');
    return result;
  }
}

/**
 * What is stored of `docName`. Reads the log before the snapshot, without a transaction: a
 * compaction that commits between the two reads has merged what it deleted into the snapshot read
 * second, so nothing is missed (read the other way round, the merged rows would be in neither).
 */
export async function readStoredDocument(db: Kysely<Database>, docName: string): Promise<StoredDocument> {
  const rows = await db
    .selectFrom('doc_updates')
    .select('data')
    .where('doc_name', '=', docName)
    .orderBy('id')
    .execute();
  const snapshot = await db
    .selectFrom('doc_snapshots')
    .select('state')
    .where('doc_name', '=', docName)
    .executeTakeFirst();
  return { snapshot: snapshot?.state ?? null, updates: rows.map((r) => r.data) };
}
