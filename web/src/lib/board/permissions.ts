import {
  assignableRoles,
  type GrantableRole,
  type Lane,
  mayManageLanesOf,
  mayWriteDocument,
  mayWriteLane,
  type RoleAccess,
  runsBoard,
} from '@journeyboard/board-model';

export type { RoleAccess };

/**
 * What the page offers a person on a board: the board model's role rules, the same functions the
 * server enforces, so the page offers exactly what the server accepts.
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

/** What `access` may do; `null` (no access, or disconnected) may do nothing. */
export function permissionsFor(access: RoleAccess | null): Permissions {
  const runs = access !== null && runsBoard(access.role);
  const leads = access?.role === 'lead' && access.departmentId !== null;
  return {
    canEditStructure: runs,
    canAddLanes: runs || leads,
    canComment: access !== null && mayWriteDocument(access, { kind: 'talk', boardId: '' }, null),
    canShare: runs,
    canInvite: runs || leads,
    invitableRoles: access ? assignableRoles(access) : [],
    canEditLane: (lane) => access !== null && mayWriteLane(access, lane.department),
    canManageLane: (lane) => access !== null && mayManageLanesOf(access, lane.department),
  };
}
