import { hash, verify } from '@node-rs/argon2';
import type { ApiErrorCode, User } from '@journeyboard/board-model';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../storage/schema.ts';
import { hashSecret, randomToken, secretMatches } from './tokens.ts';

const DAY = 24 * 60 * 60 * 1000;
/** Sessions last 30 days from the last use (sliding expiry), unless SESSION_DAYS says otherwise. */
export const SESSION_LIFETIME_MS = 30 * DAY;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const NAME_MAX = 80;

export type { User };

export interface Session {
  id: string;
  userId: string | null;
  boardId: string | null;
  linkId: string | null;
  expiresAt: number;
}

export interface ValidSession {
  session: Session;
  user: User | null;
  /** The token's expiry moved: send the cookie again. */
  renewed: boolean;
}

/**
 * A refusal the person can act on; `status` is the HTTP status to answer with, `code` what the
 * page says in the reader's language, `limit` the length the input broke, if one did.
 */
export class AuthError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly limit: number | undefined;
  constructor(status: number, code: ApiErrorCode, message: string, limit?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.limit = limit;
  }
}

/** A password that did not match: the one refusal that password-guessing limits count. */
export class WrongPassword extends AuthError {}

const INVALID_CREDENTIALS = 'The email or the password is not right';

/** Accounts, guests and sessions, after the design of the Lucia guide (no `lucia` package). */
export class AuthService {
  private readonly db: Kysely<Database>;
  private readonly log: Logger;
  /** A real argon2id hash, verified against when the email is unknown so both paths take as long. */
  private readonly decoyHash: Promise<string>;

  /** How long a session lasts from its last use; it is renewed, and its cookie re-sent, past half of it. */
  private readonly lifetimeMs: number;

  constructor(db: Kysely<Database>, log: Logger, lifetimeMs = SESSION_LIFETIME_MS) {
    this.db = db;
    this.log = log;
    this.lifetimeMs = lifetimeMs;
    this.decoyHash = hash(randomToken());
  }

  async signUp(input: { email: string; password: string; name: string }): Promise<User> {
    const email = normaliseEmail(input.email);
    checkPassword(input.password);
    const name = checkName(input.name);
    const existing = await this.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (existing) {
      // As slow as making an account, so the answer's timing adds nothing to what its words say.
      await this.decoyHash.then((h) => verify(h, input.password));
      throw new AuthError(
        400,
        'SIGN_UP_REFUSED',
        'An account cannot be made with these details. If you have one, sign in.',
      );
    }
    const user: User = { id: randomToken(10), kind: 'account', email, displayName: name };
    const passwordHash = await hash(input.password);
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        kind: 'account',
        email,
        password_hash: passwordHash,
        display_name: name,
        created_at: Date.now(),
      })
      .execute();
    this.log.info({ userId: user.id }, 'account created');
    return user;
  }

  /** The account for these credentials; the same error whether the email or the password is wrong. */
  async verifyCredentials(emailInput: string, password: string): Promise<User> {
    const email = emailInput.trim().toLowerCase();
    const row = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'password_hash', 'display_name'])
      .where('email', '=', email)
      .where('kind', '=', 'account')
      .executeTakeFirst();
    const passwordOk = await verify(row?.password_hash ?? (await this.decoyHash), password).catch(
      () => false,
    );
    if (!row || !passwordOk) throw new WrongPassword(401, 'WRONG_CREDENTIALS', INVALID_CREDENTIALS);
    return { id: row.id, kind: 'account', email: row.email, displayName: row.display_name };
  }

  async createGuest(name: string): Promise<User> {
    const user: User = { id: randomToken(10), kind: 'guest', email: null, displayName: checkName(name) };
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        kind: 'guest',
        email: null,
        password_hash: null,
        display_name: user.displayName,
        created_at: Date.now(),
      })
      .execute();
    return user;
  }

  async changePassword(userId: string, current: string, next: string): Promise<void> {
    checkPassword(next);
    const row = await this.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirst();
    const ok = row?.password_hash ? await verify(row.password_hash, current).catch(() => false) : false;
    if (!ok) throw new WrongPassword(400, 'WRONG_CURRENT_PASSWORD', 'The current password is not right');
    await this.db
      .updateTable('users')
      .set({ password_hash: await hash(next) })
      .where('id', '=', userId)
      .execute();
  }

  /** Starts a session; returns the token for the cookie (never stored). */
  async createSession(
    userId: string | null,
    scope: { boardId?: string; linkId?: string } = {},
  ): Promise<{ token: string; session: Session }> {
    const id = randomToken(15);
    const secret = randomToken(20);
    const session: Session = {
      id,
      userId,
      boardId: scope.boardId ?? null,
      linkId: scope.linkId ?? null,
      expiresAt: Date.now() + this.lifetimeMs,
    };
    await this.db
      .insertInto('sessions')
      .values({
        id,
        secret_hash: hashSecret(secret),
        user_id: userId,
        board_id: session.boardId,
        link_id: session.linkId,
        expires_at: session.expiresAt,
        created_at: Date.now(),
      })
      .execute();
    return { token: `${id}.${secret}`, session };
  }

  /** The session behind a cookie token, renewed when due; null for anything not valid. */
  async validateSessionToken(token: string | undefined): Promise<ValidSession | null> {
    if (!token) return null;
    const [id, secret, ...rest] = token.split('.');
    if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null;
    const row = await this.db
      .selectFrom('sessions')
      .leftJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id',
        'sessions.secret_hash',
        'sessions.user_id',
        'sessions.board_id',
        'sessions.link_id',
        'sessions.expires_at',
        'users.kind',
        'users.email',
        'users.display_name',
      ])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    if (!row || !secretMatches(secret, row.secret_hash)) return null;
    const now = Date.now();
    if (Number(row.expires_at) <= now) {
      await this.invalidateSession(id);
      return null;
    }
    if (row.user_id && !row.kind) return null;
    let expiresAt = Number(row.expires_at);
    let renewed = false;
    if (expiresAt - now < this.lifetimeMs / 2) {
      expiresAt = now + this.lifetimeMs;
      renewed = true;
      await this.db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
    }
    return {
      session: { id, userId: row.user_id, boardId: row.board_id, linkId: row.link_id, expiresAt },
      user:
        row.user_id && row.kind
          ? { id: row.user_id, kind: row.kind, email: row.email, displayName: row.display_name ?? '' }
          : null,
      renewed,
    };
  }

  async invalidateSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  /** Signs a person out everywhere; returns the ended session ids. */
  async invalidateUserSessions(userId: string, except?: string): Promise<string[]> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (except) query = query.where('id', '!=', except);
    const rows = await query.returning('id').execute();
    return rows.map((r) => r.id);
  }

  /** Ends every session made through a link (when it is revoked). */
  async invalidateLinkSessions(linkId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('link_id', '=', linkId).execute();
  }
}

export function normaliseEmail(input: unknown): string {
  const email = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new AuthError(400, 'INVALID_EMAIL', 'Enter an email address like name@example.com');
  }
  return email;
}

function checkPassword(password: unknown): void {
  if (typeof password !== 'string' || [...password].length < PASSWORD_MIN) {
    throw new AuthError(
      400,
      'PASSWORD_TOO_SHORT',
      `Choose a password of at least ${PASSWORD_MIN} characters`,
      PASSWORD_MIN,
    );
  }
  if (password.length > PASSWORD_MAX)
    throw new AuthError(
      400,
      'PASSWORD_TOO_LONG',
      `A password can have at most ${PASSWORD_MAX} characters`,
      PASSWORD_MAX,
    );
}

export function checkName(input: unknown): string {
  const name = typeof input === 'string' ? input.trim().normalize('NFC') : '';
  if (name.length === 0) throw new AuthError(400, 'NAME_EMPTY', 'Enter your name');
  if ([...name].length > NAME_MAX)
    throw new AuthError(400, 'NAME_TOO_LONG', `A name can have at most ${NAME_MAX} characters`, NAME_MAX);
  return name;
}
