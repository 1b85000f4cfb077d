import type { BrowserContext } from '@playwright/test';
import {
  createBoard as createBoardOverApi,
  freePort,
  type Identity,
  SESSION_COOKIE,
  sessionCookieIn,
  signIn,
  signUp as signUpOverApi,
  type SpawnedServer,
  spawnServer,
} from '@journeyboard/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real Journeyboard server in its own process, with its own data folder. */
export class ServerProcess {
  readonly dataDir: string;
  /** Chosen once, so a restarted server comes back where the pages expect it. */
  readonly port: number;
  private process: SpawnedServer | null = null;

  private constructor(dataDir: string, port: number) {
    this.dataDir = dataDir;
    this.port = port;
  }

  static async start(): Promise<ServerProcess> {
    const server = new ServerProcess(await mkdtemp(join(tmpdir(), 'journeyboard-e2e-')), await freePort());
    await server.startProcess();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process and resolves once it logs that it is listening. */
  async startProcess(): Promise<void> {
    this.process = await spawnServer({
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'info',
      },
      startupTimeoutMs: 20_000,
    });
  }

  /** Ends the process with `signal` (SIGKILL: no chance to flush anything) and waits for it. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.process) return;
    await this.process.stop(signal);
    this.process = null;
  }

  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Someone with an account, and the session cookie of their sign-up. */
export interface Account {
  id: string;
  name: string;
  email: string;
  password: string;
  /** The session cookie's value. */
  session: string;
}

let accounts = 0;

/**
 * Calls the JSON API as `account` (or as nobody), the way the pages do; throws on an error status.
 * Returns the body and the session cookie the server set, if it set one.
 */
export async function callApi<T = unknown>(
  server: ServerProcess,
  method: string,
  path: string,
  options: { account?: Account | null; body?: unknown } = {},
): Promise<{ body: T; session: string | null }> {
  const headers: Record<string, string> = { origin: server.url };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.account) headers.cookie = `${SESSION_COOKIE}=${options.account.session}`;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${text}`);
  const cookie = sessionCookieIn(response);
  return {
    body: (text ? JSON.parse(text) : {}) as T,
    session: cookie ? cookie.slice(SESSION_COOKIE.length + 1) : null,
  };
}

/** The session cookie's value, from the `Cookie` header an identity sends. */
function sessionOf(identity: Identity): string {
  return identity.cookie.slice(SESSION_COOKIE.length + 1);
}

/** Signs up a new account through the API, sending an Origin as the sign-up page does. */
export async function signUp(
  server: ServerProcess,
  name: string,
  email = `person${++accounts}.${Date.now()}@example.com`,
): Promise<Account> {
  const password = 'correct horse battery';
  const identity = await signUpOverApi(
    server.url,
    { email, password, name },
    { headers: { origin: server.url } },
  );
  return { id: identity.userId!, name, email, password, session: sessionOf(identity) };
}

/** Signs `account` in again through the API: the copy returned holds a session of its own (another device). */
export async function signInAgain(server: ServerProcess, account: Account): Promise<Account> {
  const identity = await signIn(server.url, account, { origin: server.url });
  return { ...account, session: sessionOf(identity) };
}

/** Puts `account`'s session cookie into a browser context: its pages are signed in. */
export async function signInContext(context: BrowserContext, server: ServerProcess, account: Account) {
  await context.addCookies([{ name: SESSION_COOKIE, value: account.session, url: server.url }]);
}

/** Creates a board through the HTTP API as `owner`, as the home page does. */
export async function createBoard(server: ServerProcess, owner: Account, title: string): Promise<string> {
  const board = await createBoardOverApi(server.url, `${SESSION_COOKIE}=${owner.session}`, title, {
    origin: server.url,
  });
  return board.id;
}

/** Accepts the invitation of `link` (`…/invite/<token>`) as `account`, as its page does. */
export async function acceptInvitation(server: ServerProcess, account: Account, link: string): Promise<void> {
  const token = /\/invite\/([^/?#]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`not an invitation link: ${link}`);
  await callApi(server, 'POST', '/api/invitations/accept', { account, body: { token } });
}

/**
 * Gives a new account a role on a board: `by` invites their email address, and they sign up and
 * accept by the invitation's link.
 */
export async function signUpInvited(
  server: ServerProcess,
  by: Account,
  boardId: string,
  name: string,
  role: 'facilitator' | 'lead' | 'participant' | 'viewer',
  departmentId: string | null = null,
): Promise<Account> {
  const email = `invited${++accounts}.${Date.now()}@example.com`;
  const { body } = await callApi<{ link: string }>(server, 'POST', `/api/boards/${boardId}/invitations`, {
    account: by,
    body: { email, role, departmentId },
  });
  const account = await signUp(server, name, email);
  await acceptInvitation(server, account, body.link);
  return account;
}
