import type {
  BoardStructure,
  Department,
  Lane,
  PollResults,
  PollScore,
  SessionPoll,
} from '@journeyboard/board-model';
import { m } from '#lib/paraglide/messages.js';

// What the page makes of the session's emotion poll: the words of each answer, the results per
// department with the board's names, and the point "Write into the emotion curve" adds.

/** The words for each answer of the scale, in the reader's language. */
export function scoreLabel(score: PollScore): string {
  const labels: Record<PollScore, () => string> = {
    [-3]: m.poll_score_m3,
    [-2]: m.poll_score_m2,
    [-1]: m.poll_score_m1,
    0: m.poll_score_0,
    1: m.poll_score_p1,
    2: m.poll_score_p2,
    3: m.poll_score_p3,
  };
  return labels[score]();
}

/** A statistic as the page shows it: signed, at most two decimals, with a true minus sign. */
export function formatStatistic(value: number, signed = true): string {
  const text = String(Math.abs(Math.round(value * 100) / 100));
  if (!signed || value === 0 || text === '0') return text;
  return value > 0 ? `+${text}` : `−${text}`;
}

export interface DepartmentRow {
  departmentId: string | null;
  name: string;
  count: number;
  average: number;
}

/** The results per department, named as the board names them (people of none last). */
export function departmentRows(results: PollResults, departments: readonly Department[]): DepartmentRow[] {
  return results.byDepartment.map((row) => ({
    ...row,
    name:
      row.departmentId === null
        ? m.poll_no_department()
        : (departments.find((department) => department.id === row.departmentId)?.name ??
          m.department_unknown()),
  }));
}

/** The lane the poll's result is written into: the board's first emotion lane, if it has one. */
export function emotionLaneOf(structure: BoardStructure): Lane | null {
  return structure.lanes.find((lane) => lane.kind === 'emotions') ?? null;
}

/** The average rounded to a whole point of the curve, halves away from zero (−1.5 is −2, like +1.5 is +2). */
export function curveScore(average: number): number {
  const rounded = Math.sign(average) * Math.round(Math.abs(average));
  return Math.max(-3, Math.min(3, rounded)) || 0;
}

export type CurvePoint =
  | { ok: true; laneId: string; stageId: string; score: number; persona: string | null }
  | { ok: false; reason: 'no-emotion-lane' | 'no-answers' | 'no-stage' };

/**
 * The emotion point the poll's result makes: in the board's emotion lane, at the poll's stage,
 * the rounded average, on the poll's persona's line (the board's own when the persona is gone).
 */
export function curvePointOf(poll: SessionPoll, structure: BoardStructure): CurvePoint {
  const lane = emotionLaneOf(structure);
  if (lane === null) return { ok: false, reason: 'no-emotion-lane' };
  if (!structure.stages.some((stage) => stage.id === poll.stageId)) return { ok: false, reason: 'no-stage' };
  if (poll.results === null || poll.results.count === 0) return { ok: false, reason: 'no-answers' };
  const persona =
    poll.personaId !== null && structure.personas.some((p) => p.id === poll.personaId)
      ? poll.personaId
      : null;
  return {
    ok: true,
    laneId: lane.id,
    stageId: poll.stageId,
    score: curveScore(poll.results.average),
    persona,
  };
}
