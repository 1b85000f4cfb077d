import { describe, expect, it } from 'vitest';
import {
  BOARD_LINE,
  BOARD_LINE_STYLE,
  cardsShownInCell,
  type EmotionCard,
  emotionLines,
  type EmotionPersona,
  formatScore,
  neighbourPoint,
  PERSONA_LINE_STYLES,
  type PlacedPoint,
  scoreAtY,
  scoreForKey,
  smoothPath,
  yOfScore,
} from './emotion-curve.ts';

const STAGES = ['awareness', 'consideration', 'decision', 'retention', 'advocacy'];
const LAN: EmotionPersona = { id: 'lan', name: 'Lan', role: 'admin', colour: 'indigo' };
const MINH: EmotionPersona = { id: 'minh', name: 'Minh', role: 'everyday user', colour: 'crimson' };

let counter = 0;
function card(fields: Partial<EmotionCard> & Pick<EmotionCard, 'stageId'>): EmotionCard {
  counter += 1;
  return { id: `card${counter}`, text: '', order: `a${counter}`, score: null, persona: null, ...fields };
}

describe('the lines of an emotion curve', () => {
  it('is the board’s own line when the board has no personas, even before it has points', () => {
    const lines = emotionLines([], STAGES, []);
    expect(lines).toEqual([{ key: BOARD_LINE, persona: null, style: BOARD_LINE_STYLE, points: [] }]);
  });

  it('has one point per stage, in stage order, with its label', () => {
    const cards = [
      card({ stageId: 'decision', score: 2, text: 'clear pricing' }),
      card({ stageId: 'awareness', score: -2, text: 'hard to find pricing' }),
    ];
    const [line] = emotionLines(cards, STAGES, []);
    expect(line!.points.map((p) => [p.stageId, p.stageIndex, p.score, p.label])).toEqual([
      ['awareness', 0, -2, 'hard to find pricing'],
      ['decision', 2, 2, 'clear pricing'],
    ]);
  });

  it('counts the first point of a line in a stage by card order, and how many more it holds', () => {
    const later = card({ stageId: 'awareness', score: 3, order: 'a9' });
    const first = card({ stageId: 'awareness', score: -1, order: 'a1' });
    const [line] = emotionLines([later, first], STAGES, []);
    expect(line!.points).toHaveLength(1);
    expect(line!.points[0]).toMatchObject({ cardId: first.id, score: -1, hidden: 1 });
  });

  it('leaves ordinary cards and cards of stages not on the board off the curve', () => {
    const cards = [
      card({ stageId: 'awareness', text: 'actively looking for a fix' }),
      card({ stageId: 'gone', score: 1 }),
      card({ stageId: 'retention', score: 0 }),
    ];
    const [line] = emotionLines(cards, STAGES, []);
    expect(line!.points.map((p) => p.stageId)).toEqual(['retention']);
  });

  it('draws one line per persona in the board’s order, each its own colour, dash and marker', () => {
    const cards = [
      card({ stageId: 'awareness', score: -2, persona: 'lan' }),
      card({ stageId: 'awareness', score: 1, persona: 'minh' }),
      card({ stageId: 'consideration', score: 3, persona: 'minh' }),
    ];
    const lines = emotionLines(cards, STAGES, [LAN, MINH]);
    expect(lines.map((l) => [l.key, l.points.map((p) => p.score)])).toEqual([
      ['lan', [-2]],
      ['minh', [1, 3]],
    ]);
    expect(lines[0]!.style).toEqual(PERSONA_LINE_STYLES.indigo);
    const styles = Object.values(PERSONA_LINE_STYLES).concat(BOARD_LINE_STYLE);
    expect(new Set(styles.map((s) => s.dash)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.marker)).size).toBe(styles.length);
  });

  it('shows a persona’s line before it has points, and the board’s line beside them only with points', () => {
    expect(emotionLines([], STAGES, [LAN]).map((l) => l.key)).toEqual(['lan']);
    const boardPoint = card({ stageId: 'advocacy', score: 2 });
    expect(emotionLines([boardPoint], STAGES, [LAN]).map((l) => l.key)).toEqual(['lan', BOARD_LINE]);
  });

  it('puts the points of a persona no longer on the board on the board’s line', () => {
    const orphan = card({ stageId: 'decision', score: -3, persona: 'removed' });
    const lines = emotionLines([orphan], STAGES, [LAN]);
    expect(lines[1]).toMatchObject({ key: BOARD_LINE, points: [{ cardId: orphan.id }] });
  });

  it('finds the neighbouring point along a line', () => {
    const a = card({ stageId: 'awareness', score: 0 });
    const c = card({ stageId: 'decision', score: 1 });
    const [line] = emotionLines([c, a], STAGES, []);
    expect(neighbourPoint(line!, a.id, 1)?.cardId).toBe(c.id);
    expect(neighbourPoint(line!, a.id, -1)).toBeNull();
    expect(neighbourPoint(line!, c.id, -1)?.cardId).toBe(a.id);
  });
});

describe('the cards a cell of an emotions lane shows', () => {
  const ordinary = card({ stageId: 'awareness', text: 'worried' });
  const point = card({ stageId: 'awareness', score: 1 });

  it('are its ordinary cards, the same array while the cell does not change', () => {
    const cell = [ordinary, point];
    expect(cardsShownInCell('emotions', cell)).toEqual([ordinary]);
    expect(cardsShownInCell('emotions', cell)).toBe(cardsShownInCell('emotions', cell));
    const plain = [ordinary];
    expect(cardsShownInCell('emotions', plain)).toBe(plain);
  });

  it('are every card in a lane of another kind', () => {
    const cell = [ordinary, point];
    expect(cardsShownInCell('touchpoints', cell)).toBe(cell);
  });
});

describe('scores and heights', () => {
  const band = { top: 10, height: 120 };

  it('draws +3 at the top of the band and −3 at its bottom', () => {
    expect(yOfScore(3, band)).toBe(10);
    expect(yOfScore(0, band)).toBe(70);
    expect(yOfScore(-3, band)).toBe(130);
  });

  it('snaps a height to the nearest whole score, within −3..+3', () => {
    for (const score of [-3, -2, -1, 0, 1, 2, 3]) expect(scoreAtY(yOfScore(score, band), band)).toBe(score);
    expect(scoreAtY(yOfScore(1, band) + 9, band)).toBe(1);
    expect(scoreAtY(yOfScore(1, band) + 11, band)).toBe(0);
    expect(scoreAtY(-500, band)).toBe(3);
    expect(scoreAtY(900, band)).toBe(-3);
  });

  it('steps with the arrow keys and jumps with Home and End, never past the scale', () => {
    expect(scoreForKey(0, 'ArrowUp')).toBe(1);
    expect(scoreForKey(0, 'ArrowDown')).toBe(-1);
    expect(scoreForKey(3, 'ArrowUp')).toBeNull();
    expect(scoreForKey(-3, 'ArrowDown')).toBeNull();
    expect(scoreForKey(1, 'Home')).toBe(-3);
    expect(scoreForKey(1, 'End')).toBe(3);
    expect(scoreForKey(1, 'ArrowLeft')).toBeNull();
  });

  it('writes a score with its sign', () => {
    expect([3, 0, -2].map(formatScore)).toEqual(['+3', '0', '−2']);
  });
});

/** The points of a path's cubic segments, sampled: the curve as drawn. */
function sample(d: string): { segments: PlacedPoint[][] } {
  const numbers = (text: string) => text.split(/[ ,]/).map(Number);
  const [, move, rest] = /^M([^C]+)(.*)$/.exec(d)!;
  let [x, y] = numbers(move!) as [number, number];
  const segments: PlacedPoint[][] = [];
  for (const part of rest!.split('C').slice(1)) {
    const [x1, y1, x2, y2, x3, y3] = numbers(part.trim()) as [number, number, number, number, number, number];
    const samples: PlacedPoint[] = [];
    for (let t = 0; t <= 1.0001; t += 0.02) {
      const u = 1 - t;
      samples.push({
        x: u * u * u * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
        y: u * u * u * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
      });
    }
    segments.push(samples);
    [x, y] = [x3, y3];
  }
  return { segments };
}

describe('the smooth path of a line', () => {
  const band = { top: 0, height: 120 };
  const placed = (scores: number[]) =>
    scores.map((score, i) => ({ x: 50 + i * 100, y: yOfScore(score, band) }));

  it('is nothing without points, a bare move for one, a straight line for two', () => {
    expect(smoothPath([])).toBe('');
    expect(smoothPath([{ x: 5, y: 7 }])).toBe('M5,7');
    expect(
      smoothPath([
        { x: 5, y: 7 },
        { x: 105, y: 27 },
      ]),
    ).toBe('M5,7L105,27');
  });

  it('passes through every point', () => {
    const points = placed([-2, 3, -3, 0, 1]);
    const d = smoothPath(points);
    for (const point of points) expect(d).toContain(`${point.x},${point.y}`);
  });

  it('never overshoots a peak or a valley, nor leaves the −3..+3 band', () => {
    for (const scores of [
      [-3, 3, -3, 3, -3],
      [3, 3, -3, -3, 3],
      [0, 3, 2, -3, -2],
      [-1, 0, 1, 2, 3],
    ]) {
      const points = placed(scores);
      const { segments } = sample(smoothPath(points));
      segments.forEach((samples, i) => {
        const low = Math.min(points[i]!.y, points[i + 1]!.y);
        const high = Math.max(points[i]!.y, points[i + 1]!.y);
        for (const s of samples) {
          expect(s.y).toBeGreaterThanOrEqual(low - 0.01);
          expect(s.y).toBeLessThanOrEqual(high + 0.01);
        }
      });
    }
  });

  it('is flat at a peak: the curve turns at the point itself', () => {
    const points = placed([-2, 3, -2]);
    const d = smoothPath(points);
    // The control points either side of the peak are at its height.
    expect(d).toContain(`${num(150 - 100 / 3)},0 150,0C${num(150 + 100 / 3)},0`);
  });

  it('keeps its points in the order of the stages, even with a stage skipped', () => {
    const points = [
      { x: 50, y: 20 },
      { x: 250, y: 100 },
      { x: 350, y: 60 },
    ];
    const d = smoothPath(points);
    expect(d.startsWith('M50,20C')).toBe(true);
    expect(d.endsWith(' 350,60')).toBe(true);
  });
});

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}
