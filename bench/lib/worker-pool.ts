/**
 * Client worker processes: the load comes from separate Node processes (child_process.fork), so
 * the clients' own work is not counted in the server's CPU and a slow client cannot stall the
 * coordinator. Each worker answers its requests one at a time, in order: `{ type, id, ... }` in,
 * `{ type: 'done' | 'failed', id, ... }` out. A handler marked `answeredAtOnce` is answered as
 * its request arrives, beside the one in progress (ending a load early while the load request is
 * still running); the id tells whose answer a reply is.
 */
import { type ChildProcess, fork } from 'node:child_process';

export interface WorkerRequest {
  type: string;
  [field: string]: unknown;
}

type WorkerReply = { id: number } & ({ type: 'done'; result: unknown } | { type: 'failed'; message: string });

/** One worker process. */
export class ClientWorker {
  readonly index: number;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private stderr = '';
  private nextId = 1;

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
    const id = this.nextId++;
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
        if (reply.id !== id) return;
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
      this.child.send({ ...request, id });
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

type Handler = (request: WorkerRequest) => Promise<unknown>;

const AT_ONCE = Symbol('answered at once');

/** Marks a handler to be answered as its request arrives, beside the request in progress. */
export function answeredAtOnce(handler: Handler): Handler {
  return Object.assign(handler, { [AT_ONCE]: true });
}

/**
 * The worker side: answers each request with `handlers[type]`'s result. Requests are handled one
 * at a time, in order, except those whose handler is `answeredAtOnce`.
 */
export function serveRequests(handlers: Record<string, Handler>): void {
  let queue = Promise.resolve();
  const answer = async (request: WorkerRequest & { id: number }) => {
    const handler = handlers[request.type];
    try {
      if (!handler) throw new Error(`no handler for "${request.type}"`);
      process.send!({ type: 'done', id: request.id, result: await handler(request) });
    } catch (error) {
      process.send!({
        type: 'failed',
        id: request.id,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  };
  process.on('message', (request: WorkerRequest & { id: number }) => {
    const handler = handlers[request.type] as (Handler & { [AT_ONCE]?: true }) | undefined;
    if (handler?.[AT_ONCE]) void answer(request);
    else queue = queue.then(() => answer(request));
  });
  process.on('disconnect', () => process.exit(0));
}
