import { describe, expect, it } from 'vitest';
import { CURSOR_HALF_LIFE_MS, glide, settled } from './cursor-motion.ts';

describe('glide', () => {
  it('goes half the way in a half-life, and stays on the line between', () => {
    const at = glide({ x: 0, y: 0 }, { x: 100, y: 40 }, CURSOR_HALF_LIFE_MS);
    expect(at.x).toBeCloseTo(50, 5);
    expect(at.y).toBeCloseTo(20, 5);
  });

  it('arrives the same whatever the frame rate', () => {
    const to = { x: 200, y: 100 };
    let at60 = { x: 0, y: 0 };
    for (let i = 0; i < 6; i++) at60 = glide(at60, to, 100 / 6);
    let at30 = { x: 0, y: 0 };
    for (let i = 0; i < 3; i++) at30 = glide(at30, to, 100 / 3);
    expect(at60.x).toBeCloseTo(at30.x, 5);
    expect(at60.y).toBeCloseTo(at30.y, 5);
  });

  it('is there within a tenth of a second or so, and then settled', () => {
    let at = { x: 0, y: 0 };
    const to = { x: 300, y: -120 };
    for (let t = 0; t < 250; t += 16) at = glide(at, to, 16);
    expect(at).toEqual(to);
    expect(settled(at, to)).toBe(true);
  });

  it('puts a cursor that jumps across the board there at once', () => {
    expect(glide({ x: 0, y: 0 }, { x: 5000, y: 0 }, 16)).toEqual({ x: 5000, y: 0 });
  });

  it('does not move back for a clock that went backwards', () => {
    expect(glide({ x: 0, y: 0 }, { x: 10, y: 0 }, -50)).toEqual({ x: 0, y: 0 });
  });
});
