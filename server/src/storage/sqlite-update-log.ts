import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { WorkerReply, WorkerRequest } from './sqlite-update-log-worker.ts';
import type { Compaction, LogBatch, UpdateLog } from './update-log.ts';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * One worker thread with its own connection to the SQLite file. A thread that dies fails what it
 * was asked and is started again on the next request.
 */
class SqliteThread {
  private readonly file: string;
  private readonly name: string;
  private readonly log: Logger;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }
  >();

  constructor(file: string, name: string, log: Logger) {
    this.file = file;
    this.name = name;
    this.log = log;
    // Started now, so that the first edit does not wait for the thread to load.
    this.start();
  }

  call(request: Request): Promise<WorkerReply & { ok: true }> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        resolve: (reply) => (reply.ok ? resolve(reply) : reject(new Error(reply.message))),
        reject,
      });
      // Keeps the process alive while the thread holds a request, not while it idles.
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  /** Lets the thread finish what it was asked, closes its connection, and stops it. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    worker.ref();
    await this.call({ kind: 'close' }).catch(() => undefined);
    await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./sqlite-update-log-worker.ts', import.meta.url), {
      name: this.name,
      workerData: { file: this.file },
    });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      waiter.resolve(reply);
    });
    worker.on('error', (error) => {
      this.log.error({ err: error, thread: this.name }, 'a storage thread failed; it will be started again');
      this.failAll(error);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error(`The storage thread ${this.name} stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
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
    this.appender = new SqliteThread(file, 'journeyboard-log-append', log);
    this.compactor = new SqliteThread(file, 'journeyboard-log-compact', log);
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
