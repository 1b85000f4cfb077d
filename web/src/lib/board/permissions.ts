import { SHARED_DEPARTMENT, type Lane } from '@journeyboard/board-model';
import type { GrantableRole, Role } from '#lib/api.ts';

/** The part of a person's board access that decides what the page lets them do. */
export interface RoleAccess {
  role: Role;
  departmentId: string | null;
}

/**
 * What the page offers a person on a board. It mirrors the server's rules (server/src/auth/roles.ts),
 * which are the ones enforced: the page only hides what the server would refuse.
 */
export interface Permissions {
  /** Title, stages, every lane, departments, lane departments: owner and facilitators. */
  readonly canEditStructure: boolean;
  /** Adds lanes: those who run the board (any department), leads (their own). */
  readonly canAddLanes: boolean;
  /** Writes comments on cards: everyone but viewers. */
  readonly canComment: boolean;
  /** Creates and revokes share links; invites with any role; changes and removes members. */
  readonly canShare: boolean;
  /** Invites people by email (a lead: participants of their own department). */
  readonly canInvite: boolean;
  /** The roles this person may give when inviting. */
  readonly invitableRoles: readonly GrantableRole[];
  /** Writes the cards of `lane`. */
  canEditLane(lane: Pick<Lane, 'department'>): boolean;
  /** Renames, moves and removes `lane`: those who run the board, or the lead of its department. */
  canManageLane(lane: Pick<Lane, 'department'>): boolean;
}

/** Whether the role runs the board: edits its structure and every lane. */
export function runsBoard(role: Role): boolean {
  return role === 'owner' || role === 'facilitator';
}

/** What `access` may do; `null` (no access, or disconnected) may do nothing. */
export function permissionsFor(access: RoleAccess | null): Permissions {
  const role = access?.role ?? 'viewer';
  const department = access?.departmentId ?? null;
  const runs = access !== null && runsBoard(role);
  const inDepartment = (role === 'lead' || role === 'participant') && department !== null;
  return {
    canEditStructure: runs,
    canAddLanes: runs || (role === 'lead' && department !== null),
    canComment: access !== null && role !== 'viewer',
    canShare: runs,
    canInvite: runs || (role === 'lead' && department !== null),
    invitableRoles: runs
      ? ['facilitator', 'lead', 'participant', 'viewer']
      : role === 'lead' && department !== null
        ? ['participant']
        : [],
    canEditLane: (lane) =>
      runs || (inDepartment && (lane.department === SHARED_DEPARTMENT || lane.department === department)),
    canManageLane: (lane) =>
      runs || (role === 'lead' && department !== null && lane.department === department),
  };
}

/** Whether a role belongs to one department (leads and participants do). */
export function needsDepartment(role: Role): boolean {
  return role === 'lead' || role === 'participant';
}
