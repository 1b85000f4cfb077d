/**
 * Client worker processes: the load comes from separate Node processes (child_process.fork), so
 * the clients' own work is not counted in the server's CPU and a slow client cannot stall the
 * coordinator. Each worker answers one request at a time: `{ type, ... }` in, `{ type: 'done' |
 * 'failed', ... }` out.
 */
import { type ChildProcess, fork } from 'node:child_process';

export interface WorkerRequest {
  type: string;
  [field: string]: unknown;
}

type WorkerReply = { type: 'done'; result: unknown } | { type: 'failed'; message: string };

/** One worker process. */
export class ClientWorker {
  readonly index: number;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private stderr = '';

  constructor(script: URL, index: number) {
    this.index = index;
    this.child = fork(script.pathname, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Sends `request` and resolves with the worker's result (rejects on failure or timeout). */
  request<T>(request: WorkerRequest, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanUp();
        reject(
          new Error(
            `client worker ${this.index} did not answer "${request.type}" within ${timeoutMs / 1000} s`,
          ),
        );
      }, timeoutMs);
      const onMessage = (reply: WorkerReply) => {
        cleanUp();
        if (reply.type === 'done') resolve(reply.result as T);
        else reject(new Error(`client worker ${this.index}, "${request.type}": ${reply.message}`));
      };
      const onExit = (code: number | null) => {
        cleanUp();
        reject(
          new Error(`client worker ${this.index} exited (${code}) during "${request.type}":\n${this.stderr}`),
        );
      };
      const cleanUp = () => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(request);
    });
  }

  /** Ends the worker (its clients go with it). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export function startWorkers(script: URL, count: number): ClientWorker[] {
  return Array.from({ length: count }, (_, index) => new ClientWorker(script, index));
}

/**
 * The worker side: answers each request with `handlers[type]`'s result. Requests are handled one
 * at a time, in order.
 */
export function serveRequests(handlers: Record<string, (request: WorkerRequest) => Promise<unknown>>): void {
  let queue = Promise.resolve();
  process.on('message', (request: WorkerRequest) => {
    queue = queue.then(async () => {
      const handler = handlers[request.type];
      try {
        if (!handler) throw new Error(`no handler for "${request.type}"`);
        process.send!({ type: 'done', result: await handler(request) });
      } catch (error) {
        process.send!({
          type: 'failed',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    });
  });
  process.on('disconnect', () => process.exit(0));
}
