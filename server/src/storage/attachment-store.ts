import type { AttachmentInfo, AttachmentType } from '@journeyboard/board-model';
import { type Kysely, sql } from 'kysely';
import type { StoreKind } from './database.ts';
import type { Database } from './schema.ts';

/** An attachment to store: its bytes are already checked (type, size, name) and its thumbnail made. */
export interface NewAttachment {
  id: string;
  boardId: string;
  name: string;
  type: AttachmentType;
  data: Uint8Array;
  thumbnail: Uint8Array | null;
  createdBy: string;
}

/** What storing an attachment came to. */
export type AddOutcome =
  | { stored: AttachmentInfo }
  /** The board's attachments would take more than `boardBytes`: nothing was stored. */
  | { full: { usedBytes: number } }
  /** The board was deleted meanwhile: nothing was stored. */
  | { boardGone: true };

const INFO_COLUMNS = ['id', 'board_id', 'name', 'mime', 'bytes', 'created_by', 'created_at'] as const;

type InfoRow = {
  id: string;
  board_id: string;
  name: string;
  mime: string;
  bytes: number;
  created_by: string;
  created_at: number;
  has_thumbnail: number | boolean;
};

const toInfo = (row: InfoRow): AttachmentInfo => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  type: row.mime as AttachmentType,
  bytes: Number(row.bytes),
  thumbnail: Boolean(row.has_thumbnail),
  createdBy: row.created_by,
  createdAt: Number(row.created_at),
});

/** The sum of a board's attachment sizes, as a number on both stores (PostgreSQL's sum is numeric). */
const USED_BYTES = sql<number>`cast(coalesce(sum(bytes), 0) as bigint)`.as('used');
/** Whether a row has a thumbnail, without reading it. */
const HAS_THUMBNAIL = sql<number>`case when thumbnail is null then 0 else 1 end`.as('has_thumbnail');

/**
 * The attachments of boards (table `attachments`): each row holds a whole file, so that an upload
 * is stored entirely or not at all and goes with its board. Every read names the board: an id of
 * another board finds nothing.
 */
export class AttachmentStore {
  private readonly db: Kysely<Database>;
  private readonly kind: StoreKind;

  constructor(db: Kysely<Database>, kind: StoreKind) {
    this.db = db;
    this.kind = kind;
  }

  /**
   * Stores `attachment` unless the board's attachments would then take more than `boardBytes`.
   * Two uploads to one board at once are counted one after the other: on SQLite every write
   * transaction takes the database's write lock at its start (node-sqlite-dialect.ts), on
   * PostgreSQL this one locks the board's row first.
   */
  async add(attachment: NewAttachment, boardBytes: number, now = Date.now()): Promise<AddOutcome> {
    return this.db.transaction().execute(async (trx): Promise<AddOutcome> => {
      let board = trx.selectFrom('boards').select('id').where('id', '=', attachment.boardId);
      if (this.kind === 'postgres') board = board.forUpdate();
      if ((await board.executeTakeFirst()) === undefined) return { boardGone: true };
      const usedBytes = await this.usedBytesIn(trx, attachment.boardId);
      if (usedBytes + attachment.data.byteLength > boardBytes) return { full: { usedBytes } };
      const row = {
        id: attachment.id,
        board_id: attachment.boardId,
        name: attachment.name,
        mime: attachment.type,
        bytes: attachment.data.byteLength,
        data: attachment.data,
        thumbnail: attachment.thumbnail,
        created_by: attachment.createdBy,
        created_at: now,
      };
      await trx.insertInto('attachments').values(row).execute();
      return { stored: toInfo({ ...row, has_thumbnail: attachment.thumbnail !== null }) };
    });
  }

  /** Bytes taken by every attachment of the board. */
  usedBytes(boardId: string): Promise<number> {
    return this.usedBytesIn(this.db, boardId);
  }

  private async usedBytesIn(db: Kysely<Database>, boardId: string): Promise<number> {
    const row = await db
      .selectFrom('attachments')
      .select(USED_BYTES)
      .where('board_id', '=', boardId)
      .executeTakeFirstOrThrow();
    return Number(row.used);
  }

  /** Which of `ids` are attachments of the board (for the lane rule that a card names only those). */
  async existing(boardId: string, ids: readonly string[]): Promise<ReadonlySet<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('attachments')
      .select('id')
      .where('board_id', '=', boardId)
      .where('id', 'in', [...ids])
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /** The board's attachments, oldest first (without their bytes). */
  async list(boardId: string): Promise<AttachmentInfo[]> {
    const rows = await this.db
      .selectFrom('attachments')
      .select([...INFO_COLUMNS, HAS_THUMBNAIL])
      .where('board_id', '=', boardId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toInfo);
  }

  /** One attachment of the board (without its bytes); null when the board has none by that id. */
  async info(boardId: string, id: string): Promise<AttachmentInfo | null> {
    const row = await this.db
      .selectFrom('attachments')
      .select([...INFO_COLUMNS, HAS_THUMBNAIL])
      .where('board_id', '=', boardId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toInfo(row) : null;
  }

  /** One attachment of the board with its bytes; null when the board has none by that id. */
  async file(boardId: string, id: string): Promise<{ info: AttachmentInfo; data: Uint8Array } | null> {
    const row = await this.db
      .selectFrom('attachments')
      .select([...INFO_COLUMNS, HAS_THUMBNAIL, 'data'])
      .where('board_id', '=', boardId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { info: toInfo(row), data: row.data } : null;
  }

  /** The thumbnail of one attachment of the board; null when there is no such attachment or thumbnail. */
  async thumbnail(boardId: string, id: string): Promise<Uint8Array | null> {
    const row = await this.db
      .selectFrom('attachments')
      .select('thumbnail')
      .where('board_id', '=', boardId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.thumbnail ?? null;
  }

  /** Deletes one attachment of the board; false when the board has none by that id. */
  async delete(boardId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('attachments')
      .where('board_id', '=', boardId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
