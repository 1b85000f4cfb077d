/** What a test server has stored, read (and edited behind the server's back) on either store. */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { ServerProcess } from './harness.ts';
import { holdWriteLock as holdStoreWriteLock, queryStore } from './test-store.ts';

/** What is stored of one document: its snapshot and its logged updates, bytes as hex. */
export interface StoredRows {
  snapshot: { state: string }[];
  updates: { id: number; data: string }[];
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Every stored byte of `docName`, to compare before and after: equal means nothing was written. */
export function storedRows(server: ServerProcess, docName: string): Promise<StoredRows> {
  return queryStore(server.dataDir, async (db) => ({
    snapshot: (
      await db.selectFrom('doc_snapshots').select('state').where('doc_name', '=', docName).execute()
    ).map((row) => ({ state: hex(row.state) })),
    updates: (
      await db
        .selectFrom('doc_updates')
        .select(['id', 'data'])
        .where('doc_name', '=', docName)
        .orderBy('id')
        .execute()
    ).map((row) => ({ id: Number(row.id), data: hex(row.data) })),
  }));
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
