/**
 * The world an integration test runs in: the real server as a child process on a random loopback
 * port over a temporary data folder (and, in the PostgreSQL project, a database of its own: see
 * test-store.ts), driven over HTTP and real WebSockets. Everything a helper starts is stopped, and
 * every folder and database it makes is removed, when the test finishes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { readBoard, structureDocName, type BoardStructure } from '@journeyboard/board-model';
import { onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { databaseUrlOf, provisionStore, queryStore } from './test-store.ts';

const MAIN = new URL('../main.ts', import.meta.url).pathname;
const STARTUP_TIMEOUT_MS = 15_000;

/** One JSON log line of the server. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running server process. */
export interface ServerProcess {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `ws://127.0.0.1:PORT/sync` */
  syncUrl: string;
  /** The server's process id (to read its memory). */
  pid: number;
  dataDir: string;
  /** Every log line so far, parsed. */
  logs: LogLine[];
  /** Settles when the process has exited. */
  exited: Promise<ProcessExit>;
  /** Sends `signal` and waits for the process to exit. */
  stop(signal: NodeJS.Signals): Promise<ProcessExit>;
  /** An account signed in on this data folder, used where a test does not name someone else. */
  owner: Identity;
}

/** Someone signed in: the cookie to send, and who it is. */
export interface Identity {
  cookie: string;
  userId: string | null;
}

/** The display name of the account that owns every test server's boards. */
export const OWNER_NAME = 'Olivia Owner';
const OWNER = { email: 'owner@journeyboard.test', password: 'correct horse battery', name: OWNER_NAME };

/** The `name=value` part of a response's session cookie. */
export function sessionCookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const cookie = header.split(';')[0] ?? '';
  if (!cookie.includes('=') || cookie.endsWith('='))
    throw new Error(`no session cookie in the response (${response.status})`);
  return cookie;
}

/** Signs up (or, when the email exists on this data folder, signs in) an account. */
export async function signUp(
  url: string,
  account: { email: string; password: string; name: string },
): Promise<Identity> {
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let response = await post('/api/auth/signup', account);
  if (response.status === 400) response = await post('/api/auth/signin', account);
  if (!response.ok)
    throw new Error(`signing up ${account.email} answered ${response.status}: ${await response.text()}`);
  const { user } = (await response.json()) as { user: { id: string } };
  return { cookie: sessionCookieOf(response), userId: user.id };
}

/** A fresh, empty data folder with its own store, both removed when the test finishes. */
export async function makeDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'journeyboard-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await provisionStore(dir);
  return dir;
}

/**
 * Starts `node src/main.ts` on a random loopback port over `dataDir` (and its store, the same
 * after a restart) and resolves once it logs
 * that it is listening. It is killed when the test finishes, if it is still running.
 */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  // Several instances (REDIS_URL) only where a test asks for them.
  const { REDIS_URL: _inheritedRedis, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...inherited,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrlOf(dataDir),
      LOG_LEVEL: 'debug',
      // The web app is another suite's concern; without a build the server serves API and sync.
      WEB_BUILD_DIR: join(dataDir, 'no-web-build'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close', not 'exit': the process has exited and its output has been read to the end, so a
  // test that stops the server sees every line it logged on the way out.
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });

  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start in ${STARTUP_TIMEOUT_MS} ms:\n${stderr}`)),
      STARTUP_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      let parsed: LogLine;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        parsed = { level: 30, msg: line };
      }
      logs.push(parsed);
      if (parsed.msg === 'Journeyboard is listening') {
        clearTimeout(timer);
        resolve(String(parsed.url));
      }
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${exit.code ?? exit.signal}) before listening:\n${stderr}`));
    });
  });
  const url = await listening;
  return {
    owner: await signUp(url, OWNER),
    url,
    syncUrl: `${url.replace(/^http/, 'ws')}/sync`,
    pid: child.pid!,
    dataDir,
    logs,
    exited,
    stop(signal) {
      child.kill(signal);
      return exited;
    },
  };
}

/** A board as the API returns it. */
export interface BoardSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

/** Creates a board from the default template over the API. */
export async function createBoard(
  server: ServerProcess,
  title = 'Checkout journey',
  by: Identity = server.owner,
): Promise<BoardSummary> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: by.cookie },
    body: JSON.stringify({ title, locale: 'en' }),
  });
  if (response.status !== 201) throw new Error(`creating a board answered ${response.status}`);
  return (await response.json()) as BoardSummary;
}

/** The boards the API lists, newest first. */
export async function listBoards(
  server: ServerProcess,
  by: Identity = server.owner,
): Promise<BoardSummary[]> {
  const response = await fetch(`${server.url}/api/boards`, { headers: { cookie: by.cookie } });
  return ((await response.json()) as { boards: BoardSummary[] }).boards;
}

/**
 * One client of the sync server: one WebSocket, any number of documents over it, as in the
 * browser. Destroyed when the test finishes.
 */
export class SyncClient {
  readonly socket: HocuspocusProviderWebsocket;
  private readonly providers: HocuspocusProvider[] = [];

  constructor(server: ServerProcess, as: Identity = server.owner) {
    this.socket = new HocuspocusProviderWebsocket({
      url: server.syncUrl,
      WebSocketPolyfill: webSocketWithCookie(as.cookie),
    });
    onTestFinished(() => this.destroy());
  }

  /** Opens a document (into a fresh `Y.Doc`) and resolves once the first sync is done. */
  async open(name: string): Promise<HocuspocusProvider> {
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: new Y.Doc(),
      token: '',
    });
    this.providers.push(provider);
    const synced = new Promise<void>((resolve, reject) => {
      provider.on('synced', () => resolve());
      provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
        reject(new Error(`opening ${name} was refused: ${reason}`)),
      );
    });
    provider.attach();
    await synced;
    return provider;
  }

  /** Drops the WebSocket and opens a new one, as after a network hiccup; documents resync. */
  async reconnect(): Promise<void> {
    this.socket.disconnect();
    await waitUntil(() => this.socket.status === WebSocketStatus.Disconnected, 'the socket closed');
    await this.socket.connect();
  }

  destroy(): void {
    for (const provider of this.providers.splice(0)) provider.destroy();
    this.socket.destroy();
  }
}

/** A new client connected to `server` as `as` (the owner unless told). */
export function connectClient(server: ServerProcess, as: Identity = server.owner): SyncClient {
  return new SyncClient(server, as);
}

/** Node's WebSocket, sending a session cookie as a browser would. */
export function webSocketWithCookie(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, { protocols, headers: { cookie } } as unknown as string[]);
    }
  };
}

/** Resolves once the server has acknowledged every update `provider` has sent: "saved". */
export function waitForSaved(provider: HocuspocusProvider, timeoutMs = 20_000): Promise<void> {
  if (provider.unsyncedChanges === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.off('unsyncedChanges', onChange);
      reject(
        new Error(`${provider.configuration.name} still had ${provider.unsyncedChanges} unsaved changes`),
      );
    }, timeoutMs);
    const onChange = ({ number }: { number: number }) => {
      if (number !== 0) return;
      clearTimeout(timer);
      provider.off('unsyncedChanges', onChange);
      resolve();
    };
    provider.on('unsyncedChanges', onChange);
  });
}

/** The board's structure as a fresh client loads it. */
export async function loadBoard(client: SyncClient, boardId: string): Promise<BoardStructure> {
  const provider = await client.open(structureDocName(boardId));
  return readBoard(provider.document);
}

/** How many updates of `docName` are in the log, not yet merged into its snapshot. */
export function loggedUpdateCount(dataDir: string, docName: string): Promise<number> {
  return queryStore(dataDir, async (db) => {
    const row = await db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('doc_name', '=', docName)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

/** Resolves once `condition` holds, checking every few milliseconds. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
