/** Room left between a focused element and the sticky headers, in px. */
const CLEARANCE = 8;

/**
 * Keeps whatever holds the focus inside `scroller` clear of its sticky headers (the stage header
 * row at the top, the lane header column at the left: `corner` is the cell where they cross), at
 * any zoom. The scroll padding is kept equal to what the headers cover, so that scrolling an
 * element into view (and the page's keyboard scrolling) leaves it clear of them; and after the
 * browser has scrolled a newly focused element into view (which does not always count the
 * padding), the scroller is moved on if the element is still under a header. Call again after a
 * zoom. Returns a function that stops.
 */
export function keepFocusClearOfStickyHeaders(scroller: HTMLElement, corner: HTMLElement): () => void {
  const pad = () => {
    const { top, left } = covered(scroller, corner);
    scroller.style.scrollPaddingTop = `${top + CLEARANCE}px`;
    scroller.style.scrollPaddingLeft = `${left + CLEARANCE}px`;
  };
  let frame = 0;
  const onFocus = (event: FocusEvent) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || inStickyHeader(scroller, target)) return;
    cancelAnimationFrame(frame);
    // After the browser's own scrolling into view, which follows the focus event.
    frame = requestAnimationFrame(() => {
      if (document.activeElement === target) scrollClear(scroller, corner, target);
    });
  };
  pad();
  const observer = new ResizeObserver(pad);
  observer.observe(corner);
  observer.observe(scroller);
  scroller.addEventListener('focusin', onFocus);
  return () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
    scroller.removeEventListener('focusin', onFocus);
    scroller.style.scrollPaddingTop = '';
    scroller.style.scrollPaddingLeft = '';
  };
}

/** Whether `element` is in one of the sticky headers, which are never under a header. */
function inStickyHeader(scroller: HTMLElement, element: HTMLElement): boolean {
  for (let at: HTMLElement | null = element; at && at !== scroller; at = at.parentElement) {
    if (getComputedStyle(at).position === 'sticky') return true;
  }
  return false;
}

/** How far from the scroller's top and left edges the sticky headers reach, in px on screen. */
function covered(scroller: HTMLElement, corner: HTMLElement): { top: number; left: number } {
  const box = scroller.getBoundingClientRect();
  const headers = corner.getBoundingClientRect();
  return {
    top: Math.max(0, Math.ceil(headers.bottom - box.top - scroller.clientTop)),
    left: Math.max(0, Math.ceil(headers.right - box.left - scroller.clientLeft)),
  };
}

/**
 * Scrolls `scroller` so that `element` lies in the part of it no sticky header covers, as far as
 * it fits (its top left corner first).
 */
function scrollClear(scroller: HTMLElement, corner: HTMLElement, element: HTMLElement): void {
  const box = scroller.getBoundingClientRect();
  const { top, left } = covered(scroller, corner);
  const clear = {
    top: box.top + scroller.clientTop + top + CLEARANCE,
    left: box.left + scroller.clientLeft + left + CLEARANCE,
    bottom: box.top + scroller.clientTop + scroller.clientHeight - CLEARANCE,
    right: box.left + scroller.clientLeft + scroller.clientWidth - CLEARANCE,
  };
  const target = element.getBoundingClientRect();
  const dx =
    target.left < clear.left
      ? target.left - clear.left
      : Math.max(0, Math.min(target.right - clear.right, target.left - clear.left));
  const dy =
    target.top < clear.top
      ? target.top - clear.top
      : Math.max(0, Math.min(target.bottom - clear.bottom, target.top - clear.top));
  if (dx !== 0 || dy !== 0) scroller.scrollBy({ left: dx, top: dy, behavior: 'instant' });
}
