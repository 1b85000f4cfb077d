/**
 * The geometry of the connectors drawn between linked cards (see ConnectorLayer.svelte): boxes
 * in the coordinates of the board's scrolled content, curves between them.
 */

/** A box: left and top edges, width and height, in px. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of `element` in the coordinates of `scroller`'s content (its padding box at no scroll). */
export function boxInScroller(element: Element, scroller: HTMLElement): Box {
  const box = element.getBoundingClientRect();
  const frame = scroller.getBoundingClientRect();
  return {
    x: box.left - frame.left - scroller.clientLeft + scroller.scrollLeft,
    y: box.top - frame.top - scroller.clientTop + scroller.scrollTop,
    width: box.width,
    height: box.height,
  };
}

/** Farthest a curve's handles reach out from its ends, in px. */
const MAX_HANDLE = 120;
/** Nearest, so that neighbouring cards still get a visible bend. */
const MIN_HANDLE = 24;

/**
 * An SVG path (a cubic curve) from the edge of `from` that faces `to` to the edge of `to` that
 * faces `from`: side to side when the boxes stand apart left and right, else top to bottom.
 */
export function connectorPath(from: Box, to: Box): string {
  const apartSideways = from.x + from.width < to.x || to.x + to.width < from.x;
  let start: [number, number];
  let end: [number, number];
  let handle: [number, number];
  if (apartSideways) {
    const rightwards = to.x > from.x;
    start = [rightwards ? from.x + from.width : from.x, from.y + from.height / 2];
    end = [rightwards ? to.x : to.x + to.width, to.y + to.height / 2];
    const reach = clamp(Math.abs(end[0] - start[0]) / 2);
    handle = [rightwards ? reach : -reach, 0];
  } else {
    const downwards = to.y + to.height / 2 >= from.y + from.height / 2;
    start = [from.x + from.width / 2, downwards ? from.y + from.height : from.y];
    end = [to.x + to.width / 2, downwards ? to.y : to.y + to.height];
    const reach = clamp(Math.abs(end[1] - start[1]) / 2);
    handle = [0, downwards ? reach : -reach];
  }
  const c1 = [start[0] + handle[0], start[1] + handle[1]];
  const c2 = [end[0] - handle[0], end[1] - handle[1]];
  return `M ${round(start[0])} ${round(start[1])} C ${round(c1[0]!)} ${round(c1[1]!)}, ${round(c2[0]!)} ${round(c2[1]!)}, ${round(end[0])} ${round(end[1])}`;
}

function clamp(reach: number): number {
  return Math.max(MIN_HANDLE, Math.min(MAX_HANDLE, reach));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
