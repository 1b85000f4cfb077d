/**
 * The emotion curve of an emotions lane, as numbers: which point of which line sits in each
 * stage, where it is drawn, and the smooth path through a line's points. No DOM here: the
 * component measures the stage columns and hands their centres in.
 *
 * A point is a card of the lane with a `score` (a whole number from −3 to +3); its `persona` says
 * whose line it is on (null: the board's own line). Cards without a score are ordinary cards and
 * stay in the cells.
 */
import { compareOrdered } from '@journeyboard/board-model';

export const EMOTION_MIN = -3;
export const EMOTION_MAX = 3;
/** The scores from the top of the chart down. */
export const EMOTION_SCORES = [3, 2, 1, 0, -1, -2, -3] as const;

/** The key of the board's own line (points without a persona, or of a persona not on the board). */
export const BOARD_LINE = 'board';

/** What the curve reads of a card of the lane. */
export interface EmotionCard {
  id: string;
  stageId: string;
  text: string;
  order: string;
  score: number | null;
  persona: string | null;
}

/** What the curve reads of a persona of the board. */
export interface EmotionPersona {
  id: string;
  name: string;
  role: string;
  colour: string;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangleDown' | 'star';

/**
 * How a line is drawn: its colour and, so that colour is never the only difference, a dash
 * pattern (an SVG `stroke-dasharray`, '' for solid) and a marker shape of its own.
 */
export interface LineStyle {
  stroke: string;
  dash: string;
  marker: MarkerShape;
}

/** The board's own line: dark and solid, with round markers. */
export const BOARD_LINE_STYLE: LineStyle = { stroke: '#36454f', dash: '', marker: 'circle' };

/**
 * A persona's line by its colour (the model's `PERSONA_COLOURS`), each a different dash and
 * marker; every stroke is at least 3:1 against the cells (#ebeae4) and white.
 */
export const PERSONA_LINE_STYLES: Record<string, LineStyle> = {
  indigo: { stroke: '#3d4db7', dash: '10 5', marker: 'square' },
  crimson: { stroke: '#b0233f', dash: '2 4', marker: 'triangle' },
  amber: { stroke: '#8f5600', dash: '12 4 3 4', marker: 'diamond' },
  emerald: { stroke: '#0a6e50', dash: '6 3 2 3 2 3', marker: 'triangleDown' },
  sky: { stroke: '#0b628f', dash: '4 3', marker: 'star' },
};

/** One point of a line: the card that holds it, in the stage it stands for. */
export interface EmotionPoint {
  cardId: string;
  stageId: string;
  stageIndex: number;
  score: number;
  /** What causes the feeling ('' when not said). */
  label: string;
  /** How many more points of this line the stage holds (written at once by two people): not drawn. */
  hidden: number;
}

/** A line of the curve: a persona's, or the board's own (`persona` null). */
export interface EmotionLine {
  /** The persona's id, or `BOARD_LINE`. */
  key: string;
  persona: EmotionPersona | null;
  style: LineStyle;
  /** At most one per stage, in stage order. */
  points: EmotionPoint[];
}

/** Whether a card is a point of the curve (it has a score), not an ordinary card. */
export function isEmotionPoint(card: Pick<EmotionCard, 'score'>): boolean {
  return card.score !== null;
}

/**
 * The lines of the curve: one per persona of the board, in the board's order (drawn even while
 * it has no point, so that points can be added to it), then the board's own line when the board
 * has no personas or when it holds points. In each stage a line has the first of its points by
 * card order; cards of stages not on the board are left out.
 */
export function emotionLines(
  cards: readonly EmotionCard[],
  stageIds: readonly string[],
  personas: readonly EmotionPersona[],
): EmotionLine[] {
  const known = new Set(personas.map((persona) => persona.id));
  const stageIndex = new Map(stageIds.map((id, index) => [id, index]));
  const byLine = new Map<string, Map<string, EmotionPoint>>();
  for (const card of [...cards].sort(compareOrdered)) {
    const index = stageIndex.get(card.stageId);
    if (card.score === null || index === undefined) continue;
    const key = card.persona !== null && known.has(card.persona) ? card.persona : BOARD_LINE;
    let line = byLine.get(key);
    if (!line) byLine.set(key, (line = new Map()));
    const first = line.get(card.stageId);
    if (first) first.hidden += 1;
    else {
      line.set(card.stageId, {
        cardId: card.id,
        stageId: card.stageId,
        stageIndex: index,
        score: clampScore(card.score),
        label: card.text,
        hidden: 0,
      });
    }
  }
  const pointsOf = (key: string) =>
    [...(byLine.get(key)?.values() ?? [])].sort((a, b) => a.stageIndex - b.stageIndex);
  const lines: EmotionLine[] = personas.map((persona) => ({
    key: persona.id,
    persona,
    style: PERSONA_LINE_STYLES[persona.colour] ?? BOARD_LINE_STYLE,
    points: pointsOf(persona.id),
  }));
  if (personas.length === 0 || byLine.has(BOARD_LINE)) {
    lines.push({ key: BOARD_LINE, persona: null, style: BOARD_LINE_STYLE, points: pointsOf(BOARD_LINE) });
  }
  return lines;
}

/** The point of `line` in `stageId`, if it has one. */
export function pointIn(line: EmotionLine, stageId: string): EmotionPoint | undefined {
  return line.points.find((point) => point.stageId === stageId);
}

/**
 * The ordinary cards among a cell's `cards`, which the cell shows: in an emotions lane the points
 * are drawn on the curve instead. The same array for the same cell as long as it does not change
 * (what renders the cell skips it then).
 */
export function cardsShownInCell<T extends Pick<EmotionCard, 'score'>>(
  kind: string,
  cards: readonly T[],
): readonly T[] {
  if (kind !== 'emotions' || !cards.some(isEmotionPoint)) return cards;
  let shown = shownCache.get(cards) as readonly T[] | undefined;
  if (!shown) shownCache.set(cards, (shown = cards.filter((card) => !isEmotionPoint(card))));
  return shown;
}
const shownCache = new WeakMap<readonly object[], readonly object[]>();

/** A whole score from −3 to +3. */
export function clampScore(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, Math.round(score)));
}

/** The vertical band scores are drawn in: +3 at `top`, −3 at `top + height`. */
export interface ScoreBand {
  top: number;
  height: number;
}

/** Where a score is drawn. */
export function yOfScore(score: number, band: ScoreBand): number {
  return band.top + ((EMOTION_MAX - score) / (EMOTION_MAX - EMOTION_MIN)) * band.height;
}

/** The whole score nearest to a height (dragging a point, clicking to add one), within −3..+3. */
export function scoreAtY(y: number, band: ScoreBand): number {
  return clampScore(EMOTION_MAX - ((y - band.top) / band.height) * (EMOTION_MAX - EMOTION_MIN));
}

/**
 * The score a key gives a point that has `score`: ArrowUp and ArrowDown one step (PageUp and
 * PageDown too), Home the lowest and End the highest, as a slider does; null for another key or
 * at the end of the scale.
 */
export function scoreForKey(score: number, key: string): number | null {
  const steps: Record<string, number> = { ArrowUp: 1, PageUp: 1, ArrowDown: -1, PageDown: -1 };
  let next: number;
  if (key === 'Home') next = EMOTION_MIN;
  else if (key === 'End') next = EMOTION_MAX;
  else if (steps[key] !== undefined) next = clampScore(score + steps[key]);
  else return null;
  return next === score ? null : next;
}

/** The point before (`step` −1) or after (+1) `cardId` on its line, along the stages. */
export function neighbourPoint(line: EmotionLine, cardId: string, step: -1 | 1): EmotionPoint | null {
  const index = line.points.findIndex((point) => point.cardId === cardId);
  if (index < 0) return null;
  return line.points[index + step] ?? null;
}

/** A score as people read it: "+2", "0", "−3" (with a real minus sign). */
export function formatScore(score: number): string {
  if (score > 0) return `+${score}`;
  if (score < 0) return `−${-score}`;
  return '0';
}

/** A face for a score, shown beside the numbers on the axis. */
export function scoreFace(score: number): string {
  if (score >= 2) return '😀';
  if (score === 1) return '🙂';
  if (score === 0) return '😐';
  if (score === -1) return '🙁';
  return '😞';
}

/** A point where it is drawn. */
export interface PlacedPoint {
  x: number;
  y: number;
}

/**
 * An SVG path ('d') through `points` (in the order given, by growing x): a monotone cubic curve
 * (Steffen's method, as d3's `curveMonotoneX`), so that between two points it never rises above
 * the higher nor dips below the lower. Peaks and valleys are the points themselves and the curve
 * stays inside the −3..+3 band. '' for no point, a bare move for one.
 */
export function smoothPath(points: readonly PlacedPoint[]): string {
  const first = points[0];
  if (!first) return '';
  const n = points.length;
  let d = `M${num(first.x)},${num(first.y)}`;
  if (n === 1) return d;
  if (n === 2) return `${d}L${num(points[1]!.x)},${num(points[1]!.y)}`;
  const tangents = new Array<number>(n);
  for (let i = 1; i < n - 1; i++) tangents[i] = interiorTangent(points[i - 1]!, points[i]!, points[i + 1]!);
  tangents[0] = endTangent(points[0]!, points[1]!, tangents[1]!);
  tangents[n - 1] = endTangent(points[n - 2]!, points[n - 1]!, tangents[n - 2]!);
  for (let i = 0; i < n - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const third = (b.x - a.x) / 3;
    d +=
      `C${num(a.x + third)},${num(a.y + third * tangents[i]!)}` +
      ` ${num(b.x - third)},${num(b.y - third * tangents[i + 1]!)}` +
      ` ${num(b.x)},${num(b.y)}`;
  }
  return d;
}

/** Steffen's tangent at `b`: zero at a peak or valley, never steep enough to overshoot. */
function interiorTangent(a: PlacedPoint, b: PlacedPoint, c: PlacedPoint): number {
  const h0 = b.x - a.x;
  const h1 = c.x - b.x;
  if (h0 <= 0 || h1 <= 0) return 0;
  const s0 = (b.y - a.y) / h0;
  const s1 = (c.y - b.y) / h1;
  const p = (s0 * h1 + s1 * h0) / (h0 + h1);
  return (Math.sign(s0) + Math.sign(s1)) * Math.min(Math.abs(s0), Math.abs(s1), 0.5 * Math.abs(p));
}

/** The tangent at an end, from the segment's slope and the tangent at its other end. */
function endTangent(a: PlacedPoint, b: PlacedPoint, other: number): number {
  const h = b.x - a.x;
  return h > 0 ? (3 * ((b.y - a.y) / h) - other) / 2 : other;
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}
