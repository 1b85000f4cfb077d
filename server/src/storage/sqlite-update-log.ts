import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { StorageRequest, WorkerReply, WorkerRequest } from './sqlite-update-log-worker.ts';
import type { Compaction, LogBatch, UpdateLog } from './update-log.ts';

/** The compacting thread stops after this long without work (it holds Yjs and a connection). */
const COMPACTOR_IDLE_STOP_MS = 60_000;

interface Waiter {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
}

/** A running thread and the requests it has not answered yet. */
interface Running {
  worker: Worker;
  waiting: Map<number, Waiter>;
}

/**
 * A worker thread with its own connection to the SQLite file. A thread that dies fails what it
 * was asked, and another is started on the next request.
 */
class SqliteThread {
  private readonly file: string;
  private readonly name: string;
  private readonly log: Logger;
  private readonly idleStopMs: number | null;
  private running: Running | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;

  /**
   * `idleStopMs: null` starts the thread now and keeps it (the first edit does not wait for it to
   * load); otherwise it starts when asked and stops after that long without work, to give back
   * its memory.
   */
  constructor(file: string, name: string, log: Logger, idleStopMs: number | null) {
    this.file = file;
    this.name = name;
    this.log = log;
    this.idleStopMs = idleStopMs;
    if (idleStopMs === null) this.running = this.start();
  }

  async call(request: StorageRequest): Promise<WorkerReply & { ok: true }> {
    this.running ??= this.start();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const reply = await this.send(this.running, request);
    if (!reply.ok) throw new Error(reply.message);
    return reply;
  }

  /** Lets the thread finish what it was asked, closes its connection, and stops it. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const running = this.running;
    this.running = null;
    if (running) await this.stop(running);
  }

  private send(running: Running, request: StorageRequest): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      running.waiting.set(id, { resolve, reject });
      // Keeps the process alive while the thread holds a request, not while it idles.
      if (running.waiting.size === 1) running.worker.ref();
      running.worker.postMessage({ ...request, id } satisfies WorkerRequest);
    });
  }

  private async stop(running: Running): Promise<void> {
    await this.send(running, { kind: 'close' }).catch(() => undefined);
    await running.worker.terminate();
  }

  private start(): Running {
    const worker = new Worker(new URL('./sqlite-update-log-worker.ts', import.meta.url), {
      name: this.name,
      workerData: { file: this.file },
    });
    worker.unref();
    const running: Running = { worker, waiting: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      const waiter = running.waiting.get(reply.id);
      if (!waiter) return;
      running.waiting.delete(reply.id);
      if (running.waiting.size === 0) {
        worker.unref();
        if (this.idleStopMs !== null && this.running === running) {
          this.idleTimer = setTimeout(() => this.stopIdle(running), this.idleStopMs).unref();
        }
      }
      waiter.resolve(reply);
    });
    worker.on('error', (error) => {
      this.log.error({ err: error, thread: this.name }, 'a storage thread failed; another will be started');
      this.fail(running, error);
    });
    worker.on('exit', (code) => {
      this.fail(running, new Error(`The storage thread ${this.name} stopped (exit code ${code})`));
    });
    return running;
  }

  private stopIdle(running: Running): void {
    this.idleTimer = null;
    if (this.running !== running || running.waiting.size > 0) return;
    this.running = null;
    void this.stop(running);
  }

  private fail(running: Running, error: Error): void {
    if (this.running === running) this.running = null;
    const waiting = [...running.waiting.values()];
    running.waiting.clear();
    for (const waiter of waiting) waiter.reject(error);
  }
}

/**
 * The update log of a SQLite store, written on two threads of its own: one commits appends (its
 * commits wait for the disk there, while the event loop goes on relaying, and what arrives in the
 * meantime goes into the next commit), the other compacts (merging a big document never holds up
 * a commit). SQLite lets one connection write at a time; each waits for the other's short
 * transaction (busy_timeout).
 */
export class SqliteUpdateLog implements UpdateLog {
  private readonly appender: SqliteThread;
  private readonly compactor: SqliteThread;

  constructor(file: string, log: Logger) {
    this.appender = new SqliteThread(file, 'journeyboard-log-append', log, null);
    this.compactor = new SqliteThread(file, 'journeyboard-log-compact', log, COMPACTOR_IDLE_STOP_MS);
  }

  async commit(batch: LogBatch): Promise<void> {
    await this.appender.call({ kind: 'commit', batch });
  }

  async compact(boardId: string, docName: string): Promise<Compaction> {
    const reply = await this.compactor.call({ kind: 'compact', boardId, docName });
    return reply.compaction!;
  }

  async close(): Promise<void> {
    await Promise.all([this.appender.close(), this.compactor.close()]);
  }
}
