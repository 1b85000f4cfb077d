import {
  addLane,
  type LaneKind,
  moveLane,
  removeLane,
  renameLane,
  setLaneDepartment,
} from '@journeyboard/board-model';
import * as Y from 'yjs';
import {
  addLaneByCommand,
  changeLaneByCommand,
  removeLaneByCommand,
  restoreLaneByCommand,
} from '#lib/api.ts';
import { describeApiError } from '#lib/api-errors.ts';
import { describeError } from './errors.ts';
import type { Permissions } from './permissions.ts';

/** What lane commands need of a live board. */
export interface LaneCommandTarget {
  boardId: string;
  structureDoc: Y.Doc;
  permissions: Pick<Permissions, 'canEditStructure'>;
  /** Makes one undoable change of this person's (see `LiveBoard.change`). */
  change<T>(write: (origin: object) => T): T;
}

/**
 * An error message, or null when done; a promise of one when the change went to the server (a
 * change refused on the spot is never a promise, so a form can show its error right away).
 */
export type LaneOutcome = string | null | Promise<string | null>;

/** A new lane's id, or the message that says why it was not added. */
export type LaneAdded = { laneId: string } | { error: string };

export interface LaneCommands {
  /**
   * Adds a lane at `index` of the lane list (by default the end). The id comes back as soon as it
   * is known: at once when written here, when the server answers when sent there (the lane itself
   * arrives a moment later, with the server's update).
   */
  add(lane: {
    name: string;
    kind: LaneKind;
    department?: string;
    index?: number;
  }): LaneAdded | Promise<LaneAdded>;
  rename(laneId: string, name: string): LaneOutcome;
  move(laneId: string, index: number): LaneOutcome;
  remove(laneId: string): LaneOutcome;
  /**
   * Brings back a lane this person removed through the server (a lead's removal; those who run
   * the board undo theirs through their history).
   */
  restoreRemoved(laneId: string): Promise<string | null>;
  setDepartment(laneId: string, department: string): LaneOutcome;
}

/**
 * Lane changes, made the way this person may make them: those who run the board write the
 * structure document themselves; a department lead cannot, so the server makes the change on
 * their behalf (and checks that the lane is their department's). A lead's change is first tried
 * on a copy of the document, so a bad name gets the same message, in the reader's language, as
 * it would for a facilitator, without a round trip.
 */
export function laneCommands(board: LaneCommandTarget): LaneCommands {
  /** Tries `operation` on a copy of the structure document: its error message, or null. */
  function tryOnCopy(operation: (doc: Y.Doc) => void): string | null {
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(board.structureDoc));
      operation(copy);
      return null;
    } catch (error) {
      return describeError(error);
    } finally {
      copy.destroy();
    }
  }

  function change(
    operation: (doc: Y.Doc, origin?: object) => void,
    command: () => Promise<unknown>,
  ): LaneOutcome {
    if (board.permissions.canEditStructure) {
      try {
        board.change((origin) => operation(board.structureDoc, origin));
        return null;
      } catch (error) {
        return describeError(error);
      }
    }
    const refused = tryOnCopy(operation);
    if (refused !== null) return refused;
    return command().then(
      () => null,
      (error: unknown) => describeApiError(error),
    );
  }

  function add(lane: Parameters<LaneCommands['add']>[0]): LaneAdded | Promise<LaneAdded> {
    const { index, ...fields } = lane;
    if (board.permissions.canEditStructure) {
      try {
        return { laneId: board.change((origin) => addLane(board.structureDoc, fields, index, origin)) };
      } catch (error) {
        return { error: describeError(error) };
      }
    }
    const refused = tryOnCopy((doc) => addLane(doc, fields, index));
    if (refused !== null) return { error: refused };
    // The server gives a lead's lane the lead's department, so the department is not sent.
    return addLaneByCommand(board.boardId, { name: lane.name, kind: lane.kind, index }).then(
      (laneId) => ({ laneId }),
      (error: unknown) => ({ error: describeApiError(error) }),
    );
  }

  return {
    add,
    rename: (laneId, name) =>
      change(
        (doc, origin) => renameLane(doc, laneId, name, origin),
        () => changeLaneByCommand(board.boardId, laneId, { name }),
      ),
    move: (laneId, index) =>
      change(
        (doc, origin) => moveLane(doc, laneId, index, origin),
        () => changeLaneByCommand(board.boardId, laneId, { index }),
      ),
    remove: (laneId) =>
      change(
        (doc, origin) => removeLane(doc, laneId, origin),
        () => removeLaneByCommand(board.boardId, laneId),
      ),
    restoreRemoved: (laneId) =>
      restoreLaneByCommand(board.boardId, laneId).then(
        () => null,
        (error: unknown) => describeApiError(error),
      ),
    setDepartment: (laneId, department) =>
      change(
        (doc, origin) => setLaneDepartment(doc, laneId, department, origin),
        () => changeLaneByCommand(board.boardId, laneId, { department }),
      ),
  };
}
