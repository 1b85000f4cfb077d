import {
  type GrantableRole,
  mayManageLanesOf,
  mayWriteLane,
  needsDepartment,
  type RoleAccess,
  runsBoard,
  SHARED_DEPARTMENT,
} from '@journeyboard/board-model';

/**
 * What a member can no longer do after a change of role or department, worked out with the board
 * model's own rules (the ones the server enforces), the most far-reaching loss first:
 * - `writing`: they only watch now (no cards, no comments);
 * - `running`: they no longer run the board (structure, every lane, sharing);
 * - `department`: they no longer write the lanes of `departmentId`;
 * - `leading`: they no longer add, rename or remove the lanes of `departmentId`, nor invite to it.
 */
export type RightsLost =
  | { kind: 'writing' }
  | { kind: 'running' }
  | { kind: 'department'; departmentId: string }
  | { kind: 'leading'; departmentId: string };

export function rightsLost(from: RoleAccess, to: RoleAccess): RightsLost | null {
  if (mayWriteLane(from, SHARED_DEPARTMENT) && !mayWriteLane(to, SHARED_DEPARTMENT))
    return { kind: 'writing' };
  if (runsBoard(from.role) && !runsBoard(to.role)) return { kind: 'running' };
  const own = from.departmentId;
  if (own === null) return null;
  if (mayWriteLane(from, own) && !mayWriteLane(to, own)) return { kind: 'department', departmentId: own };
  if (mayManageLanesOf(from, own) && !mayManageLanesOf(to, own))
    return { kind: 'leading', departmentId: own };
  return null;
}

/** A change of a member's role, before it is made. */
export interface RoleChangePlan {
  /** Their standing afterwards; when `chooseDepartment`, its department is only a suggestion. */
  to: RoleAccess;
  /**
   * The new role belongs to a department and the member has none (a viewer or a facilitator
   * becoming a participant): whoever makes the change picks it, it is never assigned silently.
   */
  chooseDepartment: boolean;
  /** What they can no longer do: the change waits for a confirmation when this is not null. */
  lost: RightsLost | null;
}

/**
 * Plans giving `role` to a member who stands at `from`. A member who keeps needing a department
 * keeps theirs. One who needs one anew is offered `remembered` (the department they were last
 * seen in, e.g. before they were made a viewer by mistake) if it still exists, else the first.
 */
export function planRoleChange(
  from: RoleAccess,
  role: GrantableRole,
  departments: readonly { id: string }[],
  remembered: string | null,
): RoleChangePlan {
  const exists = (id: string | null): id is string => id !== null && departments.some((d) => d.id === id);
  if (!needsDepartment(role)) {
    const to = { role, departmentId: null };
    return { to, chooseDepartment: false, lost: rightsLost(from, to) };
  }
  if (exists(from.departmentId)) {
    const to = { role, departmentId: from.departmentId };
    return { to, chooseDepartment: false, lost: rightsLost(from, to) };
  }
  const to = { role, departmentId: exists(remembered) ? remembered : (departments[0]?.id ?? null) };
  return { to, chooseDepartment: true, lost: rightsLost(from, to) };
}
