import type { GrantableRole, Role } from './roles.ts';

// The HTTP API's request and response types, written once: the server answers with them and the
// page reads them.

export interface User {
  id: string;
  kind: 'account' | 'guest';
  email: string | null;
  displayName: string;
}

/** Who is asking, and the one board a link session is bound to (null for an account). */
export interface Me {
  user: User | null;
  boardId: string | null;
}

export interface BoardSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  role: Role;
}

/** One person's standing on one board, as the server resolved it. */
export interface BoardAccess {
  boardId: string;
  role: Role;
  /** The department of a lead or participant; null for the others. */
  departmentId: string | null;
  /** An account or a guest who joined by link; null for a watcher. */
  userId: string | null;
  displayName: string;
  /** Joined by a share link, without an account. */
  guest: boolean;
}

export interface BoardDetails {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  access: BoardAccess;
  user: User | null;
}

export interface Member {
  userId: string;
  displayName: string;
  /** Shown only to those who manage members. */
  email: string | null;
  guest: boolean;
  role: Role;
  departmentId: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: GrantableRole;
  departmentId: string | null;
  createdAt: number;
  /** When its link stops working; null for one made before links, which never works. */
  expiresAt: number | null;
}

/** A new invitation, its one-time link (shown this once), and whether the link was mailed. */
export interface NewInvitation {
  invitation: Invitation;
  link: string;
  /** `off`: no mail server is configured; `failed`: the mail server did not take the message. */
  mail: 'sent' | 'off' | 'failed';
}

/** What an invitation link offers. */
export interface InvitationOffer {
  boardId: string;
  title: string;
  email: string;
  role: GrantableRole;
  departmentId: string | null;
  departmentName: string | null;
  expiresAt: number;
}

export interface ShareLink {
  id: string;
  boardId: string;
  kind: 'join' | 'watch';
  token: string;
  createdAt: number;
}

/** What a share link leads to. */
export interface LinkInfo {
  kind: 'join' | 'watch';
  boardId: string;
  title: string;
  departments: { id: string; name: string }[];
}
