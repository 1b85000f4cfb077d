/** What a test server has stored, read (and edited behind the server's back) on either store. */
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { readStoredDocument } from '../storage/document-store.ts';
import type { Database } from '../storage/schema.ts';
import { applyStored } from '../storage/stored-document.ts';
import type { ServerProcess } from './harness.ts';
import { holdWriteLock as holdStoreWriteLock, queryStore } from './test-store.ts';

/**
 * What is stored of `docName`, as content: the Yjs snapshot (what is in it, what was deleted) of
 * its snapshot row merged with its logged updates. Equal before and after means nothing was
 * written; a compaction, which only moves the log into the snapshot row, leaves it equal.
 */
export function storedState(server: ServerProcess, docName: string): Promise<string> {
  return queryStore(server.dataDir, async (db) => {
    const stored = await readStoredDocument(db, docName);
    const doc = new Y.Doc();
    applyStored(doc, stored);
    const state = Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('hex');
    doc.destroy();
    return state;
  });
}

/** The stored content of `docName` (its snapshot row merged with its logged updates), as a document. */
export function storedDocument(server: ServerProcess, docName: string): Promise<Y.Doc> {
  return queryStore(server.dataDir, async (db) => {
    const doc = new Y.Doc();
    applyStored(doc, await readStoredDocument(db, docName));
    return doc;
  });
}

/** Runs `edit` on the server's store through a second connection. */
export function editStore<T>(server: ServerProcess, edit: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return queryStore(server.dataDir, edit);
}

/** The session id in a `journeyboard_session=<id>.<secret>` cookie. */
export function sessionIdOf(cookie: string): string {
  return cookie.slice(cookie.indexOf('=') + 1).split('.')[0] ?? '';
}

/**
 * Holds up the server's writes to the update log until the returned function is called, so that
 * whatever the test sends meanwhile is being saved at once (see test-store.ts for each store).
 */
export function holdWriteLock(server: ServerProcess): Promise<() => Promise<void>> {
  return holdStoreWriteLock(server.dataDir);
}
