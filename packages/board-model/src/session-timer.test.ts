import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSessionValue, sessionMap } from './session.ts';
import {
  addToTimer,
  pauseTimer,
  readTimer,
  remainingMs,
  resumeTimer,
  startTimer,
  stopTimer,
  TIMER_KEY,
  TIMER_LIMITS,
  timerEntry,
  type SessionTimer,
  type TimerOutcome,
} from './session-timer.ts';

const FACILITATOR = 'f5h9dqx2m7b4nv3s';
const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

/** The timer an outcome holds; a refusal fails the test. */
function timerOf(outcome: TimerOutcome): SessionTimer | null {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code}`);
  return outcome.timer;
}

const started = (durationMs = 5 * MINUTE) => timerOf(startTimer({ durationMs, startedBy: FACILITATOR }, T0))!;

describe('the session timer', () => {
  it('ends a duration after the server started it, and counts down on the server clock', () => {
    const timer = started();
    expect(timer).toEqual({
      status: 'running',
      durationMs: 5 * MINUTE,
      endsAt: T0 + 5 * MINUTE,
      startedBy: FACILITATOR,
    });
    expect(remainingMs(timer, T0)).toBe(5 * MINUTE);
    expect(remainingMs(timer, T0 + MINUTE)).toBe(4 * MINUTE);
    expect(remainingMs(timer, T0 + 10 * MINUTE)).toBe(0);
  });

  it('takes durations from 10 s to 4 h only', () => {
    for (const durationMs of [TIMER_LIMITS.minMs, TIMER_LIMITS.maxMs]) {
      expect(startTimer({ durationMs, startedBy: FACILITATOR }, T0).ok, String(durationMs)).toBe(true);
    }
    for (const durationMs of [
      0,
      -MINUTE,
      9_999,
      TIMER_LIMITS.maxMs + 1,
      1.5 * MINUTE + 0.5,
      Number.NaN,
      Infinity,
    ]) {
      expect(startTimer({ durationMs, startedBy: FACILITATOR }, T0), String(durationMs)).toMatchObject({
        ok: false,
        code: 'TIMER_DURATION_INVALID',
      });
    }
  });

  it('keeps the time left through a pause, and runs on from it at the resume', () => {
    const paused = timerOf(pauseTimer(started(), T0 + 2 * MINUTE))!;
    expect(paused).toMatchObject({ status: 'paused', remainingMs: 3 * MINUTE });
    expect(remainingMs(paused, T0 + 60 * MINUTE)).toBe(3 * MINUTE);
    const resumed = timerOf(resumeTimer(paused, T0 + 10 * MINUTE))!;
    expect(resumed).toMatchObject({ status: 'running', endsAt: T0 + 13 * MINUTE, durationMs: 5 * MINUTE });
    expect(resumed).not.toHaveProperty('remainingMs');
  });

  it('refuses to pause what is not running, and to resume what is not paused', () => {
    expect(pauseTimer(null, T0)).toMatchObject({ ok: false, code: 'TIMER_NOT_RUNNING' });
    const paused = timerOf(pauseTimer(started(), T0))!;
    expect(pauseTimer(paused, T0)).toMatchObject({ ok: false, code: 'TIMER_NOT_RUNNING' });
    expect(pauseTimer(started(), T0 + 5 * MINUTE), 'time is up').toMatchObject({
      ok: false,
      code: 'TIMER_NOT_RUNNING',
    });
    expect(resumeTimer(started(), T0)).toMatchObject({ ok: false, code: 'TIMER_NOT_PAUSED' });
    expect(resumeTimer(null, T0)).toMatchObject({ ok: false, code: 'TIMER_NOT_PAUSED' });
  });

  it('adds a minute to a running, a paused or an ended timer, up to 4 h left', () => {
    expect(timerOf(addToTimer(started(), MINUTE, T0 + MINUTE))).toMatchObject({
      endsAt: T0 + 6 * MINUTE,
      durationMs: 6 * MINUTE,
    });
    const paused = timerOf(pauseTimer(started(), T0 + MINUTE))!;
    expect(timerOf(addToTimer(paused, MINUTE, T0 + 30 * MINUTE))).toMatchObject({
      status: 'paused',
      remainingMs: 5 * MINUTE,
    });
    expect(timerOf(addToTimer(started(), MINUTE, T0 + 20 * MINUTE)), 'ended').toMatchObject({
      endsAt: T0 + 21 * MINUTE,
    });
    expect(addToTimer(started(TIMER_LIMITS.maxMs), MINUTE, T0)).toMatchObject({
      ok: false,
      code: 'TIMER_DURATION_INVALID',
    });
    expect(addToTimer(started(), 0, T0)).toMatchObject({ ok: false, code: 'TIMER_DURATION_INVALID' });
    expect(addToTimer(null, MINUTE, T0)).toMatchObject({ ok: false, code: 'TIMER_NOT_SET' });
  });

  it('is removed when stopped; stopping none is refused', () => {
    expect(stopTimer(started())).toEqual({ ok: true, timer: null });
    expect(stopTimer(null)).toMatchObject({ ok: false, code: 'TIMER_NOT_SET' });
  });

  it('is read back from the session doc as written, and anything malformed reads as none', () => {
    const doc = new Y.Doc();
    const timer = { ...started(), label: 'Ideas' };
    sessionMap(doc).set(TIMER_KEY, timerEntry(timer));
    expect(readTimer(readSessionValue(doc, 'timer'))).toEqual(timer);
    const paused = timerOf(pauseTimer(started(), T0))!;
    expect(readTimer(JSON.parse(JSON.stringify(timerEntry(paused))))).toEqual(paused);
    const malformed: unknown[] = [
      undefined,
      null,
      'running',
      [],
      { ...timerEntry(started()), status: 'stopped' },
      { ...timerEntry(started()), endsAt: 'soon' },
      { ...timerEntry(started()), durationMs: -1 },
      { ...timerEntry(started()), startedBy: 42 },
      { status: 'paused', durationMs: MINUTE, startedBy: FACILITATOR },
      { ...timerEntry(paused), remainingMs: TIMER_LIMITS.maxMs + 1 },
      { ...timerEntry(started()), label: 'x'.repeat(TIMER_LIMITS.labelLength + 1) },
    ];
    for (const value of malformed) expect(readTimer(value), JSON.stringify(value)).toBeNull();
  });
});
