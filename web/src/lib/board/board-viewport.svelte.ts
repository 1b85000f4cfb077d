import { BoardZoom } from './board-zoom.svelte.ts';

/** How far beyond the visible part of the board cards are kept rendered: a screenful each way. */
const NEAR_MARGIN = '100% 50%';

/** A card's height (with its share of the gaps) in CSS px at 100%, until cards are measured. */
const DEFAULT_CARD_HEIGHT = 70;

/** What an observed part of the board learns when it comes near the visible area or leaves it. */
export type NearChange = (near: boolean, box: DOMRectReadOnly) => void;

/**
 * What part of the board is on screen, for rendering only that: parts of cells (chunks of cards)
 * register with `observe` and are told when they come within a screenful of the visible area
 * of the board's scroller, or leave it. Also holds what must stay rendered wherever it is (a
 * card being revealed, focused or dragged) and the board's zoom.
 * Heights are kept in CSS px at 100%, whatever the zoom.
 */
export class BoardViewport {
  /** The board's zoom. */
  readonly zoom = new BoardZoom();
  /** A card that must be rendered, e.g. to be focused after a keyboard move. */
  revealed = $state<string | null>(null);
  /** The card being dragged: it stays rendered while the board scrolls under it. */
  dragging = $state<string | null>(null);
  /** The card that last held the focus, to give it back if its chunk is rendered again. */
  focusedCard: string | null = null;

  private observer: IntersectionObserver | null = null;
  // Bookkeeping, not rendered.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly targets = new Map<Element, NearChange>();
  private measuredHeight = 0;
  private measuredCards = 0;

  /** Starts watching what is near the visible area of `scroller`; returns a function that stops. */
  attach(scroller: HTMLElement): () => void {
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries)
          this.targets.get(entry.target)?.(entry.isIntersecting, entry.boundingClientRect);
      },
      { root: scroller, rootMargin: NEAR_MARGIN },
    );
    for (const element of this.targets.keys()) observer.observe(element);
    this.observer = observer;
    return () => {
      observer.disconnect();
      if (this.observer === observer) this.observer = null;
    };
  }

  /** Tells `onChange` whenever `element` comes near the visible area or leaves it. */
  observe(element: Element, onChange: NearChange): () => void {
    this.targets.set(element, onChange);
    this.observer?.observe(element);
    return () => {
      this.targets.delete(element);
      this.observer?.unobserve(element);
    };
  }

  /**
   * Follows the cards inside `grid` that must stay rendered wherever the board scrolls: the one
   * that holds the focus (to give it back) and the one being dragged. Returns a function that stops.
   */
  followCards(grid: HTMLElement): () => void {
    const cardIdOf = (event: Event) =>
      event.target instanceof Element
        ? (event.target.closest('[data-card-id]')?.getAttribute('data-card-id') ?? null)
        : null;
    const onFocus = (event: FocusEvent) => (this.focusedCard = cardIdOf(event));
    const onDragStart = (event: DragEvent) => (this.dragging = cardIdOf(event));
    const onDragEnd = () => (this.dragging = null);
    grid.addEventListener('focusin', onFocus);
    grid.addEventListener('dragstart', onDragStart);
    grid.addEventListener('dragend', onDragEnd);
    grid.addEventListener('drop', onDragEnd);
    return () => {
      grid.removeEventListener('focusin', onFocus);
      grid.removeEventListener('dragstart', onDragStart);
      grid.removeEventListener('dragend', onDragEnd);
      grid.removeEventListener('drop', onDragEnd);
    };
  }

  /** Renders `cardId` wherever it is, until another card is revealed. */
  reveal(cardId: string): void {
    this.revealed = cardId;
  }

  /** Records the height (in CSS px at 100%) of `cards` cards as rendered, for `estimateHeight`. */
  measured(cards: number, height: number): void {
    if (cards <= 0 || height <= 0) return;
    this.measuredCards += cards;
    this.measuredHeight += height;
  }

  /** The likely height in CSS px at 100% of `cards` cards not rendered yet. */
  estimateHeight(cards: number): number {
    const perCard = this.measuredCards > 0 ? this.measuredHeight / this.measuredCards : DEFAULT_CARD_HEIGHT;
    return Math.round(cards * perCard);
  }
}
