import type { Generated } from 'kysely';

/** The SQL tables, as Kysely sees them. Board content itself lives in Yjs updates (doc_updates, doc_snapshots). */
export interface Database {
  boards: BoardsTable;
  doc_snapshots: DocSnapshotsTable;
  doc_updates: DocUpdatesTable;
}

export interface BoardsTable {
  id: string;
  /** Copied from the structure document for listing; the document is the source of truth. */
  title: string;
  created_at: number;
  updated_at: number;
}

/** A document's compacted state: every update merged that has been removed from doc_updates. */
export interface DocSnapshotsTable {
  doc_name: string;
  board_id: string;
  state: Uint8Array;
  updated_at: number;
}

/**
 * The update log: one row per update the server accepted, written before the update is
 * acknowledged. Loading a document = its snapshot + every row still here (Yjs updates are
 * idempotent, so a row already merged into the snapshot does no harm).
 */
export interface DocUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  board_id: string;
  data: Uint8Array;
  created_at: number;
}
