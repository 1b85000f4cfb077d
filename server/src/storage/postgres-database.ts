import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { OpenedDatabase } from './database.ts';
import { migrateToLatest } from './migrations.ts';
import { type Database, READ_EVERY_TABLE } from './schema.ts';
import { SqlUpdateLog } from './sql-update-log.ts';

/** How long getting a connection may take (also when every pooled one is busy) before it fails. */
const CONNECT_TIMEOUT_MS = 10_000;
/** How long the health check waits for PostgreSQL before it reports the store unreachable. */
const PING_TIMEOUT_MS = 2_000;
const INT8_OID = 20;

/**
 * BIGINT (timestamps in ms, log ids, counts) as a number, as SQLite returns it and as the schema
 * types say, instead of pg's string. Every such value here is far below 2^53; one that is not is
 * an error rather than a silently rounded number.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`BIGINT ${text} does not fit a JavaScript number`);
  return value;
}

/** `postgres://host:port/database`: the address without the user, the password or the options. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres://(unreadable DATABASE_URL)';
  }
}

/**
 * A connection pool to `url`, reading BIGINT as numbers. A pooled connection that breaks while
 * idle (PostgreSQL restarted, network gone) is reported to `onIdleError` and replaced, instead of
 * crashing the process.
 */
export function createPostgresPool(
  url: string,
  onIdleError: (error: Error) => void,
  options: pg.PoolConfig = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    ...options,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? parseInt8
          : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
    },
  });
  pool.on('error', onIdleError);
  return pool;
}

/**
 * Opens the PostgreSQL database at `url` and brings its schema up to date. Every write is a
 * plain transaction commit, so with PostgreSQL's default `synchronous_commit = on` an
 * acknowledged update survives a crash of the server or of PostgreSQL.
 */
export async function openPostgresDatabase(url: string, log: Logger): Promise<OpenedDatabase> {
  const location = describePostgresUrl(url);
  const onIdleError = (error: Error) =>
    log.warn({ err: error }, 'an idle PostgreSQL connection failed; it will be replaced');
  const pool = createPostgresPool(url, onIdleError);
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(
      `PostgreSQL at ${location} did not answer (${error instanceof Error ? error.message : String(error)}): ` +
        'check DATABASE_URL and that PostgreSQL is running',
      { cause: error },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // The health check has a connection of its own, with short timeouts: it answers within
  // PING_TIMEOUT_MS whether PostgreSQL is down or the main pool is busy.
  const pingPool = createPostgresPool(url, onIdleError, {
    max: 1,
    connectionTimeoutMillis: PING_TIMEOUT_MS,
    query_timeout: PING_TIMEOUT_MS,
  });
  const ping = READ_EVERY_TABLE.compile(db).sql;
  return {
    db,
    kind: 'postgres',
    location,
    updateLog: new SqlUpdateLog(db),
    ping: async () => {
      await pingPool.query(ping);
    },
    close: async () => {
      await Promise.all([db.destroy(), pingPool.end()]);
    },
  };
}
