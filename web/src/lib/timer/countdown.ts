import { remainingMs, type SessionTimer } from '@journeyboard/board-model';

// What a page shows of the session's timer: always worked out from the end time the server wrote
// and this page's estimate of the server's clock, never by counting its own ticks (a tab in the
// background ticks late, a sleeping laptop not at all).

export interface Countdown {
  /** The time left, in ms (0 once the time is up). */
  remainingMs: number;
  /** The time is up (a running timer at 0). */
  ended: boolean;
  paused: boolean;
  /** How much of the whole is left, 0…1, for a bar. */
  fraction: number;
}

/** The countdown at this browser's `localNow`, with the server's clock `offsetMs` ahead of it. */
export function countdown(timer: SessionTimer, localNow: number, offsetMs: number): Countdown {
  const left = remainingMs(timer, localNow + offsetMs);
  return {
    remainingMs: left,
    ended: timer.status === 'running' && left === 0,
    paused: timer.status === 'paused',
    fraction: timer.durationMs > 0 ? Math.min(1, left / timer.durationMs) : 0,
  };
}

/**
 * The time left as a clock shows it: `m:ss`, or `h:mm:ss` from an hour. Rounded up, so that it
 * reads 0:00 only once the time is up, and a 5-minute timer starts at 5:00.
 */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The minutes a facilitator starts a timer with in one click. */
export const TIMER_PRESET_MINUTES = [1, 3, 5, 10] as const;

/**
 * The duration, in ms, of the minutes typed in the custom field ("2.5" is two and a half); null
 * for anything that is not a number of minutes from 10 s to 4 h.
 */
export function durationFromMinutes(text: string, limits: { minMs: number; maxMs: number }): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const ms = Math.round(Number(trimmed) * 60_000);
  return ms >= limits.minMs && ms <= limits.maxMs ? ms : null;
}
