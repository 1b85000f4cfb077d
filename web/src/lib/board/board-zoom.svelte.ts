import { flushSync } from 'svelte';
import { type FitMeasure, fits, nextFitZoom, readableZoom } from './zoom-fit.ts';

/** Zoom levels the buttons step through; ctrl+wheel and pinch zoom anywhere between the ends. */
export const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1]!;

/** How long the wheel must rest before a zoom gesture is laid out at its new size. */
const SETTLE_MS = 150;

/** `zoom` kept within the zoom range, rounded so that repeated steps do not drift. */
export function clampZoom(zoom: number): number {
  return Math.round(Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)) * 1000) / 1000;
}

/** The next zoom step from `zoom` towards `direction` (+1 in, -1 out). */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  const steps = direction > 0 ? ZOOM_STEPS : [...ZOOM_STEPS].reverse();
  return steps.find((step) => (direction > 0 ? step > zoom + 0.001 : step < zoom - 0.001)) ?? zoom;
}

/** A zoom by ctrl+wheel or pinch in progress: shown by scaling the grid, not laid out yet. */
interface Gesture {
  /** The zoom it will end at, relative to the zoom the grid is laid out at. */
  scale: number;
  /** The point it zooms around, from the grid's top left corner, in px on screen at its start. */
  originX: number;
  originY: number;
  settle: ReturnType<typeof setTimeout>;
}

/**
 * The board's zoom. The grid is laid out at `level` (CSS `zoom`, so that scrolling, sticky
 * headers and what is rendered follow it). Laying out a big board at a new size takes longer than
 * a frame, so a ctrl+wheel or pinch gesture is first shown by scaling the grid (a transform, which
 * costs no layout), around the point under the pointer, and laid out once the wheel rests.
 */
export class BoardZoom {
  /** The zoom the grid is laid out at (1 = 100%). */
  level = $state(1);
  /** The zoom on screen: `level`, times the scale of a gesture in progress. */
  shown = $state(1);
  private gesture: Gesture | null = null;
  private scroller: HTMLElement | null = null;
  private grid: HTMLElement | null = null;

  /** The factor between CSS px at 100% and px on screen, right now. */
  get scale(): number {
    return this.level * (this.gesture?.scale ?? 1);
  }

  /** Zooms `grid` inside `scroller` on ctrl+wheel and pinch; returns a function that stops. */
  attach(scroller: HTMLElement, grid: HTMLElement): () => void {
    this.scroller = scroller;
    this.grid = grid;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey) return;
      // Not passive: this stops the browser from zooming the whole page.
      event.preventDefault();
      // A wheel notch (deltaY 100) zooms by about a fifth; a pinch sends many small deltas.
      const delta = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 33 : event.deltaY;
      this.zoomGesture(this.shown * Math.exp(-delta * 0.002), event.clientX, event.clientY);
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      scroller.removeEventListener('wheel', onWheel);
      this.settle();
      this.scroller = this.grid = null;
    };
  }

  /**
   * Lays the grid out at `next` at once (the zoom buttons), keeping the middle of what is visible
   * where it is.
   */
  zoomTo(next: number): void {
    this.settle();
    const { scroller } = this;
    const zoom = clampZoom(next);
    const previous = this.level;
    if (!scroller || zoom === previous) return;
    const x = scroller.clientWidth / 2;
    const y = scroller.clientHeight / 2;
    const left = scroller.scrollLeft;
    const top = scroller.scrollTop;
    this.level = this.shown = zoom;
    flushSync();
    scroller.scrollLeft = ((left + x) * zoom) / previous - x;
    scroller.scrollTop = ((top + y) * zoom) / previous - y;
  }

  /**
   * Lays the grid out at the largest zoom, up to 100%, at which all of it fits the scroller (zoom
   * to fit), but never below the zoom where card text is still readable (`readableZoom`), and
   * shows it from its top left corner. The grid's size does not follow the zoom in proportion
   * (its columns stretch to the scroller, its rows to what wraps in them), so each guess is laid
   * out and measured, and the largest zoom seen to fit wins.
   */
  zoomToFit(): void {
    this.settle();
    const { scroller, grid } = this;
    if (!scroller || !grid) return;
    const floor = Math.max(MIN_ZOOM, readableZoom());
    const layOut = (zoom: number) => {
      this.level = this.shown = zoom;
      flushSync();
    };
    let zoom = 1;
    if (this.level !== zoom) layOut(zoom);
    let fitting: number | null = null; // The largest zoom seen to fit.
    let tooBig = Infinity; // The smallest zoom seen not to fit.
    for (let attempt = 0; attempt < 6; attempt++) {
      const measure = measureFit(scroller, grid);
      if (fits(measure)) fitting = Math.max(fitting ?? 0, zoom);
      else tooBig = Math.min(tooBig, zoom);
      let guess = nextFitZoom(zoom, measure, floor, 1);
      // A guess that is known not to fit goes halfway instead, so that the guesses close in.
      if (guess >= tooBig) guess = Math.floor((((fitting ?? floor) + tooBig) / 2) * 1000) / 1000;
      const noBetter = fitting !== null && (guess <= fitting + 0.01 || guess >= tooBig - 0.01);
      if (noBetter || guess === zoom) break;
      layOut((zoom = guess));
    }
    layOut(fitting ?? floor);
    scroller.scrollTo(0, 0);
  }

  private zoomGesture(next: number, clientX: number, clientY: number): void {
    const { grid } = this;
    if (!grid) return;
    const zoom = clampZoom(next);
    if (!this.gesture) {
      if (zoom === this.level) return;
      const box = grid.getBoundingClientRect();
      const originX = clientX - box.left;
      const originY = clientY - box.top;
      this.gesture = { scale: 1, originX, originY, settle: setTimeout(() => this.settle(), SETTLE_MS) };
      // In percent of the grid's box: lengths on the grid itself would be zoomed with it.
      grid.style.transformOrigin = `${(originX / box.width) * 100}% ${(originY / box.height) * 100}%`;
      grid.style.willChange = 'transform';
    }
    const gesture = this.gesture;
    clearTimeout(gesture.settle);
    gesture.settle = setTimeout(() => this.settle(), SETTLE_MS);
    gesture.scale = zoom / this.level;
    grid.style.transform = `scale(${gesture.scale})`;
    this.shown = zoom;
  }

  /** Lays out a gesture in progress at the zoom it reached, where it shows the grid now. */
  private settle(): void {
    const { gesture, grid, scroller } = this;
    if (!gesture) return;
    clearTimeout(gesture.settle);
    this.gesture = null;
    if (!grid || !scroller) return;
    const left = scroller.scrollLeft;
    const top = scroller.scrollTop;
    this.level = clampZoom(this.level * gesture.scale);
    flushSync();
    grid.style.transform = '';
    grid.style.transformOrigin = '';
    grid.style.willChange = '';
    // The point under the gesture's origin stays where the scaled grid showed it.
    scroller.scrollLeft = left + (gesture.scale - 1) * gesture.originX;
    scroller.scrollTop = top + (gesture.scale - 1) * gesture.originY;
  }
}

/** The grid's size and the room for it in `scroller`, in px on screen, as laid out now. */
function measureFit(scroller: HTMLElement, grid: HTMLElement): FitMeasure {
  const style = getComputedStyle(scroller);
  const padX = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  const padY = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  return {
    // The grid is as wide as the scroller; columns that do not fit overflow it.
    contentWidth: scroller.scrollWidth - padX,
    contentHeight: grid.getBoundingClientRect().height,
    availableWidth: scroller.clientWidth - padX,
    availableHeight: scroller.clientHeight - padY,
  };
}
