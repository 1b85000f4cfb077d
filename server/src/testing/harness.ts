/**
 * The world an integration test runs in: the real server as a child process on a random loopback
 * port over a temporary data folder (and, in the PostgreSQL project, a database of its own: see
 * test-store.ts), driven over HTTP and real WebSockets. Everything a helper starts is stopped, and
 * every folder and database it makes is removed, when the test finishes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBoard, structureDocName, type BoardStructure, type CardAuthor } from '@journeyboard/board-model';
import {
  type BoardSummary,
  createBoard as createBoardOverApi,
  type Identity,
  type LogLine,
  type ProcessExit,
  signUp as signUpOverApi,
  spawnServer,
  SyncClient as RawSyncClient,
} from '@journeyboard/testing';
import { onTestFinished } from 'vitest';
import { databaseUrlOf, provisionStore, queryStore } from './test-store.ts';

export {
  type BoardSummary,
  type Identity,
  type LogLine,
  type ProcessExit,
  sessionCookieOf,
  waitForSaved,
  waitUntil,
  webSocketWithCookie,
} from '@journeyboard/testing';

const STARTUP_TIMEOUT_MS = 15_000;

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

/** The display name of the account that owns every test server's boards. */
export const OWNER_NAME = 'Olivia Owner';
const OWNER = { email: 'owner@journeyboard.test', password: 'correct horse battery', name: OWNER_NAME };

/**
 * Signs up (or, when the email exists on this data folder, signs in) an account: a server
 * restarted over the same folder gives back the same person.
 */
export function signUp(url: string, account: { email: string; password: string; name: string }) {
  return signUpOverApi(url, account, { signInIfTaken: true });
}

/** The owner of a test server's boards as the author of the cards they write (no department). */
export function ownerAuthor(server: ServerProcess): CardAuthor {
  return { id: server.owner.userId!, name: OWNER_NAME, departmentId: null, guest: false };
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
  const started = spawnServer({
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
    startupTimeoutMs: STARTUP_TIMEOUT_MS,
  });
  // Registered before the wait, so that a server that starts but fails a later step is killed too.
  onTestFinished(async () => {
    const server = await started.catch(() => null);
    if (server?.running()) server.child.kill('SIGKILL');
    await server?.exited;
  });
  const server = await started;
  const url = server.url;
  return {
    owner: await signUp(url, OWNER),
    url,
    syncUrl: `${url.replace(/^http/, 'ws')}/sync`,
    pid: server.pid,
    dataDir,
    logs: server.logs,
    exited: server.exited,
    stop(signal) {
      server.child.kill(signal);
      return server.exited;
    },
  };
}

/** Creates a board from the default template over the API. */
export async function createBoard(
  server: ServerProcess,
  title = 'Checkout journey',
  by: Identity = server.owner,
): Promise<BoardSummary> {
  return createBoardOverApi(server.url, by.cookie, title);
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
export class SyncClient extends RawSyncClient {
  constructor(server: ServerProcess, as: Identity = server.owner) {
    super(server.syncUrl, as.cookie);
    onTestFinished(() => this.destroy());
  }
}

/** A new client connected to `server` as `as` (the owner unless told). */
export function connectClient(server: ServerProcess, as: Identity = server.owner): SyncClient {
  return new SyncClient(server, as);
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
