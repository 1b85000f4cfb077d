import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

// The same migrations make the same tables on both stores. The few column types that differ are
// chosen here; on SQLite they stay what 0001 has always made, as existing data folders ran it.

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Binary data (Yjs updates and snapshots). */
const bytesType = (db: Kysely<unknown>) => (isPostgres(db) ? 'bytea' : 'blob');

/** An increasing id the database assigns to each new row. */
const rowIdType = (db: Kysely<unknown>) => (isPostgres(db) ? 'bigint' : 'integer');
const rowId = (db: Kysely<unknown>, c: ColumnDefinitionBuilder) =>
  isPostgres(db) ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement();

/** Numbered, append-only schema migrations, the same on both stores; run at every start. */
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
        .addColumn('state', bytesType(db), (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('doc_updates')
        .addColumn('id', rowIdType(db), (c) => rowId(db, c))
        .addColumn('doc_name', 'text', (c) => c.notNull())
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('data', bytesType(db), (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('doc_updates_doc').on('doc_updates').columns(['doc_name', 'id']).execute();
    },
  },
  '0002_accounts_roles_links': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.unique())
        .addColumn('password_hash', 'text')
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('board_id', 'text')
        .addColumn('link_id', 'text')
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_link').on('sessions').column('link_id').execute();
      await db.schema
        .createTable('board_members')
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text')
        .addColumn('link_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('board_members_pk', ['board_id', 'user_id'])
        .execute();
      await db.schema.createIndex('board_members_user').on('board_members').column('user_id').execute();
      await db.schema
        .createTable('share_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('share_links_board').on('share_links').column('board_id').execute();
      await db.schema
        .createTable('invitations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text')
        .addColumn('invited_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('invitations_board_email', ['board_id', 'email'])
        .execute();
    },
  },
  '0003_invitation_tokens': {
    // An invitation is taken up by its link only: the SHA-256 of the link's secret, when it
    // expires, and who took it up when. Invitations made before have no token and cannot be taken
    // up any more; inviting the address again makes them a link.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('invitations').addColumn('token_hash', 'text').execute();
      await db.schema.alterTable('invitations').addColumn('expires_at', 'bigint').execute();
      await db.schema.alterTable('invitations').addColumn('accepted_at', 'bigint').execute();
      await db.schema.alterTable('invitations').addColumn('accepted_by', 'text').execute();
      await db.schema
        .createIndex('invitations_token_hash')
        .unique()
        .on('invitations')
        .column('token_hash')
        .execute();
    },
  },
  '0004_removed_lanes': {
    // A lane a department lead removed (through the server), kept for a day so that the lead can
    // bring it back: who may is decided by the department it belonged to, which only this row
    // remembers once the lane is gone from the board.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('removed_lanes')
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('lane_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('order_key', 'text', (c) => c.notNull())
        .addColumn('removed_by', 'text', (c) => c.notNull())
        .addColumn('removed_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('removed_lanes_pk', ['board_id', 'lane_id'])
        .execute();
    },
  },
  '0005_card_authors': {
    // Who first wrote each card id of a board, and the lane it was last written into: the lane kind
    // checks a card put into a lane (moved, put back by undo) against it (sync/card-records.ts). A
    // card found without an author (written before authors were recorded) has a null author_id.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('card_authors')
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('card_id', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text')
        .addColumn('author_name', 'text')
        .addColumn('author_department', 'text')
        .addColumn('author_guest', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lane_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('card_authors_pk', ['board_id', 'card_id'])
        .execute();
    },
  },
  '0006_attachments': {
    // Files on cards and personas (documents hold only their ids), kept in the store itself: on
    // SQLite in the database file of the data folder, on PostgreSQL as bytea, so that every
    // instance serves them, a board's deletion takes them in its transaction, and an upload is
    // stored whole (file, thumbnail and size in one row) or not at all.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('data', bytesType(db), (c) => c.notNull())
        .addColumn('thumbnail', bytesType(db))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attachments_board').on('attachments').column('board_id').execute();
    },
  },
  '0007_votes': {
    // The votes of a board's dot vote, one row per person and card: kept here, not in a document,
    // so that nobody reads another's votes before the reveal (the tally alone is then written into
    // the session doc). `vote_id` names the vote they were placed in; a closed vote's are deleted.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('votes')
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('vote_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('card_id', 'text', (c) => c.notNull())
        .addColumn('lane_id', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('votes_pk', ['board_id', 'vote_id', 'user_id', 'card_id'])
        .execute();
    },
  },
  '0008_poll_answers': {
    // Each person's answer to a board's emotion poll, kept by the server only: a hidden poll's
    // answers are in no document until the facilitator reveals it, and then only their aggregates
    // are. One answer per person and poll (changed in place); the department is the person's when
    // they answered, for the results per department.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('poll_answers')
        .addColumn('board_id', 'text', (c) => c.notNull())
        .addColumn('poll_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text')
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('answered_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('poll_answers_pk', ['board_id', 'poll_id', 'user_id'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Runs every migration `db` has not run yet (on PostgreSQL in one transaction, under a lock). */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
}
