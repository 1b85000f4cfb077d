import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

/** Numbered, append-only schema migrations; run at every start. */
const migrations: Record<string, Migration> = {
  '0001_boards_and_documents': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('boards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('boards_created_at').on('boards').column('created_at').execute();
      await db.schema
        .createTable('doc_snapshots')
        .addColumn('doc_name', 'text', (c) => c.primaryKey())
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('state', 'blob', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('doc_updates')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('doc_name', 'text', (c) => c.notNull())
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('data', 'blob', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('doc_updates_doc').on('doc_updates').columns(['doc_name', 'id']).execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
}
