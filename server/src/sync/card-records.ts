import {
  cardAuthorOf,
  cardIdsOf,
  readBoard,
  readCards,
  type CardFacts,
  type CardRecord,
  type DocumentWriter,
  type UpdateRefusal,
} from '@journeyboard/board-model';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { CardRecordStore, StoredRecords } from '../storage/card-record-store.ts';
import type { BoardStructureReader } from './board-structure.ts';

/**
 * How many times one update is judged again because the records it was judged on changed meanwhile
 * (another instance recorded or moved one of its cards): past that it is not saved, and sent again.
 */
const MAX_JUDGEMENTS = 3;

/** Thrown when an update's card records kept changing while it was judged: not saved, sent again. */
export class CardRecordsChanging extends Error {
  constructor() {
    super('the card records of this update kept changing while it was checked');
  }
}

/** The records of one board this instance holds, while any of its lane docs is loaded here. */
interface BoardRecords {
  records: Map<string, CardRecord>;
  lanesLoaded: Set<string>;
}

/**
 * The card records of the boards whose lane docs this instance holds: who first wrote each card id
 * and the lane it was last written into, for the lane kind's rule (`mayPlaceCard`). Those of the
 * cards of each lane doc loaded here are read as it loads (not the board's whole table, which keeps
 * the records of every card ever written on it), and a loaded lane doc's cards that have none
 * (written before authors were recorded) are recorded as they are. A card id not held here (a
 * card brought back by undo, or moved from a lane not loaded here) is looked up when it is judged.
 *
 * What is held here is a first guess: several instances record cards of the same board, so every
 * judgement that looked a record up is settled against the store, in one transaction that also
 * records what the update did; when the store says otherwise the update is judged again on what it
 * says. Edits and removals look nothing up and touch no table.
 */
export class CardRecords {
  private readonly store: CardRecordStore;
  private readonly structure: BoardStructureReader;
  private readonly log: Logger;
  private readonly boards = new Map<string, BoardRecords>();

  constructor(options: { store: CardRecordStore; structure: BoardStructureReader; log: Logger }) {
    this.store = options.store;
    this.structure = options.structure;
    this.log = options.log;
  }

  /** A lane doc was loaded here: the board's records are loaded (once), its cards without one recorded. */
  async laneLoaded(boardId: string, laneId: string, doc: Y.Doc): Promise<void> {
    const board = this.boardOf(boardId);
    board.lanesLoaded.add(laneId);
    // The ids alone look the records up: reading (and sorting) every card of a large lane would
    // cost its load a good part of what reading the document did. The cards are read only when
    // some have no record, which only those written before authors were recorded lack.
    const held = await this.store.recordsFor(
      boardId,
      cardIdsOf(doc).filter((id) => !board.records.has(id)),
    );
    for (const [id, record] of held) if (!board.records.has(id)) board.records.set(id, record);
    const missing = new Set(cardIdsOf(doc).filter((id) => !board.records.has(id)));
    if (missing.size === 0) return;
    const unrecorded = readCards(doc).filter((card) => missing.has(card.id));
    if (unrecorded.length === 0) return;
    const stored = await this.store.recordFound(boardId, laneId, unrecorded);
    for (const [id, record] of stored) board.records.set(id, record);
    this.log.info(
      { boardId, laneId, cards: unrecorded.length },
      'recorded the cards of a lane found without a record',
    );
  }

  /** Whether any lane doc of the board is loaded here. */
  holdsBoard(boardId: string): boolean {
    return this.boards.has(boardId);
  }

  /** A lane doc was unloaded here: once a board has none loaded, its records are let go. */
  laneUnloaded(boardId: string, laneId: string): void {
    const board = this.boards.get(boardId);
    if (!board) return;
    board.lanesLoaded.delete(laneId);
    if (board.lanesLoaded.size === 0) this.boards.delete(boardId);
  }

  /**
   * Judges one update of the lane doc `laneId`: `judge` is the guard's check of it, given the facts
   * to judge on; `retract` forgets an update `judge` accepted on facts found stale. Returns the
   * final verdict, once it rests on what the store holds, and has recorded what an accepted update
   * did. @throws CardRecordsChanging, or the store's error (the update was then not accepted).
   */
  async judge(
    boardId: string,
    laneId: string,
    writer: DocumentWriter,
    judge: (facts: CardFacts) => UpdateRefusal | null,
    retract: () => void,
  ): Promise<UpdateRefusal | null> {
    const board = this.boardOf(boardId);
    /** What this judgement learnt from the store: it overrides what is held. */
    const learnt: StoredRecords = new Map();
    let storedDepartments: Map<string, string> | null = null;
    for (let judgement = 1; ; judgement++) {
      const used: StoredRecords = new Map();
      let structureUnknown = false;
      const facts: CardFacts = {
        laneId,
        recordOf: (cardId) => {
          const record = learnt.has(cardId) ? learnt.get(cardId)! : (board.records.get(cardId) ?? null);
          used.set(cardId, record);
          return record;
        },
        laneDepartment: (id) => {
          const live = this.structure.liveLaneDepartment(boardId, id);
          if (live !== undefined) return live;
          if (storedDepartments) return storedDepartments.get(id) ?? null;
          structureUnknown = true;
          return null;
        },
      };
      const verdict = judge(facts);
      if (structureUnknown) {
        // The structure is not held here (a client that opened a lane doc alone): read what is stored.
        if (verdict === null) retract();
        storedDepartments = await this.storedDepartments(boardId);
        continue;
      }
      // A refusal for anything but who a card is by stands whatever the records say.
      if (used.size === 0 || (verdict !== null && verdict !== 'wrong-card-author')) return verdict;
      let unsettled;
      try {
        unsettled = await this.store.settle(
          boardId,
          laneId,
          used,
          verdict === null ? cardAuthorOf(writer) : null,
        );
      } catch (error) {
        if (verdict === null) retract();
        throw error;
      }
      if (unsettled === null) {
        if (verdict === null) this.recordHere(board, laneId, used, writer);
        return verdict;
      }
      if (verdict === null) retract();
      for (const [id, record] of unsettled.stored) {
        learnt.set(id, record);
        if (record) board.records.set(id, record);
      }
      if (judgement === MAX_JUDGEMENTS) throw new CardRecordsChanging();
      this.log.debug(
        { boardId, laneId, cards: unsettled.stored.size },
        'judging an update again on the card records the store holds',
      );
    }
  }

  /** What an accepted update did, as `settle` recorded it, in the records held here. */
  private recordHere(board: BoardRecords, laneId: string, used: StoredRecords, writer: DocumentWriter): void {
    for (const [id, record] of used) {
      board.records.set(id, record ? { ...record, laneId } : { author: cardAuthorOf(writer), laneId });
    }
  }

  private boardOf(boardId: string): BoardRecords {
    const held = this.boards.get(boardId);
    if (held) return held;
    const board: BoardRecords = { records: new Map(), lanesLoaded: new Set() };
    this.boards.set(boardId, board);
    return board;
  }

  private async storedDepartments(boardId: string): Promise<Map<string, string>> {
    return this.structure.withStructure(boardId, (doc) => {
      try {
        return new Map(readBoard(doc).lanes.map((lane) => [lane.id, lane.department]));
      } catch {
        return new Map<string, string>();
      }
    });
  }
}
