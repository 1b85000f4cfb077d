import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { SqliteDialect } from 'kysely';

/**
 * Kysely's SqliteDialect speaks to any database with better-sqlite3's shape. This adapts Node's
 * built-in `node:sqlite` to that shape, with a statement cache so the hot path (appending updates)
 * does not re-prepare its SQL on every call.
 *
 * Transactions begin IMMEDIATE: the update log is written by other connections (threads, see
 * sqlite-update-log.ts), and a transaction that read first and then wanted to write after one of
 * them committed would fail at once (SQLITE_BUSY), where one that takes the write lock at its start
 * waits its turn (busy_timeout).
 */
export function nodeSqliteDialect(database: DatabaseSync): SqliteDialect {
  const statements = new Map<string, { statement: StatementSync; reader: boolean }>();
  const prepare = (sql: string) => {
    let cached = statements.get(sql);
    if (!cached) {
      const statement = database.prepare(sql);
      cached = { statement, reader: statement.columns().length > 0 };
      statements.set(sql, cached);
    }
    return cached;
  };
  type Params = ReadonlyArray<unknown>;
  const args = (params: Params) => params as SQLInputValue[];
  return new SqliteDialect({
    database: {
      close: () => database.close(),
      prepare: (sql: string) => {
        const { statement, reader } = prepare(sql === 'begin' ? 'begin immediate' : sql);
        return {
          reader,
          all: (params: Params) => statement.all(...args(params)),
          run: (params: Params) => {
            const result = statement.run(...args(params));
            return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
          },
          iterate: (params: Params) => statement.iterate(...args(params)),
        };
      },
    },
  });
}
