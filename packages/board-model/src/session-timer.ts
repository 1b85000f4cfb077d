import type { SessionKey } from './kinds/session-kind.ts';

// The session's timer, `session.timer`: what the facilitator started, as the server wrote it. Its
// end is a time on the server's clock (`endsAt`), so that every page counts down to the same
// moment whatever its own clock says (pages turn it into their time with `LiveBoard.serverOffsetMs`)
// and a page that loads late, or sleeps, still shows the right time left. Paused, it holds the time
// that was left instead. Stopped, the entry is gone.

/** The key of the timer's entry in the session doc. */
export const TIMER_KEY: SessionKey = 'timer';

export const TIMER_LIMITS = {
  /** The shortest timer, and the least a timer may be set to, in ms (10 s). */
  minMs: 10_000,
  /** The longest timer, and the most time it may have left after a minute is added, in ms (4 h). */
  maxMs: 4 * 60 * 60 * 1000,
  /** A label's length, in characters. */
  labelLength: 80,
} as const;

interface TimerBase {
  /** What it was set to, plus every minute added: the whole of it, for a progress bar. */
  durationMs: number;
  /** The user id of whoever started it. */
  startedBy: string;
  label?: string;
}

export interface RunningTimer extends TimerBase {
  status: 'running';
  /** When it ends, in ms on the server's clock. */
  endsAt: number;
}

export interface PausedTimer extends TimerBase {
  status: 'paused';
  /** What was left when it was paused, in ms. */
  remainingMs: number;
}

export type SessionTimer = RunningTimer | PausedTimer;

/** Why a timer command was refused: the API's code for it. */
export type TimerRefusalCode =
  'TIMER_DURATION_INVALID' | 'TIMER_NOT_RUNNING' | 'TIMER_NOT_PAUSED' | 'TIMER_NOT_SET';

/** A timer command's outcome: the entry to write (null: remove it), or why it cannot be done. */
export type TimerOutcome =
  | { ok: true; timer: SessionTimer | null }
  | { ok: false; code: TimerRefusalCode; message: string; limit?: number };

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Whether `ms` is a duration a timer may be set to (a whole number of ms, 10 s … 4 h). */
export function isTimerDuration(ms: unknown): ms is number {
  return isCount(ms) && ms >= TIMER_LIMITS.minMs && ms <= TIMER_LIMITS.maxMs;
}

/** The timer a session entry holds; null for none, or for anything malformed. */
export function readTimer(value: unknown): SessionTimer | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  const { durationMs, startedBy, label } = entry;
  if (!isCount(durationMs) || durationMs > 2 * TIMER_LIMITS.maxMs) return null;
  if (typeof startedBy !== 'string' || startedBy.length > 64) return null;
  if (label !== undefined && (typeof label !== 'string' || label.length > TIMER_LIMITS.labelLength))
    return null;
  const base: TimerBase = label === undefined ? { durationMs, startedBy } : { durationMs, startedBy, label };
  if (entry.status === 'running' && isCount(entry.endsAt)) {
    return { status: 'running', endsAt: entry.endsAt, ...base };
  }
  if (entry.status === 'paused' && isCount(entry.remainingMs) && entry.remainingMs <= TIMER_LIMITS.maxMs) {
    return { status: 'paused', remainingMs: entry.remainingMs, ...base };
  }
  return null;
}

/** The plain value the session doc stores for `timer` (what `readTimer` reads back). */
export function timerEntry(timer: SessionTimer): Record<string, unknown> {
  const { label, ...rest } = timer;
  return label === undefined ? { ...rest } : { ...rest, label };
}

/** The time left, in ms, at `serverNow` (the server's clock): never below 0. */
export function remainingMs(timer: SessionTimer, serverNow: number): number {
  if (timer.status === 'paused') return timer.remainingMs;
  return Math.max(0, timer.endsAt - serverNow);
}

const refuse = (code: TimerRefusalCode, message: string, limit?: number): TimerOutcome =>
  limit === undefined ? { ok: false, code, message } : { ok: false, code, message, limit };

const durationRefusal = (what: string): TimerOutcome =>
  refuse(
    'TIMER_DURATION_INVALID',
    `${what} must be a whole number of ms from ${TIMER_LIMITS.minMs} (10 s) to ${TIMER_LIMITS.maxMs} (4 h)`,
    TIMER_LIMITS.maxMs,
  );

/** Starts a timer of `durationMs` at `serverNow`, in place of any there was. */
export function startTimer(
  start: { durationMs: number; startedBy: string; label?: string },
  serverNow: number,
): TimerOutcome {
  if (!isTimerDuration(start.durationMs)) return durationRefusal('A timer');
  const label = start.label?.trim();
  if (label !== undefined && label.length > TIMER_LIMITS.labelLength) {
    return refuse(
      'TIMER_DURATION_INVALID',
      `A timer's label has at most ${TIMER_LIMITS.labelLength} characters`,
    );
  }
  const timer: RunningTimer = {
    status: 'running',
    durationMs: start.durationMs,
    endsAt: serverNow + start.durationMs,
    startedBy: start.startedBy,
  };
  return { ok: true, timer: label ? { ...timer, label } : timer };
}

/** Pauses a running timer, keeping the time it has left; one whose time is up cannot be. */
export function pauseTimer(timer: SessionTimer | null, serverNow: number): TimerOutcome {
  if (timer === null || timer.status !== 'running' || remainingMs(timer, serverNow) === 0) {
    return refuse('TIMER_NOT_RUNNING', 'No timer is running: there is nothing to pause');
  }
  const { endsAt: _endsAt, ...rest } = timer;
  return { ok: true, timer: { ...rest, status: 'paused', remainingMs: remainingMs(timer, serverNow) } };
}

/** Runs a paused timer on, from the time it had left. */
export function resumeTimer(timer: SessionTimer | null, serverNow: number): TimerOutcome {
  if (timer === null || timer.status !== 'paused') {
    return refuse('TIMER_NOT_PAUSED', 'No timer is paused: there is nothing to resume');
  }
  const { remainingMs: left, ...rest } = timer;
  return { ok: true, timer: { ...rest, status: 'running', endsAt: serverNow + left } };
}

/**
 * Adds `ms` to a timer's time left (running or paused; one whose time is up starts again with
 * `ms`). The time left may not pass the longest timer.
 */
export function addToTimer(timer: SessionTimer | null, ms: number, serverNow: number): TimerOutcome {
  if (timer === null) return refuse('TIMER_NOT_SET', 'No timer is set: start one first');
  if (!isCount(ms) || ms < 1000 || ms > TIMER_LIMITS.maxMs) {
    return refuse(
      'TIMER_DURATION_INVALID',
      `Add a whole number of ms from 1000 to ${TIMER_LIMITS.maxMs}`,
      TIMER_LIMITS.maxMs,
    );
  }
  const left = remainingMs(timer, serverNow) + ms;
  if (left > TIMER_LIMITS.maxMs) return durationRefusal('The time left');
  const durationMs = Math.min(timer.durationMs + ms, 2 * TIMER_LIMITS.maxMs);
  if (timer.status === 'paused') return { ok: true, timer: { ...timer, durationMs, remainingMs: left } };
  return { ok: true, timer: { ...timer, durationMs, endsAt: serverNow + left } };
}

/** Stops the timer: its entry is removed. */
export function stopTimer(timer: SessionTimer | null): TimerOutcome {
  if (timer === null) return refuse('TIMER_NOT_SET', 'No timer is set: there is nothing to stop');
  return { ok: true, timer: null };
}
