import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSessionValue, sessionMap } from './session.ts';
import { isPollScore, POLL_KEY, pollEntry, pollResults, readPoll, type SessionPoll } from './session-poll.ts';

const POLL: SessionPoll = {
  id: 'p7k2mvxbn4a3hd5e',
  stageId: 's3k7mvxbn4a3hd5e',
  personaId: null,
  hidden: false,
  status: 'open',
  openedBy: 'f5h9dqx2m7b4nv3s',
  openedAt: 1_800_000_000_000,
  results: null,
};

describe('emotion poll results', () => {
  it('are the count, average, spread, range, histogram and per-department averages of the answers', () => {
    const results = pollResults([
      { score: -3, departmentId: 'dept-sales' },
      { score: 1, departmentId: 'dept-sales' },
      { score: 2, departmentId: 'dept-support' },
      { score: 2, departmentId: null },
    ]);
    expect(results).toEqual({
      count: 4,
      average: 0.5,
      // The population's standard deviation: √(((−3.5)² + 0.5² + 1.5² + 1.5²) / 4) = √4.25.
      spread: 2.06,
      min: -3,
      max: 2,
      histogram: { '-3': 1, '-2': 0, '-1': 0, '0': 0, '1': 1, '2': 2, '3': 0 },
      byDepartment: [
        { departmentId: 'dept-sales', count: 2, average: -1 },
        { departmentId: 'dept-support', count: 1, average: 2 },
        { departmentId: null, count: 1, average: 2 },
      ],
    });
  });

  it('of no answers count none', () => {
    expect(pollResults([])).toMatchObject({ count: 0, average: 0, spread: 0, byDepartment: [] });
  });

  it('take whole scores from −3 to +3 only', () => {
    expect([-3, 0, 3].every(isPollScore)).toBe(true);
    expect([-4, 4, 0.5, Number.NaN, '1', null].some(isPollScore)).toBe(false);
    expect(pollResults([{ score: 9, departmentId: null }]).count).toBe(0);
  });
});

describe('the session poll entry', () => {
  it('is read back as written', () => {
    const doc = new Y.Doc();
    const live = { ...POLL, results: pollResults([{ score: 1, departmentId: null }]) };
    sessionMap(doc).set(POLL_KEY, pollEntry(live));
    expect(readPoll(readSessionValue(doc, 'poll'))).toEqual(live);
    const revealed = { ...live, hidden: true, status: 'revealed' as const };
    expect(readPoll(pollEntry(revealed))).toEqual(revealed);
  });

  it('carries no results for a hidden poll before its reveal, and reads none if it did', () => {
    const hidden = { ...POLL, hidden: true, results: pollResults([{ score: 3, departmentId: null }]) };
    expect(pollEntry(hidden).results).toBeNull();
    expect(readPoll({ ...hidden })?.results).toBeNull();
  });

  it('reads anything malformed as none', () => {
    const results = pollResults([{ score: 1, departmentId: null }]);
    const malformed: unknown[] = [
      null,
      'poll',
      { ...POLL, id: 'not an id' },
      { ...POLL, stageId: 42 },
      { ...POLL, personaId: 'x y' },
      { ...POLL, hidden: 'no' },
      { ...POLL, status: 'closed' },
      { ...POLL, openedAt: -1 },
      { ...POLL, results: { ...results, average: 7 } },
      { ...POLL, results: { ...results, histogram: { '-3': 1 } } },
      { ...POLL, results: { ...results, byDepartment: [{ departmentId: 5, count: 1, average: 1 }] } },
    ];
    for (const value of malformed) expect(readPoll(value), JSON.stringify(value)).toBeNull();
  });
});
