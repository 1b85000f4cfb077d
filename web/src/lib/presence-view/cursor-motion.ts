import type { PresenceCursor } from '@journeyboard/board-model';

/**
 * Cursors move smoothly between the updates that arrive (~15 a second): each frame a cursor goes
 * a share of the way left to its latest place, the share set by a half-life, so it glides rather
 * than jumps, and catches up within about a tenth of a second whatever the frame rate.
 */
export const CURSOR_HALF_LIFE_MS = 25;
/** Closer than this (board px), a cursor is where it goes: no more frames are needed for it. */
const SETTLED = 0.3;
/** A jump farther than this (board px) is not glided: the cursor is put there at once. */
const JUMP = 2000;

/** Where a cursor at `from` is `elapsedMs` later on its way to `to`. */
export function glide(
  from: PresenceCursor,
  to: PresenceCursor,
  elapsedMs: number,
  halfLifeMs = CURSOR_HALF_LIFE_MS,
): PresenceCursor {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (Math.hypot(dx, dy) > JUMP) return to;
  const left = Math.pow(0.5, Math.max(0, elapsedMs) / halfLifeMs);
  const next = { x: to.x - dx * left, y: to.y - dy * left };
  return settled(next, to) ? to : next;
}

/** Whether a cursor at `at` has arrived at `to`. */
export function settled(at: PresenceCursor, to: PresenceCursor): boolean {
  return Math.abs(at.x - to.x) < SETTLED && Math.abs(at.y - to.y) < SETTLED;
}
