import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import type { Session, User } from './auth-service.ts';
import type { Role } from '@journeyboard/board-model';
import type { BoardAccess } from './roles.ts';
import { randomToken } from './tokens.ts';

export interface Member {
  userId: string;
  displayName: string;
  email: string | null;
  guest: boolean;
  role: Role;
  departmentId: string | null;
}

export interface ShareLink {
  id: string;
  boardId: string;
  kind: 'join' | 'watch';
  token: string;
  createdAt: number;
}

export interface Invitation {
  id: string;
  email: string;
  role: Exclude<Role, 'owner'>;
  departmentId: string | null;
  createdAt: number;
}

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

  async invite(
    boardId: string,
    email: string,
    role: Exclude<Role, 'owner'>,
    departmentId: string | null,
    invitedBy: string,
  ): Promise<Invitation> {
    const invitation: Invitation = { id: randomToken(10), email, role, departmentId, createdAt: Date.now() };
    await this.db
      .insertInto('invitations')
      .values({
        id: invitation.id,
        board_id: boardId,
        email,
        role,
        department_id: departmentId,
        invited_by: invitedBy,
        created_at: invitation.createdAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['board_id', 'email'])
          .doUpdateSet({ role, department_id: departmentId, invited_by: invitedBy }),
      )
      .execute();
    return invitation;
  }

  async invitations(boardId: string): Promise<Invitation[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('board_id', '=', boardId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      role: r.role,
      departmentId: r.department_id,
      createdAt: Number(r.created_at),
    }));
  }

  async cancelInvitation(boardId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('invitations')
      .where('board_id', '=', boardId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Turns the invitations for an account's email into memberships (at sign-up and sign-in). */
  async claimInvitations(user: User): Promise<string[]> {
    if (!user.email) return [];
    const rows = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('email', '=', user.email)
      .execute();
    for (const invitation of rows) {
      const existing = await this.member(invitation.board_id, user.id);
      if (!existing)
        await this.setMember(invitation.board_id, user.id, invitation.role, invitation.department_id);
      await this.db.deleteFrom('invitations').where('id', '=', invitation.id).execute();
    }
    return rows.map((r) => r.board_id);
  }
}
