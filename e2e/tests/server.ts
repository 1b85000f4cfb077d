import type { BrowserContext } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const serverMain = new URL('../../server/src/main.ts', import.meta.url).pathname;

/** A free loopback port, so a restarted server can come back where the pages expect it. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A real Journeyboard server in its own process, with its own data folder. */
export class ServerProcess {
  readonly dataDir: string;
  readonly port: number;
  private child: ChildProcess | null = null;

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
    const child = spawn(process.execPath, [serverMain], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      const timer = setTimeout(
        () => reject(new Error(`the server did not start in 20 s: ${stderr}`)),
        20_000,
      );
      lines.on('line', (line) => {
        if (line.includes('Journeyboard is listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code}: ${stderr}`));
      });
    });
  }

  /** Ends the process with `signal` (SIGKILL: no chance to flush anything) and waits for it. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    this.child = null;
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

const SESSION_COOKIE = 'journeyboard_session';
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
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  return {
    body: (text ? JSON.parse(text) : {}) as T,
    session: cookie ? cookie.slice(SESSION_COOKIE.length + 1) : null,
  };
}

/** Signs up a new account through the API. */
export async function signUp(
  server: ServerProcess,
  name: string,
  email = `person${++accounts}.${Date.now()}@example.com`,
): Promise<Account> {
  const password = 'correct horse battery';
  const { body, session } = await callApi<{ user: { id: string } }>(server, 'POST', '/api/auth/signup', {
    body: { email, password, name },
  });
  if (!session) throw new Error('signing up set no session cookie');
  return { id: body.user.id, name, email, password, session };
}

/** Signs `account` in again through the API: the copy returned holds a session of its own (another device). */
export async function signInAgain(server: ServerProcess, account: Account): Promise<Account> {
  const { session } = await callApi(server, 'POST', '/api/auth/signin', {
    body: { email: account.email, password: account.password },
  });
  if (!session) throw new Error('signing in set no session cookie');
  return { ...account, session };
}

/** Puts `account`'s session cookie into a browser context: its pages are signed in. */
export async function signInContext(context: BrowserContext, server: ServerProcess, account: Account) {
  await context.addCookies([{ name: SESSION_COOKIE, value: account.session, url: server.url }]);
}

/** Creates a board through the HTTP API as `owner`, as the home page does. */
export async function createBoard(server: ServerProcess, owner: Account, title: string): Promise<string> {
  const { body } = await callApi<{ id: string }>(server, 'POST', '/api/boards', {
    account: owner,
    body: { title, locale: 'en' },
  });
  return body.id;
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
