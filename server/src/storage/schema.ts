import { type Generated, sql } from 'kysely';

/** The SQL tables, as Kysely sees them. Board content itself lives in Yjs updates (doc_updates, doc_snapshots). */
export interface Database {
  boards: BoardsTable;
  doc_snapshots: DocSnapshotsTable;
  doc_updates: DocUpdatesTable;
  users: UsersTable;
  sessions: SessionsTable;
  board_members: BoardMembersTable;
  share_links: ShareLinksTable;
  invitations: InvitationsTable;
  removed_lanes: RemovedLanesTable;
  card_authors: CardAuthorsTable;
  attachments: AttachmentsTable;
  votes: VotesTable;
  poll_answers: PollAnswersTable;
}

/** An account (email + password) or a guest who joined a board by link (a name only). */
export interface UsersTable {
  id: string;
  kind: 'account' | 'guest';
  /** Lowercased; null for guests. */
  email: string | null;
  /** argon2id; null for guests. */
  password_hash: string | null;
  display_name: string;
  created_at: number;
}

/**
 * A signed-in browser. The cookie holds `<id>.<secret>`; only the SHA-256 of the secret is
 * stored. A session made by a link is limited to that link's board.
 */
export interface SessionsTable {
  id: string;
  secret_hash: string;
  /** Null for a watcher, who has no name. */
  user_id: string | null;
  /** Set for a session made by a join or watch link: the only board it opens. */
  board_id: string | null;
  link_id: string | null;
  expires_at: number;
  created_at: number;
}

/** A person's role on a board (accounts and guests who joined by link). */
export interface BoardMembersTable {
  board_id: string;
  user_id: string;
  role: 'owner' | 'facilitator' | 'lead' | 'participant' | 'viewer';
  department_id: string | null;
  /** The join link a guest came through; revoking the link removes the guest. */
  link_id: string | null;
  created_at: number;
}

/** A join link (participants) or a watch link (stakeholders, read-only). */
export interface ShareLinksTable {
  id: string;
  board_id: string;
  kind: 'join' | 'watch';
  /** The bearer part of the link; facilitators copy it again later, so it is kept. */
  token: string;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
}

/**
 * A role offered to an email address, taken up by whoever opens the link sent there (and signs in):
 * the address alone takes nothing.
 */
export interface InvitationsTable {
  id: string;
  board_id: string;
  email: string;
  role: 'facilitator' | 'lead' | 'participant' | 'viewer';
  department_id: string | null;
  invited_by: string;
  created_at: number;
  /** SHA-256 (hex) of the link's secret; null for invitations made before links (never taken up). */
  token_hash: string | null;
  expires_at: number | null;
  /** Set once the link has been used: it works once. */
  accepted_at: number | null;
  accepted_by: string | null;
}

/** A lane removed by a department lead, as it was, so that they can bring it back for a while. */
export interface RemovedLanesTable {
  board_id: string;
  lane_id: string;
  name: string;
  kind: string;
  department_id: string;
  order_key: string;
  removed_by: string;
  removed_at: number;
}

/**
 * Reads the tables every request and every edit needs: what a health check runs to prove the
 * store can serve (`select 1` alone would not touch them). The same SQL on both stores.
 */
export const READ_EVERY_TABLE = sql`
  select (select 1 from boards limit 1), (select 1 from doc_snapshots limit 1),
    (select 1 from doc_updates limit 1)
`;

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

/**
 * A card record: who first wrote a card id of a board, and the lane it was last written into (see
 * sync/card-records.ts). Never deleted while the board lives: an undo may put a removed card back.
 */
export interface CardAuthorsTable {
  board_id: string;
  card_id: string;
  /** Null for a card found without an author (written before authors were recorded). */
  author_id: string | null;
  author_name: string | null;
  author_department: string | null;
  /** 1 when the author joined by a share link (a guest), else 0. */
  author_guest: number;
  lane_id: string;
  created_at: number;
}

/**
 * A file on a card or a persona of a board (the documents hold its id), stored whole: its bytes,
 * and an image's thumbnail. Deleted with its board.
 */
export interface AttachmentsTable {
  id: string;
  board_id: string;
  /** The file name it was uploaded with (trimmed, NFC). */
  name: string;
  /** The type recognised from its bytes (one of ATTACHMENT_TYPES), never the one a client declared. */
  mime: string;
  /** The size of `data`. */
  bytes: number;
  data: Uint8Array;
  /** A small WebP of an image; null for other files. */
  thumbnail: Uint8Array | null;
  /** The user id of whoever uploaded it. */
  created_by: string;
  created_at: number;
}

/** One person's votes on one card in a board's dot vote (migration 0007). */
export interface VotesTable {
  board_id: string;
  vote_id: string;
  user_id: string;
  card_id: string;
  /** The lane the card was in when the votes were placed. */
  lane_id: string;
  /** At least 1: a card's row is deleted when its votes are withdrawn. */
  count: number;
}

/** One person's answer to a board's emotion poll (−3…+3), kept by the server only. */
export interface PollAnswersTable {
  board_id: string;
  poll_id: string;
  user_id: string;
  department_id: string | null;
  score: number;
  answered_at: number;
}
