/**
 * Moving the focus around the board's grid with the keyboard. The grid is one composite widget
 * (one tab stop, a "roving tabindex"): the focus is on a cell or on one of its cards, and the
 * arrow keys move it. Only ids are handled here; the page turns a position into an element.
 */

/** Where the focus is in the grid: a cell (`card` null) or one of its cards. */
export interface GridPosition {
  lane: string;
  stage: string;
  card: string | null;
}

/** What navigation needs to know of a board: its lanes and stages in order, and the cards of each cell. */
export interface GridShape {
  lanes: readonly string[];
  stages: readonly string[];
  /** The cards of a cell, in board order. */
  cardsIn(lane: string, stage: string): readonly { id: string }[];
  /** The cell a card is in now (it may have moved, also by someone else), or null once it is gone. */
  locate(card: string): { lane: string; stage: string } | null;
}

/** A move of the focus: one step each way, to either end of a lane, or to either end of the grid. */
export type GridMove = 'up' | 'down' | 'left' | 'right' | 'laneStart' | 'laneEnd' | 'gridStart' | 'gridEnd';

/** The keys that move the focus, as `KeyboardEvent` describes them. */
export interface MoveKey {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/**
 * The move a key asks for, or null. Alt+arrows are not moves of the focus: they move the card.
 * Home and End go to either end of the lane; with Ctrl (or Cmd), of the whole grid.
 */
export function gridMoveForKey(event: MoveKey): GridMove | null {
  if (event.altKey || event.shiftKey) return null;
  const command = event.ctrlKey || event.metaKey;
  if (command) return event.key === 'Home' ? 'gridStart' : event.key === 'End' ? 'gridEnd' : null;
  const moves: Record<string, GridMove> = {
    ArrowUp: 'up',
    ArrowDown: 'down',
    ArrowLeft: 'left',
    ArrowRight: 'right',
    Home: 'laneStart',
    End: 'laneEnd',
  };
  return moves[event.key] ?? null;
}

/**
 * `position` as it stands on the board now: a card that moved is followed to its cell; a card
 * that is gone leaves the focus on its cell; a cell that is gone (its lane or stage removed), or
 * no position at all, gives the first cell. Null only for a board without cells.
 */
export function resolvePosition(shape: GridShape, position: GridPosition | null): GridPosition | null {
  const first = firstCell(shape);
  if (!position || !first) return first;
  const cellExists = shape.lanes.includes(position.lane) && shape.stages.includes(position.stage);
  if (position.card !== null) {
    if (cellExists && shape.cardsIn(position.lane, position.stage).some((c) => c.id === position.card)) {
      return position;
    }
    const now = shape.locate(position.card);
    if (now && shape.lanes.includes(now.lane) && shape.stages.includes(now.stage)) {
      return { ...now, card: position.card };
    }
  }
  return cellExists ? { lane: position.lane, stage: position.stage, card: null } : first;
}

/**
 * Where `move` takes the focus from `from`. Up and down go through a cell's cards, and past the
 * first or last into the cell above or below (onto its nearest card, or the cell itself when it
 * is empty); from a cell itself, down goes to its first card. Left and right go to the
 * neighbouring stage's cell, onto the card at the same position or the nearest one (a cell goes
 * to a cell). At an edge of the grid the focus stays where it is.
 */
export function moveFocus(shape: GridShape, from: GridPosition, move: GridMove): GridPosition {
  const start = resolvePosition(shape, from);
  if (!start) return from;
  const lane = shape.lanes.indexOf(start.lane);
  const stage = shape.stages.indexOf(start.stage);
  const cards = shape.cardsIn(start.lane, start.stage);
  const index = start.card === null ? -1 : cards.findIndex((c) => c.id === start.card);

  /** The cell at (`l`, `s`), entered on its card nearest to `at` (-1: the cell itself). */
  const enter = (l: number, s: number, at: number): GridPosition => {
    const laneId = shape.lanes[l]!;
    const stageId = shape.stages[s]!;
    const there = shape.cardsIn(laneId, stageId);
    const card = at < 0 || there.length === 0 ? null : there[Math.min(at, there.length - 1)]!.id;
    return { lane: laneId, stage: stageId, card };
  };
  const lastLane = shape.lanes.length - 1;
  const lastStage = shape.stages.length - 1;

  switch (move) {
    case 'up':
      if (index > 0) return { ...start, card: cards[index - 1]!.id };
      return lane > 0 ? enter(lane - 1, stage, Number.MAX_SAFE_INTEGER) : start;
    case 'down':
      if (index < cards.length - 1) return { ...start, card: cards[index + 1]!.id };
      return lane < lastLane ? enter(lane + 1, stage, 0) : start;
    case 'left':
      return stage > 0 ? enter(lane, stage - 1, index) : start;
    case 'right':
      return stage < lastStage ? enter(lane, stage + 1, index) : start;
    case 'laneStart':
      return enter(lane, 0, index);
    case 'laneEnd':
      return enter(lane, lastStage, index);
    case 'gridStart':
      return enter(0, 0, -1);
    case 'gridEnd':
      return enter(lastLane, lastStage, Number.MAX_SAFE_INTEGER);
  }
}

/**
 * Where the focus goes when `cardId` is removed from a cell holding `cards`: the next card,
 * else the previous one, else (null) the cell itself.
 */
export function focusAfterRemoval(cards: readonly { id: string }[], cardId: string): string | null {
  const index = cards.findIndex((c) => c.id === cardId);
  if (index < 0) return null;
  return (cards[index + 1] ?? cards[index - 1])?.id ?? null;
}

function firstCell(shape: GridShape): GridPosition | null {
  const lane = shape.lanes[0];
  const stage = shape.stages[0];
  return lane === undefined || stage === undefined ? null : { lane, stage, card: null };
}
