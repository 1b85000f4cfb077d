/**
 * A server as a child process of the test or benchmark: spawned with `node`, ready once it says
 * so on standard output, stopped with a signal. Who cleans up after it (a test hook, a fixture,
 * a `finally`) is the caller's business.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Journeyboard's own entry point in this checkout. */
export const SERVER_MAIN = new URL('../../../server/src/main.ts', import.meta.url).pathname;

/**
 * The options `node` runs Journeyboard's server with, as `npm start` does (the root's `serve` and
 * the server's `start` scripts say the same, and so do README.md's commands).
 *
 * `--max-semi-space-size=32`: V8 keeps new objects in a young generation of two semi-spaces and
 * grows them while objects keep surviving its collections, up to 32 MB each where pointers are
 * compressed (Chrome) and twice that where they are not (Node's builds), and does not shrink them
 * while the server is busy. A server with a thousand people connected reaches Node's top within a
 * minute: 128 MB resident. Held at Chrome's, young collections come more often and each is
 * shorter, for 64 MB less (bench/README.md, "Memory per connection").
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=32'];

/** What Journeyboard logs once it accepts connections; its `url` field says where. */
export const LISTENING_MESSAGE = 'Journeyboard is listening';

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

/** A line of output as a log line; a line that is not JSON (another program's) becomes its `msg`. */
export function parseLogLine(line: string): LogLine {
  try {
    const parsed = JSON.parse(line) as unknown;
    if (parsed && typeof parsed === 'object') return parsed as LogLine;
  } catch {
    // Not JSON: another program's line, kept as it is.
  }
  return { level: 30, msg: line };
}

/** The address Journeyboard's "listening" line names, or null for any other line. */
export function journeyboardListening(line: LogLine): string | null {
  return line.msg === LISTENING_MESSAGE ? String(line.url) : null;
}

export interface SpawnOptions {
  /** The script `node` runs. */
  main?: string;
  /** Options for `node` itself, before the script (`--cpu-prof`…). */
  nodeArgs?: string[];
  /** The child's whole environment: what it inherits is the caller's choice. */
  env: NodeJS.ProcessEnv;
  /** The `http://…` address the process listens on, once a line says so. */
  isListening?: (line: LogLine) => string | null;
  startupTimeoutMs?: number;
  /** Names the process in error messages. */
  what?: string;
}

/** A process that has said it listens. */
export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Every line of its standard output so far, parsed. */
  logs: LogLine[];
  /** performance.now() at spawn, to time later milestones from it. */
  spawnedAt: number;
  /** From spawn to the process saying it listens, in milliseconds. */
  listeningAfterMs: number;
  /** Settles once the process has exited and its output has been read to the end. */
  exited: Promise<ProcessExit>;
  /** Whether the process has not exited yet. */
  running(): boolean;
  /**
   * Sends `signal` (unless it has exited already) and waits for the exit; with `killAfterMs`, a
   * process that has not exited by then is killed, so a hung shutdown cannot hang the caller.
   */
  stop(signal?: NodeJS.Signals, killAfterMs?: number): Promise<ProcessExit>;
  /** The last part of its standard error, for error messages. */
  stderrTail(): string;
}

/** How much standard error is kept: enough for a stack trace, not a whole run's warnings. */
const STDERR_KEPT = 16_000;

/** Spawns `node main` and resolves once a line of its output says it listens. */
export function spawnServer(options: SpawnOptions): Promise<SpawnedServer> {
  const {
    main = SERVER_MAIN,
    nodeArgs = [],
    isListening = journeyboardListening,
    startupTimeoutMs = 15_000,
    what = 'the server',
  } = options;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEPT);
  });
  // 'close', not 'exit': the process has exited and its output has been read to the end, so a
  // caller that stops the server sees every line it logged on the way out.
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', killAfterMs?: number) => {
    if (!running()) return exited;
    child.kill(signal);
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    const exit = await exited;
    if (timer) clearTimeout(timer);
    return exit;
  };

  return new Promise((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`${what} did not start in ${startupTimeoutMs} ms:\n${stderr}`));
    }, startupTimeoutMs);
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = parseLogLine(text);
      logs.push(line);
      if (started) return;
      const url = isListening(line);
      if (url === null) return;
      started = true;
      clearTimeout(timer);
      resolve({
        child,
        pid: child.pid!,
        url,
        port: Number(new URL(url).port),
        logs,
        spawnedAt,
        listeningAfterMs: performance.now() - spawnedAt,
        exited,
        running,
        stop,
        stderrTail: () => stderr,
      });
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      if (!started)
        reject(new Error(`${what} exited (${exit.code ?? exit.signal}) before listening:\n${stderr}`));
    });
  });
}
