import { isValidId } from './ids.ts';
import type { SessionKey } from './kinds/session-kind.ts';

// The session's emotion poll, `session.poll`: "how does the customer feel at this stage?", asked
// by a facilitator, answered by everyone on the −3…+3 scale of the emotion curve. Answers are
// kept by the server (never in a document): the entry carries only their aggregates, live while
// the poll is open unless the facilitator chose a hidden poll, whose results appear at the reveal.

/** The key of the poll's entry in the session doc. */
export const POLL_KEY: SessionKey = 'poll';

/** The answers a poll offers, worst to best: the emotion curve's scale. */
export const POLL_SCORES = [-3, -2, -1, 0, 1, 2, 3] as const;
export type PollScore = (typeof POLL_SCORES)[number];

/** How many answered each score, by the score as text ('-3' … '3'). */
export type PollHistogram = Record<`${PollScore}`, number>;

export interface PollDepartmentResult {
  /** Null: people of no department (the owner, facilitators). */
  departmentId: string | null;
  count: number;
  average: number;
}

export interface PollResults {
  count: number;
  /** 0 when nobody has answered (then `count` is 0). */
  average: number;
  /** The answers' standard deviation (of the whole population of answers). */
  spread: number;
  min: number;
  max: number;
  histogram: PollHistogram;
  /** Sorted by department id, people of no department last. */
  byDepartment: PollDepartmentResult[];
}

export interface SessionPoll {
  id: string;
  stageId: string;
  personaId: string | null;
  /** Results hidden until the reveal. */
  hidden: boolean;
  /** Open: answers are taken. Revealed: the answers are final and the results shown. */
  status: 'open' | 'revealed';
  openedBy: string;
  /** When it was opened, in ms on the server's clock. */
  openedAt: number;
  /** Null while hidden and open: nobody, the facilitator included, sees answers before the reveal. */
  results: PollResults | null;
}

/** One person's answer, as the server keeps it. */
export interface PollAnswer {
  score: number;
  departmentId: string | null;
}

/** Whether `value` is an answer a poll takes: a whole number from −3 to +3. */
export function isPollScore(value: unknown): value is PollScore {
  return typeof value === 'number' && Number.isInteger(value) && value >= -3 && value <= 3;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isNumberIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

/** Rounds a statistic for the entry: two decimals are all a page shows. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/** The aggregates of `answers` (what the entry publishes; no single answer can be told from them but by count). */
export function pollResults(answers: readonly PollAnswer[]): PollResults {
  const histogram = Object.fromEntries(POLL_SCORES.map((score) => [String(score), 0])) as PollHistogram;
  const valid = answers.map((answer) => answer.score).filter(isPollScore);
  for (const score of valid) histogram[`${score}`] += 1;
  const scores: number[] = valid;
  const count = scores.length;
  const average = count === 0 ? 0 : scores.reduce((sum, s) => sum + s, 0) / count;
  const variance = count === 0 ? 0 : scores.reduce((sum, s) => sum + (s - average) ** 2, 0) / count;
  const departments = new Map<string | null, number[]>();
  for (const answer of answers) {
    if (!isPollScore(answer.score)) continue;
    const list = departments.get(answer.departmentId) ?? [];
    list.push(answer.score);
    departments.set(answer.departmentId, list);
  }
  const byDepartment = [...departments]
    .map(([departmentId, list]) => ({
      departmentId,
      count: list.length,
      average: round2(list.reduce((sum, s) => sum + s, 0) / list.length),
    }))
    .sort((a, b) =>
      a.departmentId === b.departmentId
        ? 0
        : a.departmentId === null
          ? 1
          : b.departmentId === null
            ? -1
            : a.departmentId < b.departmentId
              ? -1
              : 1,
    );
  return {
    count,
    average: round2(average),
    spread: round2(Math.sqrt(variance)),
    min: count === 0 ? 0 : Math.min(...scores),
    max: count === 0 ? 0 : Math.max(...scores),
    histogram,
    byDepartment,
  };
}

/** Whether a poll's results are published: always once revealed, while open unless hidden. */
export function pollShowsResults(poll: Pick<SessionPoll, 'hidden' | 'status'>): boolean {
  return poll.status === 'revealed' || !poll.hidden;
}

function readResults(value: unknown): PollResults | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (!isCount(r.count) || !isNumberIn(r.average, -3, 3) || !isNumberIn(r.spread, 0, 3)) return null;
  if (!isNumberIn(r.min, -3, 3) || !isNumberIn(r.max, -3, 3)) return null;
  if (typeof r.histogram !== 'object' || r.histogram === null) return null;
  const rawHistogram = r.histogram as Record<string, unknown>;
  const histogram = {} as PollHistogram;
  for (const score of POLL_SCORES) {
    const n = rawHistogram[String(score)];
    if (!isCount(n)) return null;
    histogram[`${score}`] = n;
  }
  if (!Array.isArray(r.byDepartment) || r.byDepartment.length > 200) return null;
  const byDepartment: PollDepartmentResult[] = [];
  for (const item of r.byDepartment as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const d = item as Record<string, unknown>;
    const departmentId = d.departmentId;
    // Department ids are the board's (the default ones are readable names): any short text.
    const readable = typeof departmentId === 'string' && departmentId.length > 0 && departmentId.length <= 64;
    if (departmentId !== null && !readable) return null;
    if (!isCount(d.count) || !isNumberIn(d.average, -3, 3)) return null;
    byDepartment.push({ departmentId: departmentId as string | null, count: d.count, average: d.average });
  }
  return {
    count: r.count,
    average: r.average,
    spread: r.spread,
    min: r.min,
    max: r.max,
    histogram,
    byDepartment,
  };
}

/** The poll a session entry holds; null for none, or for anything malformed. */
export function readPoll(value: unknown): SessionPoll | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const p = value as Record<string, unknown>;
  if (typeof p.id !== 'string' || !isValidId(p.id)) return null;
  if (typeof p.stageId !== 'string' || !isValidId(p.stageId)) return null;
  if (p.personaId !== null && (typeof p.personaId !== 'string' || !isValidId(p.personaId))) return null;
  if (typeof p.hidden !== 'boolean' || (p.status !== 'open' && p.status !== 'revealed')) return null;
  if (typeof p.openedBy !== 'string' || p.openedBy.length > 64 || !isCount(p.openedAt)) return null;
  const results = p.results === null ? null : readResults(p.results);
  if (p.results !== null && results === null) return null;
  const poll: SessionPoll = {
    id: p.id,
    stageId: p.stageId,
    personaId: p.personaId as string | null,
    hidden: p.hidden,
    status: p.status,
    openedBy: p.openedBy,
    openedAt: p.openedAt,
    results,
  };
  // A hidden poll's results before the reveal would be a leak: read as none.
  if (!pollShowsResults(poll)) poll.results = null;
  return poll;
}

/** The plain value the session doc stores for `poll`; a hidden open poll carries no results. */
export function pollEntry(poll: SessionPoll): Record<string, unknown> {
  return { ...poll, results: pollShowsResults(poll) ? poll.results : null };
}
