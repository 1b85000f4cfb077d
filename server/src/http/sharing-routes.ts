import {
  assignableRoles,
  isValidId,
  looksAfterDepartment,
  mayRemoveMember,
  needsDepartment,
  readBoard,
  type Role,
} from '@journeyboard/board-model';
import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import { checkName, normaliseEmail } from '../auth/auth-service.ts';
import { sameDisplayName } from '../auth/display-names.ts';
import { MINUTES_15, RateLimiter } from '../auth/rate-limiter.ts';
import type { BoardAccess } from '../auth/roles.ts';
import { AccessRevoked, LinkRevoked } from '../sync/close-reasons.ts';
import {
  type ApiDependencies,
  currentSession,
  readBody,
  requireAccess,
  servedOverTls,
} from './api-context.ts';
import { clientAddress } from './client-address.ts';
import { expectedOrigin } from './origin-check.ts';
import { sessionCookie } from './cookies.ts';
import { HttpError, refuseWhenLimited, sendJson } from './responses.ts';
import type { Router } from './router.ts';

/** Guests and watchers one address may add by links in 15 minutes. */
export const LINK_ENTRIES_PER_ADDRESS = 200;
/** Link tokens that lead nowhere one address may try in 15 minutes. */
export const BAD_LINK_TOKENS_PER_ADDRESS = 30;

const RoleField = v.picklist(
  ['facilitator', 'lead', 'participant', 'viewer'],
  'role must be facilitator, lead, participant or viewer',
);
const Invite = v.object(
  {
    email: v.string('email must be text'),
    role: RoleField,
    departmentId: v.optional(v.nullable(v.string())),
  },
  'Send {"email", "role", "departmentId"} as JSON',
);
const ChangeMember = v.object(
  { role: RoleField, departmentId: v.optional(v.nullable(v.string())) },
  'Send {"role", "departmentId"} as JSON',
);
const NewLink = v.object(
  { kind: v.picklist(['join', 'watch'], 'kind must be "join" or "watch"') },
  'Send {"kind"} as JSON',
);
const Join = v.object(
  { name: v.string('name must be text'), departmentId: v.string('departmentId must be text') },
  'Send {"name", "departmentId"} as JSON',
);

/** Members, invitations by email (taken up by their link: invitation-routes.ts), and the join and watch links. */
export function addSharingRoutes(router: Router, deps: ApiDependencies): void {
  const { memberships, auth, structure, log } = deps;
  // Everyone who has a link may enter by it, but no one address may make guests or watchers without
  // end: generous enough for a whole office behind one address to join a workshop.
  const entriesByAddress = new RateLimiter(LINK_ENTRIES_PER_ADDRESS, MINUTES_15);
  // Link tokens are long and random, but no one address may guess at them without end: past a
  // few dozen that lead nowhere, it waits, even for a link that works.
  const badTokensByAddress = new RateLimiter(BAD_LINK_TOKENS_PER_ADDRESS, MINUTES_15);

  const boardDepartments = (boardId: string) =>
    structure.withStructure(boardId, (doc) => {
      try {
        return readBoard(doc).departments.map((d) => ({ id: d.id, name: d.name }));
      } catch {
        return [];
      }
    });

  /** Checks that `access` may give `role` (in `departmentId`) and that the department exists. */
  async function checkGrant(
    boardId: string,
    access: BoardAccess,
    role: Role,
    departmentId: string | null | undefined,
  ) {
    if (role === 'owner' || !assignableRoles(access).includes(role))
      throw new HttpError(
        403,
        'ROLE_NOT_GRANTABLE',
        `Your role (${access.role}) cannot give the role ${role}`,
      );
    if (!needsDepartment(role)) return null;
    if (!departmentId)
      throw new HttpError(400, 'DEPARTMENT_REQUIRED', `A ${role} belongs to a department: choose one`);
    if (!looksAfterDepartment(access, departmentId)) {
      throw new HttpError(
        403,
        'OTHER_DEPARTMENT',
        'A department lead adds members to their own department only',
      );
    }
    const departments = await boardDepartments(boardId);
    if (!departments.some((d) => d.id === departmentId))
      throw new HttpError(400, 'UNKNOWN_DEPARTMENT', `Department "${departmentId}" not found on this board`);
    return departmentId;
  }

  router.add('GET', '/api/boards/:id/members', async ({ req, res, params }) => {
    const { access } = await requireAccess(deps, req, res, params.id!);
    const members = await memberships.members(params.id!);
    // Facilitators see every email and invitation; a lead those of their own department.
    const sees = (departmentId: string | null) => looksAfterDepartment(access, departmentId);
    const invitations = await memberships.invitations(params.id!);
    sendJson(res, 200, {
      members: members.map((m) => ({ ...m, email: sees(m.departmentId) ? m.email : null })),
      invitations: invitations.filter((i) => sees(i.departmentId)),
    });
  });

  router.add('POST', '/api/boards/:id/invitations', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { valid, access } = await requireAccess(deps, req, res, boardId, ['owner', 'facilitator', 'lead']);
    const body = await readBody(req, Invite);
    const email = normaliseEmail(body.email);
    const departmentId = await checkGrant(boardId, access, body.role, body.departmentId);
    const { invitation, token } = await memberships.invite(
      boardId,
      email,
      body.role,
      departmentId,
      valid.user!.id,
    );
    const link = `${expectedOrigin(req, deps.publicUrl)}/invite/${token}`;
    log.info({ boardId, role: body.role }, 'invitation made');
    // The link is answered whatever the mail does: the inviter can always pass it on themselves.
    let mail: 'sent' | 'off' | 'failed' = 'off';
    if (deps.mailer) {
      const board = await deps.boards.get(boardId);
      try {
        await deps.mailer.send({
          to: email,
          boardTitle: board?.title ?? '',
          role: body.role,
          inviterName: valid.user!.displayName,
          link,
          expiresAt: invitation.expiresAt!,
        });
        mail = 'sent';
      } catch (error) {
        log.warn({ err: error, boardId }, 'the invitation email could not be sent');
        mail = 'failed';
      }
    }
    sendJson(res, 201, { invitation, link, mail });
  });

  router.add('DELETE', '/api/boards/:id/invitations/:invitationId', async ({ req, res, params }) => {
    const { access } = await requireAccess(deps, req, res, params.id!, ['owner', 'facilitator', 'lead']);
    const invitation = (await memberships.invitations(params.id!)).find((i) => i.id === params.invitationId);
    if (!invitation) throw new HttpError(404, 'INVITATION_NOT_FOUND', 'Invitation not found');
    if (!looksAfterDepartment(access, invitation.departmentId)) {
      throw new HttpError(
        403,
        'OTHER_DEPARTMENT',
        'A department lead cancels invitations to their own department only',
      );
    }
    await memberships.cancelInvitation(params.id!, invitation.id);
    sendJson(res, 200, { cancelled: true });
  });

  router.add('PATCH', '/api/boards/:id/members/:userId', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId, ['owner', 'facilitator']);
    const target = await memberships.member(boardId, params.userId!);
    if (!target) throw new HttpError(404, 'MEMBER_NOT_FOUND', 'Member not found');
    if (target.role === 'owner')
      throw new HttpError(403, 'OWNER_ROLE_FIXED', "The owner's role changes only by transferring the board");
    const body = await readBody(req, ChangeMember);
    const departmentId = await checkGrant(boardId, access, body.role, body.departmentId);
    await memberships.setMember(boardId, target.userId, body.role, departmentId);
    await deps.access.refreshBoard(boardId);
    sendJson(res, 200, { member: await memberships.member(boardId, target.userId) });
  });

  router.add('DELETE', '/api/boards/:id/members/:userId', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId);
    const target = await memberships.member(boardId, params.userId!);
    if (!target) throw new HttpError(404, 'MEMBER_NOT_FOUND', 'Member not found');
    if (!mayRemoveMember(access, access.userId, target))
      throw target.role === 'owner'
        ? new HttpError(403, 'OWNER_NOT_REMOVABLE', 'The owner cannot be removed; transfer the board first')
        : new HttpError(403, 'MEMBER_NOT_REMOVABLE', 'Your role cannot remove this member');
    await memberships.removeMember(boardId, target.userId);
    await deps.access.refreshBoard(boardId, AccessRevoked);
    sendJson(res, 200, { removed: true });
  });

  router.add('GET', '/api/boards/:id/links', async ({ req, res, params }) => {
    await requireAccess(deps, req, res, params.id!, ['owner', 'facilitator']);
    sendJson(res, 200, { links: await memberships.links(params.id!) });
  });

  router.add('POST', '/api/boards/:id/links', async ({ req, res, params }) => {
    const { valid } = await requireAccess(deps, req, res, params.id!, ['owner', 'facilitator']);
    const body = await readBody(req, NewLink);
    const link = await memberships.createLink(params.id!, body.kind, valid.user!.id);
    sendJson(res, 201, { link });
  });

  router.add('DELETE', '/api/boards/:id/links/:linkId', async ({ req, res, params }) => {
    const boardId = params.id!;
    await requireAccess(deps, req, res, boardId, ['owner', 'facilitator']);
    const guests = await memberships.revokeLink(boardId, params.linkId!);
    if (guests === null) throw new HttpError(404, 'LINK_NOT_FOUND', 'Link not found, or revoked already');
    await deps.access.refreshBoard(boardId, LinkRevoked);
    log.info({ boardId, linkId: params.linkId, guests: guests.length }, 'link revoked');
    sendJson(res, 200, { revoked: true, removedGuests: guests.length });
  });

  // Opening a link: what it leads to, then joining (name + department) or watching.

  const linkFor = async (req: IncomingMessage, token: string, kind?: 'join' | 'watch') => {
    const address = clientAddress(req, deps.trustedProxies);
    // Counted before the lookup, so guesses sent at once cannot all pass; refunded when it works.
    refuseWhenLimited(badTokensByAddress.hit(address));
    const link = await memberships.linkByToken(token);
    if (link) badTokensByAddress.refund(address);
    if (!link || (kind && link.kind !== kind))
      throw new HttpError(404, 'LINK_NOT_WORKING', 'This link does not work: it may have been revoked');
    return link;
  };

  router.add('GET', '/api/links/:token', async ({ req, res, params }) => {
    const link = await linkFor(req, params.token!);
    const board = await deps.boards.get(link.boardId);
    if (!board)
      throw new HttpError(404, 'LINK_NOT_WORKING', 'This link does not work: its board was deleted');
    sendJson(res, 200, {
      kind: link.kind,
      boardId: board.id,
      title: board.title,
      departments: await boardDepartments(board.id),
    });
  });

  router.add('POST', '/api/links/:token/join', async ({ req, res, params }) => {
    const link = await linkFor(req, params.token!, 'join');
    const body = await readBody(req, Join);
    if (
      !isValidId(body.departmentId) ||
      !(await boardDepartments(link.boardId)).some((d) => d.id === body.departmentId)
    ) {
      throw new HttpError(400, 'UNKNOWN_DEPARTMENT', 'Choose one of the board’s departments');
    }
    const existing = await currentSession(deps, req, res);
    if (existing?.user?.kind === 'account' && !existing.session.boardId) {
      // Someone signed in joins with their account; the link stays the way they came.
      const member = await memberships.member(link.boardId, existing.user.id);
      if (!member)
        await memberships.setMember(
          link.boardId,
          existing.user.id,
          'participant',
          body.departmentId,
          link.id,
        );
      sendJson(res, 200, { boardId: link.boardId });
      return;
    }
    // Limited first: a refused name counts as an entry, so names on the board cannot be probed
    // without end.
    refuseWhenLimited(entriesByAddress.hit(clientAddress(req, deps.trustedProxies)));
    const name = checkName(body.name);
    // A guest named like someone already on the board would write comments that look like theirs.
    if ((await memberships.members(link.boardId)).some((m) => sameDisplayName(m.displayName, name))) {
      throw new HttpError(
        409,
        'NAME_TAKEN',
        'Someone on this board already has this name. Add your surname or an initial.',
      );
    }
    const guest = await auth.createGuest(name);
    await memberships.setMember(link.boardId, guest.id, 'participant', body.departmentId, link.id);
    const { token, session } = await auth.createSession(guest.id, { boardId: link.boardId, linkId: link.id });
    res.setHeader('set-cookie', sessionCookie(token, session.expiresAt, servedOverTls(req, deps.publicUrl)));
    log.info({ boardId: link.boardId, userId: guest.id }, 'a guest joined by link');
    sendJson(res, 201, { boardId: link.boardId });
  });

  router.add('POST', '/api/links/:token/watch', async ({ req, res, params }) => {
    const link = await linkFor(req, params.token!, 'watch');
    const existing = await currentSession(deps, req, res);
    if (existing && (await memberships.resolveAccess(existing.session, existing.user, link.boardId))) {
      sendJson(res, 200, { boardId: link.boardId });
      return;
    }
    if (existing?.user?.kind === 'account' && !existing.session.boardId) {
      await memberships.setMember(link.boardId, existing.user.id, 'viewer', null, link.id);
      sendJson(res, 200, { boardId: link.boardId });
      return;
    }
    refuseWhenLimited(entriesByAddress.hit(clientAddress(req, deps.trustedProxies)));
    const { token, session } = await auth.createSession(null, { boardId: link.boardId, linkId: link.id });
    res.setHeader('set-cookie', sessionCookie(token, session.expiresAt, servedOverTls(req, deps.publicUrl)));
    sendJson(res, 201, { boardId: link.boardId });
  });
}
