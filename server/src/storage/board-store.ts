import { LANE_KINDS, type CardAuthor, type Lane, type LaneKind } from '@journeyboard/board-model';
import type { Kysely } from 'kysely';
import { cardRecordRow } from './card-record-store.ts';
import type { Database } from './schema.ts';

/** How long a lead may bring back a lane they removed. */
export const REMOVED_LANE_KEPT_MS = 24 * 60 * 60 * 1000;

/** A board as listed on the home page. */
export interface BoardSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

const toSummary = (row: {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
}): BoardSummary => ({
  id: row.id,
  title: row.title,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

/** Board rows: which boards exist, and what the home page lists. */
export class BoardStore {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /**
   * Inserts the board, the first state of its documents and the card records of the cards they
   * hold (all first written by `records.author`, a template's cards) in one transaction.
   */
  async create(
    board: { id: string; title: string },
    documents: { docName: string; state: Uint8Array }[],
    records?: { author: CardAuthor; cards: { cardId: string; laneId: string }[] },
  ): Promise<BoardSummary> {
    const now = Date.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('boards')
        .values({ id: board.id, title: board.title, created_at: now, updated_at: now })
        .execute();
      if (documents.length > 0) {
        await trx
          .insertInto('doc_snapshots')
          .values(
            documents.map((d) => ({
              doc_name: d.docName,
              board_id: board.id,
              state: d.state,
              updated_at: now,
            })),
          )
          .execute();
      }
      // In slices, so that no statement carries more parameters than a store takes.
      const cards = records?.cards ?? [];
      for (let at = 0; at < cards.length; at += 500) {
        await trx
          .insertInto('card_authors')
          .values(
            cards.slice(at, at + 500).map((card) => ({
              ...cardRecordRow(board.id, card.cardId, records!.author, card.laneId),
              created_at: now,
            })),
          )
          .execute();
      }
    });
    return { id: board.id, title: board.title, createdAt: now, updatedAt: now };
  }

  async get(id: string): Promise<BoardSummary | null> {
    const row = await this.db.selectFrom('boards').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSummary(row) : null;
  }

  async exists(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('boards').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  /** Newest first. */
  async list(limit = 200): Promise<BoardSummary[]> {
    const rows = await this.db
      .selectFrom('boards')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toSummary);
  }

  /**
   * Deletes a board with its documents, card records, attachments, members, links, invitations
   * and link sessions.
   */
  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // The board's row is locked first (on PostgreSQL an update takes its row lock; SQLite locks the
      // whole database for a write transaction), so that an upload that locked it before commits
      // first and its file is deleted below, and one after finds no board.
      await trx
        .updateTable('boards')
        .set((eb) => ({ title: eb.ref('title') }))
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('doc_updates').where('board_id', '=', id).execute();
      await trx.deleteFrom('card_authors').where('board_id', '=', id).execute();
      await trx.deleteFrom('attachments').where('board_id', '=', id).execute();
      await trx.deleteFrom('votes').where('board_id', '=', id).execute();
      await trx.deleteFrom('poll_answers').where('board_id', '=', id).execute();
      await trx.deleteFrom('doc_snapshots').where('board_id', '=', id).execute();
      await trx.deleteFrom('board_members').where('board_id', '=', id).execute();
      await trx.deleteFrom('share_links').where('board_id', '=', id).execute();
      await trx.deleteFrom('invitations').where('board_id', '=', id).execute();
      await trx.deleteFrom('removed_lanes').where('board_id', '=', id).execute();
      await trx.deleteFrom('sessions').where('board_id', '=', id).execute();
      await trx.deleteFrom('boards').where('id', '=', id).execute();
    });
  }

  /** Keeps a lane removed through the server, so that it can be brought back (`removedLane`). */
  async keepRemovedLane(boardId: string, lane: Lane, removedBy: string, now = Date.now()): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('removed_lanes')
        .where((eb) =>
          eb.or([
            eb('removed_at', '<', now - REMOVED_LANE_KEPT_MS),
            eb.and([eb('board_id', '=', boardId), eb('lane_id', '=', lane.id)]),
          ]),
        )
        .execute();
      await trx
        .insertInto('removed_lanes')
        .values({
          board_id: boardId,
          lane_id: lane.id,
          name: lane.name,
          kind: lane.kind,
          department_id: lane.department,
          order_key: lane.order,
          removed_by: removedBy,
          removed_at: now,
        })
        .execute();
    });
  }

  /**
   * A lane removed through the server within the last day, as it was, and when it was removed (to
   * forget exactly that removal once it is brought back); null when there is none.
   */
  async removedLane(
    boardId: string,
    laneId: string,
    now = Date.now(),
  ): Promise<{ lane: Lane; removedAt: number } | null> {
    const row = await this.db
      .selectFrom('removed_lanes')
      .selectAll()
      .where('board_id', '=', boardId)
      .where('lane_id', '=', laneId)
      .where('removed_at', '>=', now - REMOVED_LANE_KEPT_MS)
      .executeTakeFirst();
    if (!row || !(LANE_KINDS as readonly string[]).includes(row.kind)) return null;
    return {
      lane: {
        id: row.lane_id,
        name: row.name,
        kind: row.kind as LaneKind,
        department: row.department_id,
        order: row.order_key,
      },
      removedAt: Number(row.removed_at),
    };
  }

  /**
   * Forgets the removal of a lane made at `removedAt` (it was brought back); a later removal of the
   * same lane, made meanwhile, is kept.
   */
  async forgetRemovedLane(boardId: string, laneId: string, removedAt: number): Promise<void> {
    await this.db
      .deleteFrom('removed_lanes')
      .where('board_id', '=', boardId)
      .where('lane_id', '=', laneId)
      .where('removed_at', '=', removedAt)
      .execute();
  }
}
