import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql } from 'kysely';
import { migrateToLatest } from './migrations.ts';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';
import type { Database } from './schema.ts';

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** Which store this is, for logs and /healthz. */
  kind: 'sqlite';
  /** Resolves when every table of the store can be read; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens Node's built-in SQLite in `dataDir` (created if missing) in WAL mode with full
 * synchronous commits, so that an acknowledged update survives a crash of the process or the
 * machine, and brings its schema up to date.
 */
export async function openSqliteDatabase(dataDir: string): Promise<OpenedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'journeyboard.sqlite');
  const database = new DatabaseSync(file);
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = FULL');
  database.exec('PRAGMA busy_timeout = 5000');
  database.exec('PRAGMA foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: nodeSqliteDialect(database) });
  await migrateToLatest(db as Kysely<unknown>);
  return {
    db,
    kind: 'sqlite',
    // `select 1` alone would not touch the file; reading each table proves the store can serve.
    ping: async () => {
      await sql`
        select (select 1 from boards limit 1), (select 1 from doc_snapshots limit 1),
          (select 1 from doc_updates limit 1)
      `.execute(db);
    },
    close: () => db.destroy(),
  };
}
