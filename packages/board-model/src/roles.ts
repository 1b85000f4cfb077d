import { SHARED_DEPARTMENT } from './schema.ts';

/**
 * Who may write which document of a board. The server enforces these rules on every sync
 * connection; the page uses the same functions to offer only what the server would accept.
 */
export const ROLES = ['owner', 'facilitator', 'lead', 'participant', 'viewer'] as const;
/** What a person may do on one board. */
export type Role = (typeof ROLES)[number];
/** The roles one member can give another (ownership moves only by transfer). */
export type GrantableRole = Exclude<Role, 'owner'>;

/** The part of a person's standing on a board that the rules look at. */
export interface RoleAccess {
  role: Role;
  /** The department of a lead or participant; null for the others. */
  departmentId: string | null;
}

/** Whether the role runs the board: edits its structure and every lane. */
export function runsBoard(role: Role): boolean {
  return role === 'owner' || role === 'facilitator';
}

/** Whether a role belongs to one department (leads and participants do). */
export function needsDepartment(role: Role): boolean {
  return role === 'lead' || role === 'participant';
}

/**
 * Whether `access` may write the cards of a lane owned by `laneDepartment` (a department id,
 * SHARED_DEPARTMENT, or null when the lane does not exist).
 */
export function mayWriteLane(access: RoleAccess, laneDepartment: string | null): boolean {
  if (laneDepartment === null || access.role === 'viewer') return false;
  if (runsBoard(access.role)) return true;
  return (
    access.departmentId !== null &&
    (laneDepartment === SHARED_DEPARTMENT || laneDepartment === access.departmentId)
  );
}

/** Whether `access` (of the person `userId`) may remove a comment written by `authorId`. */
export function mayRemoveComment(
  access: Pick<RoleAccess, 'role'>,
  userId: string | null,
  authorId: string | null,
): boolean {
  if (access.role === 'viewer') return false;
  return runsBoard(access.role) || (userId !== null && userId === authorId);
}

/** Whether the person `userId` (with `access`) may change the text of a comment by `authorId`: its author alone. */
export function mayEditComment(
  access: Pick<RoleAccess, 'role'>,
  userId: string | null,
  authorId: string | null,
): boolean {
  return access.role !== 'viewer' && userId !== null && userId === authorId;
}

/**
 * Whether `access` (of the person `userId`) may resolve or reopen a thread whose root was written
 * by `rootAuthorId`: the root's author, or someone who runs the board.
 */
export function mayResolveThread(
  access: Pick<RoleAccess, 'role'>,
  userId: string | null,
  rootAuthorId: string | null,
): boolean {
  if (access.role === 'viewer') return false;
  return runsBoard(access.role) || (userId !== null && userId === rootAuthorId);
}

/** Whether `access` may add, rename, reorder or remove lanes of `departmentId`. */
export function mayManageLanesOf(access: RoleAccess, departmentId: string): boolean {
  if (runsBoard(access.role)) return true;
  return access.role === 'lead' && access.departmentId !== null && access.departmentId === departmentId;
}

/** Which roles `access` may give to others (inviting, changing a member). */
export function assignableRoles(access: RoleAccess): GrantableRole[] {
  if (runsBoard(access.role)) return ['facilitator', 'lead', 'participant', 'viewer'];
  if (access.role === 'lead' && access.departmentId !== null) return ['participant'];
  return [];
}

/** Whether `access` looks after the people of `departmentId`: those who run the board, or its lead. */
export function looksAfterDepartment(access: RoleAccess, departmentId: string | null): boolean {
  if (runsBoard(access.role)) return true;
  return access.role === 'lead' && access.departmentId !== null && departmentId === access.departmentId;
}

/** Whether `access` may move a lane from one department to another: only those who run the board. */
export function mayMoveLaneBetweenDepartments(access: RoleAccess): boolean {
  return runsBoard(access.role);
}

/**
 * The department a new lane made by `access` belongs to: a lead's lanes are always their own
 * department's; those who run the board choose (`requested`), shared when they do not.
 */
export function newLaneDepartment(access: RoleAccess, requested: string | undefined | null): string {
  if (access.role === 'lead' && access.departmentId !== null) return access.departmentId;
  return requested ?? SHARED_DEPARTMENT;
}

/**
 * Whether `access` (of the person `userId`) may remove `target` from the board: never the owner;
 * anyone may leave; those who run the board remove anyone else; a lead, the participants of their
 * own department.
 */
export function mayRemoveMember(
  access: RoleAccess,
  userId: string | null,
  target: { userId: string; role: Role; departmentId: string | null },
): boolean {
  if (target.role === 'owner') return false;
  if (userId !== null && target.userId === userId) return true;
  if (runsBoard(access.role)) return true;
  return (
    access.role === 'lead' &&
    target.role === 'participant' &&
    looksAfterDepartment(access, target.departmentId)
  );
}

/**
 * Whether `access` may upload attachments to a board (onto a card or a persona): everyone who
 * may write something on it, so not viewers (nor watchers, who are viewers).
 */
export function mayUploadAttachment(access: Pick<RoleAccess, 'role'>): boolean {
  return access.role !== 'viewer';
}

/**
 * Whether `access` (of the person `userId`) may delete an attachment uploaded by `uploaderId`
 * from the server: its uploader, the owner and facilitators; never a viewer. (Taking an
 * attachment off a card is a change of the card, for whoever may write its lane.)
 */
export function mayRemoveAttachment(
  access: Pick<RoleAccess, 'role'>,
  userId: string | null,
  uploaderId: string,
): boolean {
  if (access.role === 'viewer') return false;
  return runsBoard(access.role) || (userId !== null && userId === uploaderId);
}
