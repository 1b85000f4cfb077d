import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { isLocalCopyOf, localCopyName } from './local-copy-names.ts';

/** Where the count of changes waiting is kept in a copy (y-indexeddb's own store of values). */
const PENDING_KEY = 'pending';

/** What a local copy held when it was read into its document. */
export interface RestoredCopy {
  /** Whether the copy held anything: the document shows it before the server answers. */
  restored: boolean;
  /** The count of changes waiting that was kept with it (unchecked; see `readPendingCount`). */
  pending: unknown;
}

/** One document's local copy in this browser, read into the document and kept up to date. */
export interface LocalCopy {
  /** Resolves once the copy is read into the document (or could not be opened: nothing restored). */
  readonly loaded: Promise<RestoredCopy>;
  /** The origin of the transaction that reads the copy in: not a change of this person's. */
  readonly origin: object;
  /** Keeps the count of changes waiting with the copy (once loaded; before, there is none to keep it in). */
  keepPending(count: number): void;
  /** Stops keeping the document; the copy stays. */
  close(): void;
  /** Whether `close` was called: its document's connection is gone too. */
  readonly closed: boolean;
}

const NOTHING_RESTORED: RestoredCopy = { restored: false, pending: 0 };

// Bookkeeping of this page, not rendered.
const clearing = new Map<string, Promise<void>>();
const forgottenUsers = new Set<string>();

/**
 * The local copies of one person's documents of one board. y-indexeddb keeps each document in its
 * own IndexedDB database (named by `localCopyName`): the document's updates, merged now and then,
 * and beside them the count of changes waiting.
 */
export class LocalCopies {
  readonly userId: string;
  readonly boardId: string;

  constructor(userId: string, boardId: string) {
    this.userId = userId;
    this.boardId = boardId;
    // Signed in again after signing out in this page: their copies may be kept again.
    forgottenUsers.delete(userId);
  }

  /** Opens the local copy of `docName` into `doc` (an empty document, not yet connected). */
  open(docName: string, doc: Y.Doc): LocalCopy {
    const name = localCopyName(this.userId, this.boardId, docName);
    const origin = {};
    let persistence: IndexeddbPersistence | null = null;
    let closed = false;
    const userId = this.userId;
    const loaded = (clearing.get(name) ?? Promise.resolve()).then(async (): Promise<RestoredCopy> => {
      // Forgotten meanwhile (signed out): opening would bring the database back.
      if (closed || forgottenUsers.has(userId) || !hasIndexedDb()) return NOTHING_RESTORED;
      const opened = new IndexeddbPersistence(name, doc);
      keepEditingWhenDeleted(opened, doc);
      persistence = opened;
      try {
        // The database may fail to open (storage disabled or full): the board works online only.
        await Promise.race([opened.whenSynced, opened._db.then(() => new Promise<never>(() => {}))]);
        const pending: unknown = await opened.get(PENDING_KEY);
        return { restored: doc.store.clients.size > 0, pending };
      } catch {
        void opened.destroy().catch(() => undefined);
        persistence = null;
        return NOTHING_RESTORED;
      }
    });
    // y-indexeddb reads the copy in under its own instance as the origin: report that one.
    const copy: LocalCopy = {
      loaded,
      get origin() {
        return persistence ?? origin;
      },
      keepPending(count) {
        if (closed) return;
        if (persistence?.synced) void persistence.set(PENDING_KEY, count).catch(() => undefined);
      },
      get closed() {
        return closed;
      },
      close() {
        closed = true;
        const open = persistence;
        persistence = null;
        if (open) void open.destroy().catch(() => undefined);
      },
    };
    return copy;
  }

  /** Deletes the local copy of one document (once closed), e.g. a copy holding a refused change. */
  clear(docName: string): Promise<void> {
    return deleteCopy(localCopyName(this.userId, this.boardId, docName));
  }
}

/**
 * Deletes `userId`'s local copies: of one board when `boardId` is given (access to it was lost),
 * else of every board (signed out). Copies still open in this page are deleted once they close.
 */
export async function forgetLocalCopies(userId: string, boardId?: string): Promise<void> {
  if (boardId === undefined) forgottenUsers.add(userId);
  if (!hasIndexedDb()) return;
  let names: string[];
  try {
    names = (await indexedDB.databases()).flatMap((db) => (db.name ? [db.name] : []));
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => isLocalCopyOf(name, userId, boardId)).map(deleteCopy));
}

function deleteCopy(name: string): Promise<void> {
  const deletion = (clearing.get(name) ?? Promise.resolve())
    .then(() => clearDocument(name))
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => {
      if (clearing.get(name) === deletion) clearing.delete(name);
    });
  clearing.set(name, deletion);
  return deletion;
}

/**
 * Another tab of the same person may delete this copy (they signed out there, or the server
 * refused a change there): IndexedDB then closes this tab's database, and y-indexeddb's writer,
 * which runs inside every change of the document, would throw from a closed database and break
 * this person's editing. This tab stops keeping the copy instead; its changes still go to the
 * server (and its own session ends too, when the other tab signed out).
 */
function keepEditingWhenDeleted(persistence: IndexeddbPersistence, doc: Y.Doc): void {
  const store = persistence._storeUpdate;
  doc.off('update', store);
  persistence._storeUpdate = (update, origin) => {
    try {
      store(update, origin);
    } catch {
      void persistence.destroy().catch(() => undefined);
    }
  };
  doc.on('update', persistence._storeUpdate);
}

function hasIndexedDb(): boolean {
  return typeof indexedDB !== 'undefined';
}
