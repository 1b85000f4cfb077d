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

export interface LaneCommands {
  add(lane: { name: string; kind: LaneKind; department?: string }): LaneOutcome;
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
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(board.structureDoc));
      operation(copy);
    } catch (error) {
      return describeError(error);
    } finally {
      copy.destroy();
    }
    return command().then(
      () => null,
      (error: unknown) => describeApiError(error),
    );
  }

  return {
    add: (lane) =>
      change(
        (doc, origin) => addLane(doc, lane, undefined, origin),
        () => addLaneByCommand(board.boardId, { name: lane.name, kind: lane.kind }),
      ),
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
