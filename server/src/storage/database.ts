import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { openPostgresDatabase } from './postgres-database.ts';
import type { Database } from './schema.ts';
import type { UpdateLog } from './update-log.ts';
import { openSqliteDatabase } from './sqlite-database.ts';

/** The two SQL stores the server runs on; every table lives in the one chosen. */
export type StoreKind = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** Which store this is, for logs and /healthz. */
  kind: StoreKind;
  /** Where the data lives, for the start-up log: a file, or a PostgreSQL address without its password. */
  location: string;
  /** Writes the update log and snapshots (for SQLite, on threads of its own). */
  updateLog: UpdateLog;
  /** Resolves when every table of the store can be read; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the store the configuration names (PostgreSQL when `databaseUrl` is set, otherwise
 * SQLite in `dataDir`) and brings its schema up to date.
 */
export function openDatabase(
  config: { dataDir: string; databaseUrl: string | null },
  log: Logger,
): Promise<OpenedDatabase> {
  return config.databaseUrl
    ? openPostgresDatabase(config.databaseUrl, log)
    : openSqliteDatabase(config.dataDir, log);
}
