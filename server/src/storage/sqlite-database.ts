import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { OpenedDatabase } from './database.ts';
import { migrateToLatest } from './migrations.ts';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';
import { SqliteUpdateLog } from './sqlite-update-log.ts';
import { type Database, READ_EVERY_TABLE } from './schema.ts';

/** The database file inside the data folder. */
export const SQLITE_FILE_NAME = 'journeyboard.sqlite';

/**
 * Opens Node's built-in SQLite in `dataDir` (created if missing) in WAL mode with full
 * synchronous commits, so that an acknowledged update survives a crash of the process or the
 * machine, and brings its schema up to date.
 */
export async function openSqliteDatabase(dataDir: string, log: Logger): Promise<OpenedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE_NAME);
  const database = new DatabaseSync(file);
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = FULL');
  database.exec('PRAGMA busy_timeout = 5000');
  database.exec('PRAGMA foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: nodeSqliteDialect(database) });
  await migrateToLatest(db as Kysely<unknown>);
  const updateLog = new SqliteUpdateLog(file, log);
  return {
    db,
    kind: 'sqlite',
    location: file,
    updateLog,
    ping: async () => {
      await READ_EVERY_TABLE.execute(db);
    },
    close: async () => {
      await updateLog.close();
      await db.destroy();
    },
  };
}
