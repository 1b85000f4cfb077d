import { addStage, type BoardStructure, type LaneKind, moveStage } from '@journeyboard/board-model';
import type * as Y from 'yjs';
import { describeError } from './errors.ts';
import { dropIndex, type DropSide, focusOrderAfterRemoval } from './header-order.ts';
import type { LaneCommands, LaneOutcome } from './lane-commands.ts';

/** What the header commands need of a live board. */
export interface HeaderBoard {
  readonly structure: BoardStructure | null | undefined;
  readonly structureDoc: Y.Doc;
  /** Makes one undoable change of this person's (see `LiveBoard.change`). */
  change<T>(write: (origin: object) => T): T;
}

/** What they need of the page around them. */
export interface HeaderPage {
  lanes: LaneCommands;
  /** Shows a failure to the person, or clears the last one (null). */
  report(notice: string | null): void;
  /**
   * Focuses the first of `selectors` on the page once it has rendered, waiting up to `waitMs`
   * for one to appear (`focusWhenShown` on the page).
   */
  focus(selectors: string[], waitMs?: number): void;
}

/** How long a lead's new lane may take to come back from the server before focus gives up on it. */
const SERVER_LANE_WAIT_MS = 10_000;

/** The button that names (and renames) the stage or lane `id` in its header. */
export function headerNameSelector(kind: 'stage' | 'lane', id: string): string {
  // Ids are letters, digits, '-' and '_' (the model checks them): quoting is all they need.
  return `[data-${kind}-id=${JSON.stringify(id)}] [data-header-name]`;
}

/** The control that adds a stage or a lane at the end, where focus goes when no header is left. */
export const ADD_CONTROL = { stage: '[data-add-stage]', lane: '[data-add-lane]' } as const;

/**
 * What the stage and lane headers do beyond a rename or a one-step move: insert a stage or lane
 * after another and move one to where it was dropped, each one undoable step; and where focus
 * goes (to the new header; after a removal, to the removed one's neighbour, else the add control).
 */
export function headerCommands(board: HeaderBoard, page: HeaderPage) {
  function ids(kind: 'stage' | 'lane'): string[] {
    const structure = board.structure;
    if (!structure) return [];
    return (kind === 'stage' ? structure.stages : structure.lanes).map((entry) => entry.id);
  }
  /** A lane command's outcome: a failure is reported. */
  function settle(outcome: LaneOutcome) {
    if (outcome instanceof Promise) void outcome.then((error) => page.report(error));
    else page.report(outcome);
  }
  function write(operation: (origin: object) => void): boolean {
    try {
      board.change(operation);
      page.report(null);
      return true;
    } catch (error) {
      page.report(describeError(error));
      return false;
    }
  }

  return {
    /** A new stage named `name` at `index`; its name takes focus, ready to be renamed. */
    insertStage(index: number, name: string): void {
      let stageId = '';
      if (write((origin) => (stageId = addStage(board.structureDoc, name, index, origin)))) {
        page.focus([headerNameSelector('stage', stageId)]);
      }
    },

    /**
     * Where focus goes once the stage or lane `id` is removed: call it before the removal, and
     * what it returns after, once the removal is done. Focus goes to the next header, else the
     * previous one, else the add control.
     */
    focusAfterRemoval(kind: 'stage' | 'lane', id: string): () => void {
      const order = focusOrderAfterRemoval(ids(kind), id);
      return () => page.focus([...order.map((other) => headerNameSelector(kind, other)), ADD_CONTROL[kind]]);
    },

    /** Moves the stage dropped on the `side` of the stage at `over` to where it was dropped. */
    dropStage(stageId: string, over: number, side: DropSide): void {
      const from = ids('stage').indexOf(stageId);
      if (from !== -1) {
        write((origin) => moveStage(board.structureDoc, stageId, dropIndex(from, over, side), origin));
      }
    },

    /**
     * Adds a lane at `index`, or at the end. One inserted between others takes focus on its name,
     * ready to be renamed (a lead's arrives from the server a moment after its answer); after one
     * added at the end focus stays on the add button, for the next.
     */
    addLane(lane: { name: string; kind: LaneKind; department?: string }, index?: number): void {
      void Promise.resolve(page.lanes.add({ ...lane, index })).then((outcome) => {
        if ('error' in outcome) {
          page.report(outcome.error);
          return;
        }
        page.report(null);
        if (index !== undefined) {
          page.focus([headerNameSelector('lane', outcome.laneId)], SERVER_LANE_WAIT_MS);
        }
      });
    },

    /** Moves the lane dropped on the `side` of the lane at `over` to where it was dropped. */
    dropLane(laneId: string, over: number, side: DropSide): void {
      const from = ids('lane').indexOf(laneId);
      if (from !== -1) settle(page.lanes.move(laneId, dropIndex(from, over, side)));
    },
  };
}
