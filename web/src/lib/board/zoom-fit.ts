/**
 * The maths of "zoom to fit": the zoom at which the whole grid fits the board's scroller, but
 * never so small that a card's text can no longer be read on a shared screen.
 */

/** A card's text at 100%, in CSS px (0.95rem): see CardView. */
export const CARD_TEXT_PX = 15.2;

/** The smallest card text, in px on screen, that zoom to fit goes down to. */
export const MIN_CARD_TEXT_PX = 11;

/** The smallest zoom at which card text of `textPx` at 100% is still `MIN_CARD_TEXT_PX` on screen. */
export function readableZoom(textPx = CARD_TEXT_PX): number {
  return Math.ceil((MIN_CARD_TEXT_PX / textPx) * 100) / 100;
}

/** The grid's size and the room for it, in px on screen, at the zoom it is laid out at. */
export interface FitMeasure {
  /** The size of everything in the scroller (its scroll size less its padding). */
  contentWidth: number;
  contentHeight: number;
  /** The room inside the scroller (its client size less its padding). */
  availableWidth: number;
  availableHeight: number;
}

/** Whether the grid fits its room, give or take a pixel of rounding. */
export function fits(measure: FitMeasure): boolean {
  return (
    measure.contentWidth <= measure.availableWidth + 1 && measure.contentHeight <= measure.availableHeight + 1
  );
}

/**
 * The next guess at the zoom that fits, from the grid as laid out at `zoom`: the zoom scaled by
 * how much too big (or small) the grid is, kept between `floor` and `ceiling`. The grid's columns
 * stretch to the scroller's width and its rows follow what wraps in them, so its size is not
 * proportional to the zoom: the page lays the grid out at the guess and asks again until it fits.
 */
export function nextFitZoom(zoom: number, measure: FitMeasure, floor: number, ceiling: number): number {
  const ratio = Math.min(
    measure.availableWidth / Math.max(1, measure.contentWidth),
    measure.availableHeight / Math.max(1, measure.contentHeight),
  );
  // Rounded down to a tenth of a percent, so that a guess that fits stays a fit.
  const next = Math.floor(zoom * ratio * 1000) / 1000;
  return Math.min(ceiling, Math.max(floor, next));
}
