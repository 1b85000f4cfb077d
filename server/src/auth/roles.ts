import { type DocRef, SHARED_DEPARTMENT } from '@journeyboard/board-model';

/** What a person may do on one board. */
export const ROLES = ['owner', 'facilitator', 'lead', 'participant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** One person's standing on one board, as the server resolved it. */
export interface BoardAccess {
  boardId: string;
  role: Role;
  /** The department of a lead or participant; null for the others. */
  departmentId: string | null;
  /** Who: an account or a guest who joined by link; null for a watcher. */
  userId: string | null;
  displayName: string;
}

/** Whether the role runs the board: edits its structure and every lane. */
export function runsBoard(role: Role): boolean {
  return role === 'owner' || role === 'facilitator';
}

/**
 * Whether `access` may write the document `ref`. `laneDepartment` is the owning department of the
 * lane (a department id, SHARED_DEPARTMENT, or null when the lane does not exist).
 */
export function mayWriteDocument(access: BoardAccess, ref: DocRef, laneDepartment: string | null): boolean {
  if (access.role === 'viewer') return false;
  if (runsBoard(access.role)) return true;
  switch (ref.kind) {
    case 'structure':
      return false;
    case 'talk':
      return true;
    case 'lane':
      if (laneDepartment === null) return false;
      return laneDepartment === SHARED_DEPARTMENT || laneDepartment === access.departmentId;
  }
}

/** Whether `access` may add, rename, reorder or remove lanes of `departmentId` by command. */
export function mayManageLanesOf(access: BoardAccess, departmentId: string): boolean {
  if (runsBoard(access.role)) return true;
  return access.role === 'lead' && access.departmentId === departmentId;
}

/** Which roles `access` may give to others (inviting, changing a member). */
export function assignableRoles(access: BoardAccess): Role[] {
  if (access.role === 'owner') return ['facilitator', 'lead', 'participant', 'viewer'];
  if (access.role === 'facilitator') return ['facilitator', 'lead', 'participant', 'viewer'];
  if (access.role === 'lead') return ['participant'];
  return [];
}
