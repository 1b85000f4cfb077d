import type { Kysely, Selectable } from 'kysely';
import type { Database, InvitationsTable } from '../storage/schema.ts';
import type { Session, User } from './auth-service.ts';
import type { Invitation, Member, Role, ShareLink } from '@journeyboard/board-model';

export type { Invitation, Member, ShareLink };
import type { BoardAccess } from './roles.ts';
import { hashSecret, randomToken } from './tokens.ts';

/** Who holds which role on which board, the share links, and the invitations by email. */
export class MembershipStore {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /**
   * The standing of a session on a board, or null when it has none. A session made by a link
   * opens only that link's board, and only while the link stands.
   */
  async resolveAccess(session: Session, user: User | null, boardId: string): Promise<BoardAccess | null> {
    if (session.boardId !== null && session.boardId !== boardId) return null;
    if (session.linkId !== null) {
      const link = await this.db
        .selectFrom('share_links')
        .select(['kind', 'board_id', 'revoked_at'])
        .where('id', '=', session.linkId)
        .executeTakeFirst();
      if (!link || link.revoked_at !== null || link.board_id !== boardId) return null;
      if (link.kind === 'watch') {
        return { boardId, role: 'viewer', departmentId: null, userId: null, displayName: '', guest: false };
      }
    }
    if (!user) return null;
    const row = await this.db
      .selectFrom('board_members')
      .select(['role', 'department_id'])
      .where('board_id', '=', boardId)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (!row) return null;
    return {
      boardId,
      role: row.role,
      departmentId: row.department_id,
      userId: user.id,
      displayName: user.displayName,
      guest: user.kind === 'guest',
    };
  }

  async boardsOf(userId: string): Promise<{ boardId: string; role: Role }[]> {
    const rows = await this.db
      .selectFrom('board_members')
      .select(['board_id', 'role'])
      .where('user_id', '=', userId)
      .execute();
    return rows.map((r) => ({ boardId: r.board_id, role: r.role }));
  }

  async members(boardId: string): Promise<Member[]> {
    const rows = await this.db
      .selectFrom('board_members')
      .innerJoin('users', 'users.id', 'board_members.user_id')
      .select([
        'board_members.user_id',
        'board_members.role',
        'board_members.department_id',
        'users.display_name',
        'users.email',
        'users.kind',
      ])
      .where('board_members.board_id', '=', boardId)
      .orderBy('board_members.created_at')
      .execute();
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      email: r.email,
      guest: r.kind === 'guest',
      role: r.role,
      departmentId: r.department_id,
    }));
  }

  async member(boardId: string, userId: string): Promise<Member | null> {
    return (await this.members(boardId)).find((m) => m.userId === userId) ?? null;
  }

  async setMember(
    boardId: string,
    userId: string,
    role: Role,
    departmentId: string | null,
    linkId: string | null = null,
  ): Promise<void> {
    await this.db
      .insertInto('board_members')
      .values({
        board_id: boardId,
        user_id: userId,
        role,
        department_id: departmentId,
        link_id: linkId,
        created_at: Date.now(),
      })
      .onConflict((oc) =>
        oc.columns(['board_id', 'user_id']).doUpdateSet({ role, department_id: departmentId }),
      )
      .execute();
  }

  async removeMember(boardId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom('board_members')
      .where('board_id', '=', boardId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Makes `newOwner` the owner and the previous owner a facilitator, in one transaction. */
  async transferOwnership(boardId: string, from: string, to: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('board_members')
        .set({ role: 'facilitator', department_id: null })
        .where('board_id', '=', boardId)
        .where('user_id', '=', from)
        .execute();
      await trx
        .updateTable('board_members')
        .set({ role: 'owner', department_id: null })
        .where('board_id', '=', boardId)
        .where('user_id', '=', to)
        .execute();
    });
  }

  /** Boards made before accounts existed have no owner: the first account to sign up adopts them. */
  async adoptOwnerlessBoards(userId: string): Promise<number> {
    const ownerless = await this.db
      .selectFrom('boards')
      .select('id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('board_members')
              .select('board_members.user_id')
              .whereRef('board_members.board_id', '=', 'boards.id')
              .where('board_members.role', '=', 'owner'),
          ),
        ),
      )
      .execute();
    for (const board of ownerless) await this.setMember(board.id, userId, 'owner', null);
    return ownerless.length;
  }

  // Links

  async createLink(boardId: string, kind: 'join' | 'watch', createdBy: string): Promise<ShareLink> {
    const link: ShareLink = {
      id: randomToken(10),
      boardId,
      kind,
      token: randomToken(20),
      createdAt: Date.now(),
    };
    await this.db
      .insertInto('share_links')
      .values({
        id: link.id,
        board_id: boardId,
        kind,
        token: link.token,
        created_by: createdBy,
        created_at: link.createdAt,
        revoked_at: null,
      })
      .execute();
    return link;
  }

  async links(boardId: string): Promise<ShareLink[]> {
    const rows = await this.db
      .selectFrom('share_links')
      .selectAll()
      .where('board_id', '=', boardId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      boardId: r.board_id,
      kind: r.kind,
      token: r.token,
      createdAt: Number(r.created_at),
    }));
  }

  async linkByToken(token: string): Promise<ShareLink | null> {
    if (token.length > 64) return null;
    const row = await this.db
      .selectFrom('share_links')
      .selectAll()
      .where('token', '=', token)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          boardId: row.board_id,
          kind: row.kind,
          token: row.token,
          createdAt: Number(row.created_at),
        }
      : null;
  }

  /** Revokes a link and removes the guests who came through it; returns those guests' ids. */
  async revokeLink(boardId: string, linkId: string): Promise<string[] | null> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('share_links')
        .set({ revoked_at: Date.now() })
        .where('id', '=', linkId)
        .where('board_id', '=', boardId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return null;
      const guests = await trx
        .deleteFrom('board_members')
        .where('board_id', '=', boardId)
        .where('link_id', '=', linkId)
        .returning('user_id')
        .execute();
      await trx.deleteFrom('sessions').where('link_id', '=', linkId).execute();
      return guests.map((g) => g.user_id);
    });
  }

  // Invitations

  /**
   * Invites `email` (already normalised) to a role. Returns the invitation and its link's secret,
   * which is not stored (only its hash) and so can be shown or mailed this once. Inviting the same
   * address again gives it a new link, and the old one stops working.
   */
  async invite(
    boardId: string,
    email: string,
    role: Exclude<Role, 'owner'>,
    departmentId: string | null,
    invitedBy: string,
    now = Date.now(),
  ): Promise<{ invitation: Invitation; token: string }> {
    const token = randomToken(INVITATION_TOKEN_BYTES);
    const fresh = {
      role,
      department_id: departmentId,
      invited_by: invitedBy,
      created_at: now,
      token_hash: hashSecret(token),
      expires_at: now + INVITATION_LIFETIME_MS,
      accepted_at: null,
      accepted_by: null,
    };
    const row = await this.db
      .insertInto('invitations')
      .values({ id: randomToken(10), board_id: boardId, email, ...fresh })
      .onConflict((oc) => oc.columns(['board_id', 'email']).doUpdateSet(fresh))
      .returningAll()
      .executeTakeFirstOrThrow();
    return { invitation: invitationOf(row), token };
  }

  /** The invitations not taken up yet, expired ones included (their inviter may send them again). */
  async invitations(boardId: string): Promise<Invitation[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('board_id', '=', boardId)
      .where('accepted_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map(invitationOf);
  }

  /** Cancels an invitation not taken up yet: its link stops working. */
  async cancelInvitation(boardId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('invitations')
      .where('board_id', '=', boardId)
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** What the invitation link with `token` offers; throws InvitationError when it does not work. */
  async offeredInvitation(token: string, now = Date.now()): Promise<OfferedInvitation> {
    return offerOf(await this.invitationRow(this.db, token), now);
  }

  /**
   * Takes up the invitation behind `token` for the account `userId`: the link works once. Someone
   * already on the board keeps the role they have (an owner stays the owner); anyone else gets the
   * role and department the invitation offers. Returns the board and the role now held.
   */
  async acceptInvitation(
    token: string,
    userId: string,
    now = Date.now(),
  ): Promise<{ boardId: string; role: Role; departmentId: string | null }> {
    return this.db.transaction().execute(async (trx) => {
      const offer = offerOf(await this.invitationRow(trx, token), now);
      // Two tabs accepting at once: only the one that marks it used grants anything.
      const marked = await trx
        .updateTable('invitations')
        .set({ accepted_at: now, accepted_by: userId })
        .where('id', '=', offer.id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) throw new InvitationError('used');
      const existing = await trx
        .selectFrom('board_members')
        .select(['role', 'department_id'])
        .where('board_id', '=', offer.boardId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (existing)
        return { boardId: offer.boardId, role: existing.role, departmentId: existing.department_id };
      await trx
        .insertInto('board_members')
        .values({
          board_id: offer.boardId,
          user_id: userId,
          role: offer.role,
          department_id: offer.departmentId,
          link_id: null,
          created_at: now,
        })
        .execute();
      return { boardId: offer.boardId, role: offer.role, departmentId: offer.departmentId };
    });
  }

  private async invitationRow(db: Kysely<Database>, token: string) {
    // Anything but a token this store could have made is not looked up at all.
    if (!TOKEN_PATTERN.test(token)) return undefined;
    return db
      .selectFrom('invitations')
      .selectAll()
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirst();
  }
}

/** How long an invitation link works. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const INVITATION_TOKEN_BYTES = 20;
/** What randomToken makes: lowercase base32, 32 characters for 20 bytes. */
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/** Why an invitation link does not work; the routes answer each differently. */
export type InvitationRefusal = 'unknown' | 'expired' | 'used';

export class InvitationError extends Error {
  readonly reason: InvitationRefusal;
  constructor(reason: InvitationRefusal) {
    super(`invitation link refused: ${reason}`);
    this.reason = reason;
  }
}

/** What an invitation link offers, for the page that takes it up. */
export interface OfferedInvitation {
  id: string;
  boardId: string;
  email: string;
  role: Exclude<Role, 'owner'>;
  departmentId: string | null;
  expiresAt: number;
}

type InvitationRow = Selectable<InvitationsTable>;

function invitationOf(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    departmentId: row.department_id,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

function offerOf(row: InvitationRow | undefined, now: number): OfferedInvitation {
  if (!row) throw new InvitationError('unknown');
  if (row.accepted_at !== null) throw new InvitationError('used');
  if (row.expires_at === null || Number(row.expires_at) <= now) throw new InvitationError('expired');
  return {
    id: row.id,
    boardId: row.board_id,
    email: row.email,
    role: row.role,
    departmentId: row.department_id,
    expiresAt: Number(row.expires_at),
  };
}
