import { describe, expect, it } from 'vitest';
import { connectorPath } from './connector-paths.ts';

/** The start and end points of a path `connectorPath` made. */
function ends(path: string): [number, number, number, number] {
  const numbers = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
  return [numbers[0]!, numbers[1]!, numbers[6]!, numbers[7]!];
}

describe('connector paths', () => {
  it('run side to side between cards of different stages, from the edges that face each other', () => {
    const left = { x: 0, y: 100, width: 200, height: 80 };
    const right = { x: 400, y: 0, width: 200, height: 60 };
    expect(ends(connectorPath(left, right))).toEqual([200, 140, 400, 30]);
    expect(ends(connectorPath(right, left))).toEqual([400, 30, 200, 140]);
  });

  it('run top to bottom between cards of one stage, downwards or upwards', () => {
    const above = { x: 10, y: 0, width: 200, height: 80 };
    const below = { x: 0, y: 300, width: 220, height: 60 };
    expect(ends(connectorPath(above, below))).toEqual([110, 80, 110, 300]);
    expect(ends(connectorPath(below, above))).toEqual([110, 300, 110, 80]);
  });

  it('bend even between neighbours, and not beyond a reach of their own however far apart', () => {
    const a = { x: 0, y: 0, width: 100, height: 40 };
    const near = { x: 104, y: 0, width: 100, height: 40 };
    expect(connectorPath(a, near)).toBe('M 100 20 C 124 20, 80 20, 104 20');
    const far = { x: 2000, y: 0, width: 100, height: 40 };
    expect(connectorPath(a, far)).toBe('M 100 20 C 220 20, 1880 20, 2000 20');
  });
});
