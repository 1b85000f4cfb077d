/// <reference lib="dom" />
// What the big-board benchmark runs inside the page. Each function is sent to the browser as its
// source text, so it must stand alone: no imports, no helpers from outside its own body.

/** What `watchFirstRender` records, in ms since navigation start (`performance.now()`). */
export interface FirstRenderMarks {
  /** The first frame with any card in the DOM. */
  firstCardAt: number | null;
  /** The sync badge first said "saved": every document of the board synced. */
  savedAt: number | null;
  /** The first frame whose visible cells all show their cards (see `watchFirstRender`). */
  completeFrameAt: number | null;
  /** After that frame was painted: the figure reported as first render. */
  paintedAt: number | null;
  /** Cards in the DOM at that frame. */
  cardsInDom: number | null;
}

declare global {
  interface Window {
    __bigBoard?: FirstRenderMarks;
  }
}

/**
 * Init script: watches every animation frame from navigation start for the first one in which
 * the board is complete on screen, then records when that frame has been painted.
 *
 * Complete means: at least one cell is visible, and every cell that intersects the board's
 * scrolling viewport shows its cards from the first one, in the board's order, without a gap,
 * down to the bottom edge of the viewport (or all of its cards, when they end sooner). The
 * expected cards come from the documents (`layout`: `laneId:stageId` → card ids in order), so a
 * page that renders cells lazily gets no credit for a visible cell it has not filled.
 *
 * The check runs in a message posted from each frame's animation callback, which runs once that
 * frame's rendering steps (style, layout, paint) are done: it reads a clean layout, so watching
 * adds no layout work of its own, and the time it records is when that frame had been painted.
 */
export function watchFirstRender(layout: Record<string, string[]>): void {
  const marks: FirstRenderMarks = {
    firstCardAt: null,
    savedAt: null,
    completeFrameAt: null,
    paintedAt: null,
    cardsInDom: null,
  };
  window.__bigBoard = marks;
  const visibleCellsComplete = (): boolean => {
    const scroller = document.querySelector('[data-board-scroller]') ?? document.querySelector('.scroller');
    if (!scroller) return false;
    const box = scroller.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    const left = Math.max(box.left, 0);
    const right = Math.min(box.right, window.innerWidth);
    let visible = 0;
    for (const cell of document.querySelectorAll<HTMLElement>(
      '[role="group"][data-lane-id][data-stage-id]',
    )) {
      const r = cell.getBoundingClientRect();
      if (r.bottom <= top || r.top >= bottom || r.right <= left || r.left >= right) continue;
      visible++;
      const expected = layout[`${cell.dataset.laneId}:${cell.dataset.stageId}`];
      if (!expected) return false;
      const shown = [...cell.querySelectorAll<HTMLElement>('article[data-card-id]')];
      let prefix = 0;
      while (
        prefix < shown.length &&
        prefix < expected.length &&
        shown[prefix]!.dataset.cardId === expected[prefix]
      )
        prefix++;
      if (prefix === expected.length) continue;
      if (prefix === 0 || shown[prefix - 1]!.getBoundingClientRect().bottom < bottom) return false;
    }
    return visible > 0;
  };
  // Checked after each frame was painted, when layout is clean (reading it forces no extra work).
  const afterPaint = (frameAt: number) => {
    const now = performance.now();
    if (marks.savedAt === null && document.querySelector('[data-sync-status="saved"]')) marks.savedAt = now;
    if (marks.firstCardAt === null && document.querySelector('article[data-card-id]'))
      marks.firstCardAt = now;
    if (marks.completeFrameAt === null && marks.firstCardAt !== null && visibleCellsComplete()) {
      marks.completeFrameAt = frameAt;
      marks.paintedAt = now;
      marks.cardsInDom = document.querySelectorAll('article[data-card-id]').length;
    }
    if (marks.completeFrameAt === null || marks.savedAt === null) requestAnimationFrame(onFrame);
  };
  const onFrame = () => {
    const frameAt = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => afterPaint(frameAt);
    channel.port2.postMessage(null);
  };
  requestAnimationFrame(onFrame);
}

/** What one scripted interaction measured. */
export interface FrameRun {
  /** Time between consecutive animation frames, in ms. */
  deltas: number[];
  /** Cards in the DOM when it ended. */
  cardsInDom: number;
  /** Elements in the document when it ended. */
  elements: number;
  /** How far the board scrolled (px), or the zoom range reached, as the page reported it. */
  covered: string;
  /** Whether the page reported a zoom other than 100% (zoom runs). */
  zoomed: boolean;
}

/**
 * Runs one scripted interaction for `durationMs` and records the time between animation frames:
 *
 * - `idle`: nothing (the noise floor of the machine and browser);
 * - `pan`: scrolls the board's grid from each frame's callback along a path, down and back up at
 *   `speed` px/s (and across and back, when the grid is wider than its viewport);
 * - `zoom`: five zoom gestures (out, in, in, out, in), each sending the board a ctrl+wheel event
 *   from every frame's callback (as a trackpad pinch does) for 70% of its fifth of the time, then
 *   resting, so whatever the page does once a gesture ends is measured too.
 */
export function runFrames(options: {
  kind: 'idle' | 'pan' | 'zoom';
  durationMs: number;
  speed: number;
  wheelDelta: number;
}): Promise<FrameRun> {
  const { kind, durationMs, speed, wheelDelta } = options;
  const grid = (document.querySelector<HTMLElement>('[data-board-scroller]') ??
    document.querySelector<HTMLElement>('.scroller'))!;
  // The board's own scroller, unless the whole page is what scrolls.
  const scroller =
    grid.scrollHeight > grid.clientHeight || grid.scrollWidth > grid.clientWidth
      ? grid
      : (document.scrollingElement as HTMLElement);
  const zoomOf = () => grid.closest<HTMLElement>('[data-zoom]')?.dataset.zoom ?? grid.dataset.zoom;
  const deltas: number[] = [];
  const zooms = new Set<string>();
  let maxY = 0;
  let maxX = 0;
  const tri = (phase: number) => 1 - Math.abs((((phase % 1) + 1) % 1) * 2 - 1);
  return new Promise((resolve) => {
    let start: number | null = null;
    let last: number | null = null;
    const frame = (now: number) => {
      if (start === null) start = now;
      if (last !== null) deltas.push(now - last);
      last = now;
      const t = now - start;
      if (t >= durationMs) {
        resolve({
          deltas,
          zoomed: [...zooms].some((zoom) => Number(zoom) !== 1),
          cardsInDom: document.querySelectorAll('article[data-card-id]').length,
          elements: document.getElementsByTagName('*').length,
          covered:
            kind === 'pan'
              ? `${Math.round(maxY)} px down, ${Math.round(maxX)} px across`
              : kind === 'zoom'
                ? zooms.size > 0
                  ? `zoom ${[...zooms].map(Number).sort((a, b) => a - b)[0]}–${
                      [...zooms].map(Number).sort((a, b) => b - a)[0]
                    }`
                  : 'no zoom on the page'
                : '',
        });
        return;
      }
      if (kind === 'pan') {
        const amplitudeY = Math.min(
          scroller.scrollHeight - scroller.clientHeight,
          (speed * durationMs) / 2000,
        );
        const amplitudeX = Math.min(scroller.scrollWidth - scroller.clientWidth, (speed * durationMs) / 4000);
        const y = amplitudeY * tri(t / durationMs);
        const x = amplitudeX * tri((2 * t) / durationMs);
        scroller.scrollTo(x, y);
        maxY = Math.max(maxY, y);
        maxX = Math.max(maxX, x);
      } else if (kind === 'zoom') {
        // Five gestures: out, in, in, out, in; each wheels for 70% of its fifth, then rests.
        const gesture = Math.min(4, Math.floor((t / durationMs) * 5));
        const within = (t / durationMs) * 5 - gesture;
        const deltaY = [wheelDelta, -wheelDelta, -wheelDelta, wheelDelta, -wheelDelta][gesture]!;
        if (within < 0.7)
          grid.dispatchEvent(
            new WheelEvent('wheel', {
              deltaY,
              ctrlKey: true,
              bubbles: true,
              cancelable: true,
              clientX: window.innerWidth / 2,
              clientY: window.innerHeight / 2,
            }),
          );
        const zoom = zoomOf();
        if (zoom) zooms.add(zoom);
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
