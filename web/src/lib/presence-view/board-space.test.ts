import { describe, expect, it } from 'vitest';
import { boardPointAt, contentPosition, sameViewport, scrollToShow, viewportOf } from './board-space.ts';

describe('board coordinates', () => {
  it('reads the same board point under the pointer at any zoom', () => {
    // The grid's corner at (100, 50) on screen; the pointer 300 px right and 150 px down of it.
    expect(boardPointAt(400, 200, 100, 50, 1)).toEqual({ x: 300, y: 150 });
    expect(boardPointAt(400, 200, 100, 50, 1.5)).toEqual({ x: 200, y: 100 });
    expect(boardPointAt(400, 200, 100, 50, 0.5)).toEqual({ x: 600, y: 300 });
    // Scrolled: the grid's corner is left of the screen.
    expect(boardPointAt(10, 10, -990, -490, 1)).toEqual({ x: 1000, y: 500 });
  });

  it('puts a board point where the pointer was, in the scroller’s content', () => {
    const offset = { x: 20, y: 0 };
    const point = boardPointAt(400, 200, 100, 50, 1.25);
    const at = contentPosition(point, offset, 1.25);
    expect(at.x).toBeCloseTo(20 + 300, 5);
    expect(at.y).toBeCloseTo(150, 5);
  });

  it('a follower of any size and zoom centres the point at the leader’s centre', () => {
    const offset = { x: 20, y: 0 };
    // The leader: 1200 × 600 visible, scrolled to (500, 300), at 125%.
    const leader = viewportOf({ left: 500, top: 300, width: 1200, height: 600 }, offset, 1.25);
    expect(leader).toEqual({ x: 864, y: 480, zoom: 1.25 });
    // A follower 800 × 500 at 100% scrolls so that the same board point is its centre.
    const scroll = scrollToShow(leader, { width: 800, height: 500 }, offset, 1);
    expect(scroll).toEqual({ left: 20 + 864 - 400, top: 480 - 250 });
    const followed = viewportOf({ ...scroll, width: 800, height: 500 }, offset, 1);
    expect(sameViewport({ ...followed, zoom: 1.25 }, leader)).toBe(true);
    // At the leader's own zoom and size, the follower lands where the leader is.
    expect(scrollToShow(leader, { width: 1200, height: 600 }, offset, 1.25)).toEqual({ left: 500, top: 300 });
  });

  it('tells a move from the same place', () => {
    expect(sameViewport({ x: 1, y: 1, zoom: 1 }, { x: 1.4, y: 1, zoom: 1 })).toBe(true);
    expect(sameViewport({ x: 1, y: 1, zoom: 1 }, { x: 3, y: 1, zoom: 1 })).toBe(false);
    expect(sameViewport({ x: 1, y: 1, zoom: 1 }, { x: 1, y: 1, zoom: 1.1 })).toBe(false);
    expect(sameViewport(null, null)).toBe(true);
    expect(sameViewport(null, { x: 1, y: 1, zoom: 1 })).toBe(false);
  });
});
