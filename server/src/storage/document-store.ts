import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { StoreKind } from './database.ts';
import type { Database } from './schema.ts';

/** Rows per INSERT when several updates are committed together. */
const MAX_BATCH = 200;
/** The first key of the PostgreSQL advisory locks taken to compact a document ("JB"). */
const COMPACTION_LOCK_SPACE = 0x4a42;

interface PendingAppend {
  boardId: string;
  docName: string;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A document as stored: its compacted snapshot and the updates logged since. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/**
 * The durable home of every board document: an append-only update log plus compacted snapshots.
 *
 * `append` resolves only once the update is committed, so a caller that waits for it before
 * acknowledging an update to a client never acknowledges something a crash could lose. Appends
 * that arrive in the same turn of the event loop are committed together (group commit).
 */
export class DocumentStore {
  private readonly db: Kysely<Database>;
  private readonly log: Logger;
  private readonly kind: StoreKind;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(db: Kysely<Database>, log: Logger, kind: StoreKind) {
    this.db = db;
    this.log = log;
    this.kind = kind;
  }

  append(boardId: string, docName: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ boardId, docName, update, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          this.flushing = this.flushing.then(() => this.flush());
        });
      }
    });
  }

  /** Resolves when every append requested so far has been committed or has failed. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.flushScheduled) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.flushing;
    }
    await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      const now = Date.now();
      try {
        await this.db
          .insertInto('doc_updates')
          .values(
            batch.map((p) => ({ board_id: p.boardId, doc_name: p.docName, data: p.update, created_at: now })),
          )
          .execute();
        for (const p of batch) p.resolve();
      } catch (error) {
        this.log.error({ err: error, updates: batch.length }, 'appending updates to the log failed');
        for (const p of batch) p.reject(error);
      }
    }
  }

  /**
   * Reads the log before the snapshot, without a transaction: a compaction that commits between
   * the two reads has merged what it deleted into the snapshot read second, so nothing is missed
   * (read the other way round, the merged rows would be in neither).
   */
  async load(docName: string): Promise<StoredDocument> {
    const rows = await this.db
      .selectFrom('doc_updates')
      .select('data')
      .where('doc_name', '=', docName)
      .orderBy('id')
      .execute();
    const snapshot = await this.db
      .selectFrom('doc_snapshots')
      .select('state')
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    return { snapshot: snapshot?.state ?? null, updates: rows.map((r) => r.data) };
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
   * Returns how many updates were merged.
   *
   * Safe when several servers share one PostgreSQL: each compaction of a document waits for the
   * one before it (a lock held until commit) and then reads what that one wrote, so no merge is
   * overwritten by another, and each deletes exactly the rows it merged. SQLite has one writer.
   */
  async compact(boardId: string, docName: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      if (this.kind === 'postgres') {
        await sql`select pg_advisory_xact_lock(${COMPACTION_LOCK_SPACE}, hashtext(${docName}))`.execute(trx);
      }
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
      if (rows.length === 0) return 0;
      const { state, skipped } = mergeUpdates(
        snapshot?.state ?? null,
        rows.map((r) => r.data),
      );
      if (skipped > 0) this.log.warn({ docName, skipped }, 'compaction skipped unreadable updates');
      const now = Date.now();
      await trx
        .insertInto('doc_snapshots')
        .values({ doc_name: docName, board_id: boardId, state, updated_at: now })
        .onConflict((oc) => oc.column('doc_name').doUpdateSet({ state, updated_at: now }))
        .execute();
      const ids = rows.map((r) => r.id);
      for (let i = 0; i < ids.length; i += 500) {
        await trx
          .deleteFrom('doc_updates')
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
      }
      return rows.length;
    });
  }
}

/**
 * Applies a snapshot and updates to a fresh document and encodes the result (which also drops
 * the content of deleted items). An update that cannot be read is skipped and counted, so one
 * bad row can never make a whole board unreadable.
 */
export function mergeUpdates(
  snapshot: Uint8Array | null,
  updates: Uint8Array[],
): { state: Uint8Array; skipped: number } {
  const doc = new Y.Doc();
  const skipped = applyStored(doc, { snapshot, updates });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { state, skipped };
}

/** Applies a stored document to `doc`; returns how many unreadable updates were skipped. */
export function applyStored(doc: Y.Doc, stored: StoredDocument, origin?: unknown): number {
  let skipped = 0;
  doc.transact(() => {
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
      try {
        Y.applyUpdate(doc, update, origin);
      } catch {
        skipped++;
      }
    }
  }, origin);
  return skipped;
}
