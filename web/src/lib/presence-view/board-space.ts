import type { PresenceCursor, PresenceViewport } from '@journeyboard/board-model';

// Board coordinates are px of the grid's content at 100% zoom, from its top left corner: the
// same card is at the same board point on every page, whatever its zoom or scroll. A page's
// scroller shows the grid at `zoom`, starting at `gridOffset` (the scroller's padding) in the
// scroller's content, so a board point p is at gridOffset + p × zoom in the scroller's content.

export interface Offset {
  x: number;
  y: number;
}

/** What a scroller shows: its scroll position and the size of its visible part, in px on screen. */
export interface ScrollView {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Board coordinates at a tenth of a px: finer is noise on the wire. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The board point under a pointer at (`clientX`, `clientY`), from where the grid's top left corner
 * is on screen and the factor between board px and screen px (the zoom, with any gesture).
 */
export function boardPointAt(
  clientX: number,
  clientY: number,
  gridLeft: number,
  gridTop: number,
  scale: number,
): PresenceCursor {
  return { x: round((clientX - gridLeft) / scale), y: round((clientY - gridTop) / scale) };
}

/** Where a board point is in the scroller's content, in px on screen. */
export function contentPosition(point: PresenceCursor, gridOffset: Offset, scale: number): Offset {
  return { x: gridOffset.x + point.x * scale, y: gridOffset.y + point.y * scale };
}

/** The viewport a page publishes: the board point at the centre of what it shows, and its zoom. */
export function viewportOf(view: ScrollView, gridOffset: Offset, zoom: number): PresenceViewport {
  return {
    x: round((view.left + view.width / 2 - gridOffset.x) / zoom),
    y: round((view.top + view.height / 2 - gridOffset.y) / zoom),
    zoom,
  };
}

/**
 * Where a follower scrolls (at its own `zoom`, the leader's as far as its range allows) so that the
 * leader's centre point is at the centre of its own view, whatever the size of its window. The
 * browser clamps what goes past the board's edges.
 */
export function scrollToShow(
  viewport: PresenceViewport,
  size: { width: number; height: number },
  gridOffset: Offset,
  zoom: number,
): { left: number; top: number } {
  return {
    left: Math.round(gridOffset.x + viewport.x * zoom - size.width / 2),
    top: Math.round(gridOffset.y + viewport.y * zoom - size.height / 2),
  };
}

/** Whether two viewports show the same place (a follower needs not move for the difference). */
export function sameViewport(a: PresenceViewport | null, b: PresenceViewport | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1 && Math.abs(a.zoom - b.zoom) < 0.001;
}
