import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import * as v from 'valibot';
import type { AuthService, ValidSession } from '../auth/auth-service.ts';
import type { MembershipStore } from '../auth/membership-store.ts';
import type { InvitationMailer } from '../mail/invitation-mail.ts';
import type { Role } from '@journeyboard/board-model';
import type { BoardAccess } from '../auth/roles.ts';
import type { AttachmentStore } from '../storage/attachment-store.ts';
import type { BoardStore } from '../storage/board-store.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { AccessExtension } from '../sync/access-extension.ts';
import type { BoardStructureReader } from '../sync/board-structure.ts';
import type { ServerWriter } from '../sync/server-writer.ts';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies.ts';
import { HttpError, readJson } from './responses.ts';

/** Everything the API's routes use. */
export interface ApiDependencies {
  boards: BoardStore;
  attachments: AttachmentStore;
  documents: DocumentStore;
  auth: AuthService;
  memberships: MembershipStore;
  access: AccessExtension;
  writer: ServerWriter;
  structure: BoardStructureReader;
  log: Logger;
  /** PUBLIC_URL, when configured: the only origin pages and sockets may come from. */
  publicUrl: URL | null;
  /** How many reverse proxies in front are trusted to name the client (TRUST_PROXY). */
  trustedProxies: number;
  /** Sends invitation links by email (SMTP_URL); null when no mail server is configured. */
  mailer: InvitationMailer | null;
  /** Resolves when storage answers; rejects otherwise. */
  pingStorage: () => Promise<void>;
  storageKind: string;
}

/** Whether cookies must be marked Secure: the app is served over TLS. */
export function servedOverTls(req: IncomingMessage, publicUrl: URL | null): boolean {
  if (publicUrl) return publicUrl.protocol === 'https:';
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}

/** The request's session, if any; a renewed session's cookie is sent again. */
export async function currentSession(
  deps: ApiDependencies,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<ValidSession | null> {
  const token = readCookie(req.headers, SESSION_COOKIE);
  const valid = await deps.auth.validateSessionToken(token);
  const secure = servedOverTls(req, deps.publicUrl);
  if (valid?.renewed && token)
    res.setHeader('set-cookie', sessionCookie(token, valid.session.expiresAt, secure));
  if (!valid && token) res.setHeader('set-cookie', clearedSessionCookie(secure));
  return valid;
}

export async function requireSession(
  deps: ApiDependencies,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<ValidSession> {
  const valid = await currentSession(deps, req, res);
  if (!valid) throw new HttpError(401, 'SIGN_IN_REQUIRED', 'Sign in first');
  return valid;
}

/** The roles that run the board: the only ones whose facilitation commands the server carries out. */
export const RUNS_BOARD: readonly Role[] = ['owner', 'facilitator'];

/** The caller's access to a board; 404 when they have none, so boards are not revealed. */
export async function requireAccess(
  deps: ApiDependencies,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
  allowed?: readonly Role[],
): Promise<{ valid: ValidSession; access: BoardAccess }> {
  const valid = await requireSession(deps, req, res);
  const access = await deps.memberships.resolveAccess(valid.session, valid.user, boardId);
  if (!access || !(await deps.boards.exists(boardId)))
    throw new HttpError(404, 'BOARD_NOT_FOUND', `Board "${boardId}" not found`);
  if (allowed && !allowed.includes(access.role)) {
    throw new HttpError(403, 'ROLE_NOT_ALLOWED', `Your role on this board (${access.role}) cannot do that`);
  }
  return { valid, access };
}

/** Reads a JSON body and checks it against a schema; a mismatch is a 400 with every message. */
export async function readBody<S extends v.GenericSchema>(
  req: IncomingMessage,
  schema: S,
): Promise<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, await readJson(req));
  if (!parsed.success)
    throw new HttpError(400, 'INVALID_REQUEST', parsed.issues.map((i) => i.message).join('; '));
  return parsed.output;
}
