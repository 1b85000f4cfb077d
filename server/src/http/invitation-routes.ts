import type { IncomingMessage } from 'node:http';
import { type ApiErrorCode, readBoard } from '@journeyboard/board-model';
import * as v from 'valibot';
import { InvitationError, type InvitationRefusal } from '../auth/membership-store.ts';
import { MINUTES_15, RateLimiter } from '../auth/rate-limiter.ts';
import { type ApiDependencies, readBody, requireSession } from './api-context.ts';
import { clientAddress } from './client-address.ts';
import { HttpError, refuseWhenLimited, sendJson } from './responses.ts';
import type { Router } from './router.ts';

/** Invitation links that do not work one address may try in 15 minutes before it must wait. */
export const FAILED_INVITATION_TRIES_PER_ADDRESS = 20;

const Accept = v.object({ token: v.string('token must be text') }, 'Send {"token"} as JSON');

const REFUSALS: Record<InvitationRefusal, [number, ApiErrorCode, string]> = {
  unknown: [
    404,
    'INVITATION_NOT_FOUND',
    'This invitation link does not work: it may have been cancelled, replaced by a newer one, or copied incompletely',
  ],
  expired: [
    410,
    'INVITATION_EXPIRED',
    'This invitation has expired: ask whoever invited you to invite you again',
  ],
  used: [
    409,
    'INVITATION_USED',
    'This invitation has been accepted already: each invitation link works once',
  ],
};
const refusal = (reason: InvitationRefusal) => new HttpError(...REFUSALS[reason]);

/**
 * Taking up an invitation: its link's page reads what it offers, and someone signed in with an
 * account accepts it. Holding the link is the proof of having received the invitation.
 */
export function addInvitationRoutes(router: Router, deps: ApiDependencies): void {
  const { memberships, boards, structure, log } = deps;
  // A link's secret cannot be guessed, and trying must stay slow: an address that has tried too
  // many links that do not work is refused before its next try is even looked at.
  const failuresByAddress = new RateLimiter(FAILED_INVITATION_TRIES_PER_ADDRESS, MINUTES_15);

  async function withToken<T>(req: IncomingMessage, attempt: () => Promise<T>): Promise<T> {
    const address = clientAddress(req, deps.trustedProxies);
    refuseWhenLimited(failuresByAddress.waitFor(address));
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof InvitationError)) throw error;
      failuresByAddress.hit(address);
      throw refusal(error.reason);
    }
  }

  router.add('GET', '/api/invitations/:token', async ({ req, res, params }) => {
    const offer = await withToken(req, () => memberships.offeredInvitation(params.token!));
    const board = await boards.get(offer.boardId);
    if (!board) throw refusal('unknown');
    const departmentName = offer.departmentId
      ? await structure.withStructure(board.id, (doc) => {
          try {
            return readBoard(doc).departments.find((d) => d.id === offer.departmentId)?.name ?? null;
          } catch {
            return null;
          }
        })
      : null;
    sendJson(res, 200, {
      boardId: board.id,
      title: board.title,
      email: offer.email,
      role: offer.role,
      departmentId: offer.departmentId,
      departmentName,
      expiresAt: offer.expiresAt,
    });
  });

  router.add('POST', '/api/invitations/accept', async ({ req, res }) => {
    const valid = await requireSession(deps, req, res);
    if (valid.user?.kind !== 'account' || valid.session.boardId !== null) {
      throw new HttpError(403, 'ACCOUNT_REQUIRED', 'Sign in with an account to accept an invitation');
    }
    const { token } = await readBody(req, Accept);
    const userId = valid.user.id;
    const granted = await withToken(req, () => memberships.acceptInvitation(token, userId));
    log.info({ boardId: granted.boardId, userId, role: granted.role }, 'invitation accepted');
    sendJson(res, 200, granted);
  });
}
