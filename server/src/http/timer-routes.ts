import {
  addToTimer,
  pauseTimer,
  readSessionValue,
  readTimer,
  resumeTimer,
  sessionDocName,
  sessionMap,
  startTimer,
  stopTimer,
  TIMER_KEY,
  timerEntry,
  type SessionTimer,
  type TimerOutcome,
} from '@journeyboard/board-model';
import * as v from 'valibot';
import { RateLimiter } from '../auth/rate-limiter.ts';
import { OneAtATime } from '../session/one-at-a-time.ts';
import { type ApiDependencies, readBody, requireAccess, RUNS_BOARD } from './api-context.ts';
import { HttpError, refuseWhenLimited, sendJson } from './responses.ts';
import type { Router } from './router.ts';

const TimerCommand = v.variant(
  'action',
  [
    v.object({ action: v.literal('start'), durationMs: v.number('durationMs must be a number of ms') }),
    v.object({ action: v.literal('pause') }),
    v.object({ action: v.literal('resume') }),
    v.object({ action: v.literal('add'), ms: v.number('ms must be a number of ms') }),
    v.object({ action: v.literal('stop') }),
  ],
  'Send {"action": "start", "durationMs"}, {"action": "pause"}, {"action": "resume"}, {"action": "add", "ms"} or {"action": "stop"} as JSON',
);
type TimerCommand = v.InferOutput<typeof TimerCommand>;

/** Timer commands one board takes in a window: far more than a facilitator clicks, few enough to keep the log small. */
const COMMAND_LIMIT = { count: 60, windowMs: 60_000 };

/** What a command makes of the current timer, at `now` on the server's clock. */
function applyCommand(
  command: TimerCommand,
  current: SessionTimer | null,
  now: number,
  by: string,
): TimerOutcome {
  switch (command.action) {
    case 'start':
      return startTimer({ durationMs: command.durationMs, startedBy: by }, now);
    case 'pause':
      return pauseTimer(current, now);
    case 'resume':
      return resumeTimer(current, now);
    case 'add':
      return addToTimer(current, command.ms, now);
    case 'stop':
      return stopTimer(current);
  }
}

/**
 * The server's clock, and the session's timer. Pages count down to the end time the server wrote
 * on its own clock (never their own), so the timer reads the same everywhere; `/api/time` lets a
 * page learn how far its clock is from the server's. Only those who run the board set the timer.
 */
export function addTimerRoutes(router: Router, deps: ApiDependencies): void {
  const { writer, log } = deps;
  const writes = new OneAtATime();
  const commandLimiter = new RateLimiter(COMMAND_LIMIT.count, COMMAND_LIMIT.windowMs);

  // No sign-in needed (a sign-in page has nothing to hide in the time), never cached (sendJson).
  router.add('GET', '/api/time', async ({ res }) => {
    sendJson(res, 200, { now: Date.now() });
  });

  router.add('POST', '/api/boards/:id/session/timer', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId, RUNS_BOARD);
    const command = await readBody(req, TimerCommand);
    refuseWhenLimited(commandLimiter.hit(boardId));
    const timer = await writes.run(boardId, () =>
      writer.change(boardId, sessionDocName(boardId), (doc) => {
        const now = Date.now();
        const current = readTimer(readSessionValue(doc, TIMER_KEY));
        const outcome = applyCommand(command, current, now, access.userId ?? '');
        if (!outcome.ok) {
          const status = outcome.code === 'TIMER_DURATION_INVALID' ? 400 : 409;
          throw new HttpError(
            status,
            outcome.code,
            outcome.message,
            outcome.limit === undefined ? {} : { limit: outcome.limit },
          );
        }
        if (outcome.timer) sessionMap(doc).set(TIMER_KEY, timerEntry(outcome.timer));
        else sessionMap(doc).delete(TIMER_KEY);
        return outcome.timer;
      }),
    );
    log.info({ boardId, action: command.action, status: timer?.status ?? 'stopped' }, 'timer set by command');
    sendJson(res, 200, { timer });
  });
}
