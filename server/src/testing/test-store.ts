/**
 * The store the integration tests run the server on, chosen per vitest project through
 * JOURNEYBOARD_TEST_STORE (vitest.config.ts runs every suite on both): SQLite in the test's data
 * folder, or a PostgreSQL database of the test's own, made with the data folder and dropped when
 * the test finishes, so that tests and runs never see each other's rows. A PostgreSQL that cannot
 * be reached fails the test; it is never skipped.
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import type { StoreKind } from '../storage/database.ts';
import { nodeSqliteDialect } from '../storage/node-sqlite-dialect.ts';
import { createPostgresPool, describePostgresUrl } from '../storage/postgres-database.ts';
import type { Database } from '../storage/schema.ts';
import { SQLITE_FILE_NAME } from '../storage/sqlite-database.ts';

/**
 * Where the tests make their databases unless JOURNEYBOARD_TEST_DATABASE_URL names another: the
 * local PostgreSQL, as the user running the tests (as psql would connect).
 */
const DEFAULT_TEST_DATABASE_URL = `postgres://${encodeURIComponent(userInfo().username)}@127.0.0.1:5432/postgres`;

function readTestStore(): StoreKind {
  const value = process.env.JOURNEYBOARD_TEST_STORE || 'sqlite';
  if (value !== 'sqlite' && value !== 'postgres') {
    throw new Error(`JOURNEYBOARD_TEST_STORE must be sqlite or postgres, not "${value}"`);
  }
  return value;
}

/** The store this test run starts its servers on. */
export const TEST_STORE: StoreKind = readTestStore();

/** A PostgreSQL on which the tests' user may create databases; any database of it will do. */
const maintenanceUrl = process.env.JOURNEYBOARD_TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;

interface TestDatabase {
  url: string;
  /** Opened by the first query a test makes, closed before the database is dropped. */
  db?: Kysely<Database>;
}

/** The PostgreSQL database of each data folder made by a test. */
const databases = new Map<string, TestDatabase>();

async function maintenanceQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Could not connect to the PostgreSQL for the tests at ${describePostgresUrl(maintenanceUrl)} ` +
        `(${error instanceof Error ? error.message : String(error)}). Start it ` +
        '(pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), or set ' +
        'JOURNEYBOARD_TEST_DATABASE_URL to one on which this user may create databases.',
      { cause: error },
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Gives a new data folder its store: on PostgreSQL, a database of its own, dropped (connections
 * and all) when the test finishes. Nothing to do for SQLite, whose file the server makes.
 */
export async function provisionStore(dataDir: string): Promise<void> {
  if (TEST_STORE !== 'postgres') return;
  const name = `jb_test_${randomBytes(8).toString('hex')}`;
  await maintenanceQuery(`create database ${name}`);
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  const database: TestDatabase = { url: url.href };
  databases.set(dataDir, database);
  onTestFinished(async () => {
    databases.delete(dataDir);
    await database.db?.destroy();
    await maintenanceQuery(`drop database if exists ${name} with (force)`);
  });
}

function testDatabase(dataDir: string): TestDatabase {
  const database = databases.get(dataDir);
  if (!database) throw new Error(`no PostgreSQL database for ${dataDir}: make the folder with makeDataDir()`);
  return database;
}

/** The DATABASE_URL a server over `dataDir` gets: unset on SQLite, whatever the environment says. */
export function databaseUrlOf(dataDir: string): string | undefined {
  return TEST_STORE === 'postgres' ? testDatabase(dataDir).url : undefined;
}

/**
 * Runs `query` on the store of the server over `dataDir`, through a connection of the test's
 * own (on SQLite a second connection to the file, which WAL lets read while the server writes).
 */
export async function queryStore<T>(
  dataDir: string,
  query: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (TEST_STORE === 'postgres') {
    const database = testDatabase(dataDir);
    database.db ??= new Kysely<Database>({
      dialect: new PostgresDialect({ pool: createPostgresPool(database.url, () => {}) }),
    });
    return query(database.db);
  }
  const file = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
  file.exec('PRAGMA busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: nodeSqliteDialect(file) });
  try {
    return await query(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Makes the PostgreSQL database of `dataDir` refuse connections and ends the open ones, as when
 * PostgreSQL is down for the server, or lets it accept them again.
 */
export async function setConnectionsAllowed(dataDir: string, allowed: boolean): Promise<void> {
  const name = new URL(testDatabase(dataDir).url).pathname.slice(1);
  await maintenanceQuery(`alter database ${name} with allow_connections ${allowed}`);
  if (!allowed) {
    await maintenanceQuery(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
    );
  }
}

/**
 * Blocks the server's writes to the update log from a second connection until the returned
 * function is called; reads go on. On SQLite this takes the database's write lock, and as the
 * server's `node:sqlite` calls are synchronous its whole event loop waits at its next write; on
 * PostgreSQL it locks the doc_updates table, and only the log's writes wait (in order).
 */
export async function holdWriteLock(dataDir: string): Promise<() => Promise<void>> {
  if (TEST_STORE === 'postgres') {
    const client = new pg.Client({ connectionString: testDatabase(dataDir).url });
    client.on('error', () => {});
    await client.connect();
    await client.query('begin');
    await client.query('lock table doc_updates in exclusive mode');
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  }
  const file = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
  // The server's storage threads hold the write lock for a moment at a time: wait for it.
  file.exec('PRAGMA busy_timeout = 10000');
  file.exec('BEGIN IMMEDIATE');
  return async () => {
    file.exec('ROLLBACK');
    file.close();
  };
}
