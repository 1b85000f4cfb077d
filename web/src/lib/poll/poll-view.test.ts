import type { BoardStructure, SessionPoll } from '@journeyboard/board-model';
import { pollResults } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '#lib/paraglide/runtime.js';
import { curvePointOf, curveScore, departmentRows, formatStatistic, scoreLabel } from './poll-view.ts';

const STAGE = 's3k7mvxbn4a3hd5e';
const PERSONA = 'p5k7mvxbn4a3hd5e';
const EMOTIONS = 'e4k7mvxbn4a3hd5e';

const structure = (
  lanes: BoardStructure['lanes'],
  personas: BoardStructure['personas'] = [],
): BoardStructure => ({
  schemaVersion: 5,
  title: 'Checkout',
  stages: [{ id: STAGE, name: 'Purchase', order: 'a' }] as BoardStructure['stages'],
  lanes,
  departments: [{ id: 'dept-sales', name: 'Sales', order: 'a' }],
  personas,
  loop: false,
});
const emotionLane = {
  id: EMOTIONS,
  name: 'Feelings',
  kind: 'emotions',
  order: 'b',
  department: 'shared',
} as const;
const notesLane = {
  id: 'n4k7mvxbn4a3hd5e',
  name: 'Notes',
  kind: 'notes',
  order: 'a',
  department: 'shared',
} as const;

const poll = (scores: number[], personaId: string | null = null): SessionPoll => ({
  id: 'q4k7mvxbn4a3hd5e',
  stageId: STAGE,
  personaId,
  hidden: false,
  status: 'open',
  openedBy: 'u',
  openedAt: 1,
  results: pollResults(scores.map((score) => ({ score, departmentId: null }))),
});

describe('the point an emotion poll writes into the curve', () => {
  it('is the rounded average at the poll’s stage, in the board’s emotion lane', () => {
    expect(curvePointOf(poll([2, 1, 2]), structure([notesLane, emotionLane]))).toEqual({
      ok: true,
      laneId: EMOTIONS,
      stageId: STAGE,
      score: 2,
      persona: null,
    });
  });

  it('is on the poll’s persona’s line while the board has that persona', () => {
    const personas = [{ id: PERSONA, name: 'Minh' }] as BoardStructure['personas'];
    expect(curvePointOf(poll([0], PERSONA), structure([emotionLane], personas))).toMatchObject({
      persona: PERSONA,
    });
    expect(curvePointOf(poll([0], PERSONA), structure([emotionLane]))).toMatchObject({ persona: null });
  });

  it('cannot be written without an emotion lane, without answers, or once the stage is gone', () => {
    expect(curvePointOf(poll([1]), structure([notesLane]))).toEqual({ ok: false, reason: 'no-emotion-lane' });
    expect(curvePointOf(poll([]), structure([emotionLane]))).toEqual({ ok: false, reason: 'no-answers' });
    expect(curvePointOf({ ...poll([1]), results: null }, structure([emotionLane]))).toEqual({
      ok: false,
      reason: 'no-answers',
    });
    expect(curvePointOf({ ...poll([1]), stageId: 'z4k7mvxbn4a3hd5e' }, structure([emotionLane]))).toEqual({
      ok: false,
      reason: 'no-stage',
    });
  });

  it('rounds halves away from zero, the same both ways', () => {
    expect([-2.5, -1.5, -0.5, -0.4, 0, 0.4, 0.5, 1.5, 2.5].map(curveScore)).toEqual([
      -3, -2, -1, 0, 0, 0, 1, 2, 3,
    ]);
    expect(Object.is(curveScore(-0.2), 0)).toBe(true);
  });
});

describe('poll words', () => {
  it('name every answer in English and Vietnamese', () => {
    for (const locale of ['en', 'vi'] as const) {
      overwriteGetLocale(() => locale);
      const labels = ([-3, -2, -1, 0, 1, 2, 3] as const).map(scoreLabel);
      expect(new Set(labels).size).toBe(7);
    }
    overwriteGetLocale(() => 'en');
  });

  it('show statistics signed with a true minus, at most two decimals', () => {
    expect([1.5, -0.25, 0, -2, 1.234].map((v) => formatStatistic(v))).toEqual([
      '+1.5',
      '−0.25',
      '0',
      '−2',
      '+1.23',
    ]);
    expect(formatStatistic(0.82, false)).toBe('0.82');
  });

  it('name the departments of the results as the board does', () => {
    overwriteGetLocale(() => 'en');
    const results = pollResults([
      { score: 1, departmentId: 'dept-sales' },
      { score: -1, departmentId: null },
      { score: 3, departmentId: 'dept-gone' },
    ]);
    expect(departmentRows(results, structure([]).departments).map((row) => row.name)).toEqual([
      'Removed department',
      'Sales',
      'No department',
    ]);
  });
});
