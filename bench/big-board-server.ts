// The big-board benchmark's world: Journeyboard's server (lib/server-under-test.ts) on a fixed
// loopback port over a data folder of its own, restartable so that a client can come back to the
// same address; an owner signed in through the API; and sync clients that send the owner's cookie.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import {
  type LogLine,
  SyncClient as RawSyncClient,
  waitForSaved as waitForSavedWithin,
} from '@journeyboard/testing';
import { createBoard, signUp } from './lib/journeyboard-api.ts';
import { freePort, type ServerProcess, spawnJourneyboard } from './lib/server-under-test.ts';

/**
 * The built web app the server serves (`pnpm --filter @journeyboard/web build`); BIG_BOARD_WEB_BUILD
 * names another build, e.g. of an older commit, to compare with.
 */
const WEB_BUILD_DIR = process.env.BIG_BOARD_WEB_BUILD || new URL('../web/build', import.meta.url).pathname;

/**
 * Journeyboard's server over a data folder of its own; `restart` brings it back on the same port.
 * It logs at debug level: one line per document it loads, with how long storage took
 * (`document loaded`), which tells a cold load from a warm one and where its time went.
 */
export class BenchServer {
  readonly dataDir: string;
  readonly port: number;
  /** Where each process writes its CPU profile when it stops (`node --cpu-prof`), if anywhere. */
  readonly cpuProfileDir: string | null;
  private process: ServerProcess | null = null;

  private constructor(dataDir: string, port: number, cpuProfileDir: string | null) {
    this.dataDir = dataDir;
    this.port = port;
    this.cpuProfileDir = cpuProfileDir;
  }

  /** Starts a server over a fresh data folder. Fails when the web app is not built. */
  static async start(options: { cpuProfileDir?: string | null } = {}): Promise<BenchServer> {
    if (!existsSync(join(WEB_BUILD_DIR, 'handler.js'))) {
      throw new Error(
        `the web app is not built (${WEB_BUILD_DIR} has no handler.js): run ` +
          '`node scripts/toolchain.mjs pnpm --filter @journeyboard/web build` first',
      );
    }
    const server = new BenchServer(
      mkdtempSync(join(tmpdir(), 'journeyboard-big-board-')),
      await freePort(),
      options.cpuProfileDir ?? null,
    );
    await server.startProcess();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get syncUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  /** The process running now. */
  get pid(): number {
    return this.running().pid;
  }

  /** performance.now() when the process running now was spawned (its CPU profile starts there). */
  get spawnedAt(): number {
    return this.running().spawnedAt;
  }

  /** What the process running now has logged so far, parsed; it grows as the process logs. */
  get logs(): LogLine[] {
    return this.running().logs;
  }

  /** Stops the process gracefully (it flushes its log) and starts a new one on the same port. */
  async restart(): Promise<void> {
    await this.process?.stop();
    await this.startProcess();
  }

  /** Stops the process and removes its data folder. */
  async dispose(): Promise<void> {
    await this.process?.stop();
    this.process = null;
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private running(): ServerProcess {
    if (!this.process) throw new Error('the big board server is not running');
    return this.process;
  }

  private async startProcess(): Promise<void> {
    this.process = await spawnJourneyboard({
      dataDir: this.dataDir,
      port: this.port,
      env: { WEB_BUILD_DIR },
      logLevel: 'debug',
      cpuProfileDir: this.cpuProfileDir,
    });
  }
}

/** Someone signed in. */
export interface Account {
  userId: string;
  /** The `Cookie` header their requests send: `journeyboard_session=…`. */
  cookie: string;
}

/** The session cookie's name and value, for a browser context. */
export function sessionCookie(account: Account): { name: string; value: string } {
  const [name, ...value] = account.cookie.split('=');
  return { name: name!, value: value.join('=') };
}

/** Signs up the board's owner through the API. */
export async function signUpOwner(server: BenchServer): Promise<Account> {
  const cookie = await signUp(server.url, `owner.${Date.now()}@big-board.bench`);
  const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
  const { user } = (await me.json()) as { user: { id: string } };
  return { userId: user.id, cookie };
}

/** Creates a board from the default template, as the home page does; returns its id. */
export function createBigBoard(server: BenchServer, owner: Account): Promise<string> {
  return createBoard(server.url, owner.cookie, 'Big board');
}

/**
 * One client of the sync server, as a page is: one WebSocket, any number of documents over it.
 * Without presence: the benchmark loads and writes cards, and measures nothing else.
 */
export class SyncClient extends RawSyncClient {
  constructor(server: BenchServer, as: Account) {
    super(server.syncUrl, as.cookie, { presence: false });
  }
}

/**
 * Resolves once the server has acknowledged every update `provider` sent ("saved"). A big board's
 * first save takes far longer than a test's, hence the longer wait.
 */
export function waitForSaved(provider: HocuspocusProvider, timeoutMs = 120_000): Promise<void> {
  return waitForSavedWithin(provider, timeoutMs);
}
