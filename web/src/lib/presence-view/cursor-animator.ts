import type { PresenceCursor } from '@journeyboard/board-model';
import { glide } from './cursor-motion.ts';

interface Moving {
  element: HTMLElement | null;
  at: PresenceCursor;
  to: PresenceCursor;
}

/**
 * Moves other people's cursors on screen: each glides to its latest board point (`glide`), in one
 * animation frame loop for all of them that runs only while one is on its way. It writes each
 * cursor's `transform` and nothing else, so a frame with 40 cursors moving costs no layout.
 */
export class CursorAnimator {
  // Bookkeeping of the frame loop, not rendered through Svelte.
  private readonly cursors = new Map<number, Moving>();
  private frame = 0;
  private lastFrame = 0;

  private readonly place: (point: PresenceCursor) => string;

  /** `place` turns a board point into the transform that puts a cursor there. */
  constructor(place: (point: PresenceCursor) => string) {
    this.place = place;
  }

  /** Sends the cursor of `clientId` on its way to `to` (put there at once the first time). */
  moveTo(clientId: number, to: PresenceCursor): void {
    const cursor = this.cursors.get(clientId);
    if (!cursor) {
      this.cursors.set(clientId, { element: null, at: to, to });
      return;
    }
    cursor.to = to;
    this.schedule();
  }

  forget(clientId: number): void {
    this.cursors.delete(clientId);
  }

  /** The element that shows `clientId`'s cursor; returns a function that lets go of it. */
  bind(clientId: number, element: HTMLElement): () => void {
    const cursor = this.cursors.get(clientId);
    if (cursor) {
      cursor.element = element;
      element.style.transform = this.place(cursor.at);
    }
    return () => {
      const now = this.cursors.get(clientId);
      if (now?.element === element) now.element = null;
    };
  }

  /** Puts every cursor again (the zoom changed, or where the grid is). */
  redraw(): void {
    for (const cursor of this.cursors.values())
      if (cursor.element) cursor.element.style.transform = this.place(cursor.at);
  }

  stop(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.lastFrame = performance.now();
    this.frame = requestAnimationFrame((time) => this.tick(time));
  }

  private tick(time: number): void {
    this.frame = 0;
    // A tab in the background gets no frames: what is far behind is put in place at once.
    const elapsed = Math.min(time - this.lastFrame, 250);
    let moving = false;
    for (const cursor of this.cursors.values()) {
      // Arrived: `glide` hands back the target itself.
      if (cursor.at === cursor.to) continue;
      cursor.at = glide(cursor.at, cursor.to, elapsed);
      if (cursor.at !== cursor.to) moving = true;
      if (cursor.element) cursor.element.style.transform = this.place(cursor.at);
    }
    if (moving) {
      this.lastFrame = time;
      this.frame = requestAnimationFrame((next) => this.tick(next));
    }
  }
}
