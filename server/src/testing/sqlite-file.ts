/** The server's SQLite file seen from a test: what is stored of a document, and edits made behind the server's back. */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { readDatabase, type ServerProcess } from './harness.ts';

/** What is stored of one document: its snapshot and its logged updates, bytes as hex. */
export interface StoredRows {
  snapshot: { state: string }[];
  updates: { id: number; data: string }[];
}

/** Every stored byte of `docName`, to compare before and after: equal means nothing was written. */
export function storedRows(server: ServerProcess, docName: string): StoredRows {
  return readDatabase(server.dataDir, (db) => ({
    snapshot: db
      .prepare('select hex(state) as state from doc_snapshots where doc_name = ?')
      .all(docName) as unknown as StoredRows['snapshot'],
    updates: db
      .prepare('select id, hex(data) as data from doc_updates where doc_name = ? order by id')
      .all(docName) as unknown as StoredRows['updates'],
  }));
}

/** Runs `edit` on the server's SQLite file through a second, writable connection. */
export function editDatabase<T>(server: ServerProcess, edit: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(server.dataDir, 'journeyboard.sqlite'));
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return edit(db);
  } finally {
    db.close();
  }
}

/** The session id in a `journeyboard_session=<id>.<secret>` cookie. */
export function sessionIdOf(cookie: string): string {
  return cookie.slice(cookie.indexOf('=') + 1).split('.')[0] ?? '';
}

/**
 * Takes SQLite's write lock from a second connection and returns the function that lets it go.
 * Meanwhile the server's next write waits (its `node:sqlite` calls are synchronous, so its whole
 * event loop waits), and whatever the test sends piles up to be handled in one go afterwards.
 */
export function holdWriteLock(server: ServerProcess): () => void {
  const db = new DatabaseSync(join(server.dataDir, 'journeyboard.sqlite'));
  db.exec('BEGIN IMMEDIATE');
  return () => {
    db.exec('ROLLBACK');
    db.close();
  };
}
