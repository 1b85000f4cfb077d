import {
  privateModeEntry,
  readPrivateMode,
  readSessionValue,
  sessionDocName,
  sessionMap,
  type PrivateModeAnswer,
} from '@journeyboard/board-model';
import * as v from 'valibot';
import { OneAtATime } from '../session/one-at-a-time.ts';
import { revealPrivateCards } from '../session/private-reveal.ts';
import { type ApiDependencies, readBody, requireAccess, RUNS_BOARD } from './api-context.ts';
import { HttpError, sendJson } from './responses.ts';
import type { Router } from './router.ts';

const PrivateModeBody = v.object(
  { on: v.boolean('on must be true (start private mode) or false (reveal the cards and end it)') },
  'Send {"on": true} to start private mode, {"on": false} to reveal the private cards and end it',
);

/**
 * Private mode, started and ended by those who run the board only: while it is on, participants'
 * new cards go into their own private docs; ending it reveals them (private-reveal.ts). The
 * session entry is cleared before the cards move, so that no new private card is written meanwhile,
 * and a reveal that failed halfway is finished by asking again.
 */
export function addPrivateRoutes(router: Router, deps: ApiDependencies): void {
  // A board's starts and reveals of private mode, one after the other.
  const reveals = new OneAtATime();

  router.add('POST', '/api/boards/:id/session/private', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId, RUNS_BOARD);
    const { on } = await readBody(req, PrivateModeBody);
    const session = sessionDocName(boardId);
    if (on) {
      const startedBy = access.userId;
      if (startedBy === null)
        throw new HttpError(403, 'ROLE_NOT_ALLOWED', 'A watcher cannot start private mode');
      // In turn with the reveals: a start while a reveal is under way waits for it, so that the
      // cards written privately after the start are never taken by the reveal before it.
      await reveals.run(boardId, () =>
        deps.writer.change(boardId, session, (doc) => {
          // Already on: it stays as it was started.
          if (readPrivateMode(readSessionValue(doc, 'private')) !== null) return;
          sessionMap(doc).set('private', privateModeEntry(startedBy, Date.now()));
        }),
      );
      deps.log.info({ boardId, by: startedBy }, 'private mode started');
      sendJson(res, 200, { on: true, revealed: 0, kept: 0 } satisfies PrivateModeAnswer);
      return;
    }
    const outcome = await reveals.run(boardId, async () => {
      await deps.writer.change(boardId, session, (doc) => {
        if (sessionMap(doc).has('private')) sessionMap(doc).delete('private');
      });
      return revealPrivateCards(deps, boardId);
    });
    deps.log.info({ boardId, by: access.userId, ...outcome }, 'private cards revealed; private mode ended');
    sendJson(res, 200, { on: false, ...outcome } satisfies PrivateModeAnswer);
  });
}
