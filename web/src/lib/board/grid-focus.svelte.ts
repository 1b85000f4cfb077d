import { tick } from 'svelte';
import { isTyping } from './board-shortcuts.ts';
import type { BoardViewport } from './board-viewport.svelte.ts';
import { cardsShownInCell } from './emotion-curve.ts';
import {
  focusAfterRemoval,
  gridMoveForKey,
  type GridPosition,
  type GridShape,
  moveFocus,
  resolvePosition,
} from './grid-navigation.ts';
import type { LiveBoard } from './live/live-board.svelte.ts';
import { privateCardsInCell } from '../private-mode/private-mode.ts';

/**
 * The focus in the board's grid, one keyboard widget (see grid-navigation.ts): its one tab stop
 * (the cell or card that last held the focus, else the first cell), the keys that move the
 * focus, and focusing a cell or a card (which may have to be rendered first).
 */
export class GridFocus {
  private lastFocused = $state<GridPosition | null>(null);
  /** Where Tab enters the grid. */
  readonly tabStop = $derived(resolvePosition(this.shape(), this.lastFocused));
  private readonly board: LiveBoard;
  private readonly viewport: BoardViewport;
  private grid: HTMLElement | null = null;

  constructor(board: LiveBoard, viewport: BoardViewport) {
    this.board = board;
    this.viewport = viewport;
  }

  /** The tab stop, if it is in the cell of `laneId` × `stageId`: the cell (null) or a card's id. */
  stopIn(laneId: string, stageId: string): string | null | undefined {
    const stop = this.tabStop;
    return stop?.lane === laneId && stop.stage === stageId ? stop.card : undefined;
  }

  /**
   * Finds cells in `grid`, and keeps the focus in it when what had it goes; returns a function
   * that stops. (The grid's `focusin` and `keydown`
   * go to `onFocus` and `onKey` as the component's own handlers, so that a card's and a cell's
   * handlers, which it holds, see each key first.)
   */
  attach(grid: HTMLElement): () => void {
    this.grid = grid;
    // Someone else's change can take away the card or cell that has the focus (they deleted the
    // card): the browser then drops the focus to the page. It goes back to the tab stop instead,
    // the card where it is now (moved) or its cell (deleted). Only while the focus was in the grid
    // and went nowhere else: a person who clicked or tabbed away keeps their focus where they put it.
    let held = false;
    const onfocusin = () => (held = true);
    const onfocusout = (event: FocusEvent) => {
      const left = event.target;
      if (event.relatedTarget !== null) held = grid.contains(event.relatedTarget as Node);
      // Focus lost to nothing: kept for the grid only if what had it is gone from the page.
      else queueMicrotask(() => (held = left instanceof Node && !left.isConnected));
    };
    const lost = () => document.activeElement === null || document.activeElement === document.body;
    const observer = new MutationObserver(() => {
      if (!held || !lost()) return;
      // After the page's own code has put the focus where an action of this person's sends it
      // (a closed draft gives it to its Add card button once the draft is gone).
      setTimeout(() => {
        if (held && lost()) void this.focus(this.tabStop);
      }, 0);
    });
    grid.addEventListener('focusin', onfocusin);
    grid.addEventListener('focusout', onfocusout);
    observer.observe(grid, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      grid.removeEventListener('focusin', onfocusin);
      grid.removeEventListener('focusout', onfocusout);
      if (this.grid === grid) this.grid = null;
    };
  }

  /** Renders `cardId` if it is not, and focuses it once it is. */
  async focusCard(cardId: string): Promise<void> {
    this.viewport.reveal(cardId);
    await tick();
    const id = CSS.escape(cardId);
    document.querySelector<HTMLElement>(`[data-card-id="${id}"], [data-private-card-id="${id}"]`)?.focus();
  }

  /** Focuses a cell or a card of the grid. */
  async focus(position: GridPosition | null): Promise<void> {
    if (!position) return;
    this.lastFocused = position;
    if (position.card !== null) return this.focusCard(position.card);
    await tick();
    const lane = CSS.escape(position.lane);
    const stage = CSS.escape(position.stage);
    this.grid
      ?.querySelector<HTMLElement>(`[data-cell][data-lane-id="${lane}"][data-stage-id="${stage}"]`)
      ?.focus();
  }

  /**
   * Where the focus goes once `cardId` is deleted: the next card of its cell, else the previous,
   * else the cell. Asked before the delete.
   */
  afterRemoval(laneId: string, cardId: string): GridPosition | null {
    const card = this.board.card(laneId, cardId);
    if (!card) return null;
    const cards = this.cellCards(laneId, card.stageId);
    return { lane: laneId, stage: card.stageId, card: focusAfterRemoval(cards, cardId) };
  }

  /**
   * The cards a cell shows (in an emotions lane, the points are on the curve instead), then this
   * person's private cards in it, as the cell lists them.
   */
  private cellCards(laneId: string, stageId: string): readonly { id: string }[] {
    const kind = this.board.structure?.lanes.find((lane) => lane.id === laneId)?.kind ?? '';
    const shown = cardsShownInCell(kind, this.board.cellCards(laneId, stageId));
    const own = privateCardsInCell(this.board.privateCards, laneId, stageId);
    return own.length === 0 ? shown : [...shown, ...own];
  }

  private shape(): GridShape {
    const structure = this.board.structure;
    return {
      lanes: structure?.lanes.map((lane) => lane.id) ?? [],
      stages: structure?.stages.map((stage) => stage.id) ?? [],
      cardsIn: (laneId, stageId) => this.cellCards(laneId, stageId),
      locate: (cardId) => {
        const found = this.board.findCard(cardId);
        if (found) return { lane: found.laneId, stage: found.card.stageId };
        const own = this.board.privateCards.find((card) => card.id === cardId);
        return own ? { lane: own.laneId, stage: own.stageId } : null;
      },
    };
  }

  /** Follows the focus: the cell or card focused last is the tab stop. */
  readonly onFocus = (event: FocusEvent): void => {
    const position = positionOf(event.target);
    if (!position) return;
    this.lastFocused = position;
    // The tab stop stays rendered wherever the board scrolls, so that Tab can come back to it.
    if (position.card !== null) this.viewport.reveal(position.card);
  };

  /** Arrow keys, Home and End move between cells and cards; Escape goes out one level. */
  readonly onKey = (event: KeyboardEvent): void => {
    if (event.defaultPrevented) return;
    const position = positionOf(event.target);
    if (!position || !(event.target instanceof HTMLElement)) return;
    // On the card or cell itself, not on a tool or a field inside it.
    const onItem = event.target.matches('[data-card-id], [data-private-card-id], [data-cell]');
    if (event.key === 'Escape') {
      if (isTyping(event.target) || (onItem && position.card === null)) return;
      event.preventDefault();
      void this.focus(onItem ? { ...position, card: null } : position);
      return;
    }
    const move = onItem ? gridMoveForKey(event) : null;
    if (!move) return;
    event.preventDefault();
    void this.focus(moveFocus(this.shape(), position, move));
  };
}

/** The cell or card `target` is, or is inside of. */
function positionOf(target: EventTarget | null): GridPosition | null {
  if (!(target instanceof Element)) return null;
  const cell = target.closest<HTMLElement>('[data-cell]');
  const { laneId, stageId } = cell?.dataset ?? {};
  if (!laneId || !stageId) return null;
  const item = target.closest('[data-card-id], [data-private-card-id]');
  const card = item?.getAttribute('data-card-id') ?? item?.getAttribute('data-private-card-id') ?? null;
  return { lane: laneId, stage: stageId, card };
}
