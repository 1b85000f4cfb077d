import { TIMER_LIMITS, type SessionTimer } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { countdown, durationFromMinutes, formatRemaining } from './countdown.ts';

const RUNNING: SessionTimer = {
  status: 'running',
  durationMs: 300_000,
  endsAt: 1_000_300_000,
  startedBy: 'u',
};

describe('countdown', () => {
  it('counts to the server’s end time on the server’s clock, whatever this browser’s clock says', () => {
    // This browser is 7 s behind the server: at its 999_993_000 the server says 1_000_000_000.
    expect(countdown(RUNNING, 999_993_000, 7000)).toEqual({
      remainingMs: 300_000,
      ended: false,
      paused: false,
      fraction: 1,
    });
    expect(countdown(RUNNING, 1_000_143_000, 7000).remainingMs).toBe(150_000);
    expect(countdown(RUNNING, 1_000_400_000, 7000)).toMatchObject({
      remainingMs: 0,
      ended: true,
      fraction: 0,
    });
  });

  it('stands still while paused', () => {
    const paused: SessionTimer = {
      status: 'paused',
      durationMs: 300_000,
      remainingMs: 90_000,
      startedBy: 'u',
    };
    expect(countdown(paused, 5, 0)).toEqual({
      remainingMs: 90_000,
      ended: false,
      paused: true,
      fraction: 0.3,
    });
    expect(countdown(paused, 5_000_000, -40)).toMatchObject({ remainingMs: 90_000, ended: false });
  });
});

describe('formatRemaining', () => {
  it('reads m:ss, h:mm:ss from an hour, rounded up to the second', () => {
    expect(formatRemaining(300_000)).toBe('5:00');
    expect(formatRemaining(299_001)).toBe('5:00');
    expect(formatRemaining(299_000)).toBe('4:59');
    expect(formatRemaining(1)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-5)).toBe('0:00');
    expect(formatRemaining(3_725_000)).toBe('1:02:05');
  });
});

describe('durationFromMinutes', () => {
  it('reads whole and decimal minutes from 10 s to 4 h', () => {
    expect(durationFromMinutes('7', TIMER_LIMITS)).toBe(420_000);
    expect(durationFromMinutes(' 2,5 ', TIMER_LIMITS)).toBe(150_000);
    expect(durationFromMinutes('240', TIMER_LIMITS)).toBe(TIMER_LIMITS.maxMs);
    for (const text of ['', '0', '0.1', '241', '-3', 'five', '1e2', '3 min']) {
      expect(durationFromMinutes(text, TIMER_LIMITS), text).toBeNull();
    }
  });
});
