import { sameCardAuthor, type CardAuthor, type CardRecord } from '@journeyboard/board-model';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CardAuthorsTable, Database } from './schema.ts';

/** A card id's record, or null when the store has none. */
export type StoredRecords = Map<string, CardRecord | null>;

/** Thrown inside a settling transaction to roll it back: another instance recorded a card meanwhile. */
class RecordedMeanwhile extends Error {}

/** What settling found when it did not settle: the records the store holds, to judge the update again. */
export interface Unsettled {
  stored: StoredRecords;
}

/**
 * The card records of every board (table `card_authors`): who first wrote each card id, and the
 * lane it was last written into. Written only in `settle` and `recordFound`, each in one
 * transaction; read per card id.
 */
export class CardRecordStore {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** The records the store holds for `ids` of a board (ids without one are left out). */
  async recordsFor(boardId: string, ids: readonly string[]): Promise<Map<string, CardRecord>> {
    const found = new Map<string, CardRecord>();
    // In slices, so that no statement carries more parameters than a store takes.
    for (let at = 0; at < ids.length; at += 500) {
      const stored = await storedRecords(this.db, boardId, ids.slice(at, at + 500));
      for (const [id, record] of stored) if (record !== null) found.set(id, record);
    }
    return found;
  }

  /**
   * Settles a lane doc's update that the lane kind's rule judged on `used` (card id → the record it
   * relied on, null for none). When the store holds exactly those, and `author` is given (the rule
   * accepted the update, written by `author`), records what it did, in one transaction: each card id
   * without a record is now `author`'s, and every one of them was last written into `laneId`.
   * Returns null when settled, else what the store holds for those ids (nothing is written).
   */
  async settle(
    boardId: string,
    laneId: string,
    used: StoredRecords,
    author: CardAuthor | null,
  ): Promise<Unsettled | null> {
    const ids = [...used.keys()];
    try {
      return await this.db.transaction().execute(async (trx) => {
        const stored = await storedRecords(trx, boardId, ids);
        if (ids.some((id) => !sameRecord(stored.get(id) ?? null, used.get(id) ?? null))) return { stored };
        if (author === null) return null;
        const now = Date.now();
        const fresh = ids.filter((id) => used.get(id) === null);
        if (fresh.length > 0) {
          const inserted = await trx
            .insertInto('card_authors')
            .values(
              fresh.map((cardId) => ({ ...cardRecordRow(boardId, cardId, author, laneId), created_at: now })),
            )
            .onConflict((oc) => oc.columns(['board_id', 'card_id']).doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== fresh.length) throw new RecordedMeanwhile();
        }
        for (const id of ids) {
          const record = used.get(id);
          if (record == null || record.laneId === laneId) continue;
          // Only from the lane the check relied on: another instance may have moved it meanwhile
          // (read committed lets both read the same row), and then this update must be judged again.
          const updated = await trx
            .updateTable('card_authors')
            .set({ lane_id: laneId })
            .where('board_id', '=', boardId)
            .where('card_id', '=', id)
            .where('lane_id', '=', record.laneId)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) throw new RecordedMeanwhile();
        }
        return null;
      });
    } catch (error) {
      if (!(error instanceof RecordedMeanwhile)) throw error;
      return { stored: await storedRecords(this.db, boardId, ids) };
    }
  }

  /**
   * Records the cards of a lane doc that have no record yet (written before authors were recorded,
   * or by a release before this store), as their entries say, in `laneId`; keeps every record the
   * store has. Returns the records the store then holds for `cards`.
   */
  async recordFound(
    boardId: string,
    laneId: string,
    cards: readonly { id: string; author: CardAuthor | null }[],
  ): Promise<Map<string, CardRecord>> {
    const now = Date.now();
    await this.db
      .insertInto('card_authors')
      .values(
        cards.map((card) => ({ ...cardRecordRow(boardId, card.id, card.author, laneId), created_at: now })),
      )
      .onConflict((oc) => oc.columns(['board_id', 'card_id']).doNothing())
      .execute();
    const stored = await storedRecords(
      this.db,
      boardId,
      cards.map((card) => card.id),
    );
    return new Map([...stored].filter((entry): entry is [string, CardRecord] => entry[1] !== null));
  }
}

async function storedRecords(
  db: Kysely<Database> | Transaction<Database>,
  boardId: string,
  ids: readonly string[],
): Promise<StoredRecords> {
  const found: StoredRecords = new Map(ids.map((id) => [id, null]));
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('card_authors')
    .selectAll()
    .where('board_id', '=', boardId)
    .where('card_id', 'in', ids)
    .execute();
  for (const row of rows) found.set(row.card_id, recordOf(row));
  return found;
}

/** The `card_authors` row of a card of a board, first written by `author` into `laneId`. */
export function cardRecordRow(boardId: string, cardId: string, author: CardAuthor | null, laneId: string) {
  return {
    board_id: boardId,
    card_id: cardId,
    author_id: author?.id ?? null,
    author_name: author?.name ?? null,
    author_department: author?.departmentId ?? null,
    author_guest: author?.guest ? 1 : 0,
    lane_id: laneId,
  };
}

function recordOf(row: Selectable<CardAuthorsTable>): CardRecord {
  const author: CardAuthor | null =
    row.author_id === null
      ? null
      : {
          id: row.author_id,
          name: row.author_name ?? '',
          departmentId: row.author_department,
          guest: Number(row.author_guest) === 1,
        };
  return { author, laneId: row.lane_id };
}

function sameRecord(a: CardRecord | null, b: CardRecord | null): boolean {
  if (a === null || b === null) return a === b;
  return sameCardAuthor(a.author, b.author) && a.laneId === b.laneId;
}
