/**
 * The server under test's own view of its memory, through the V8 inspector it was started with
 * (`node --inspect=127.0.0.1:PORT`, see server-under-test.ts): a forced full garbage collection,
 * then `process.memoryUsage()` read inside the process, and heap snapshots on request. RSS from
 * /proc says what the machine gives the process; only a collection shows what it still holds.
 *
 * Only the HeapProfiler and Runtime.evaluate are used: the debugger is never enabled, so the
 * server keeps no script sources or console messages for us and runs at full speed between calls.
 */
import { createWriteStream } from 'node:fs';
import WebSocket from 'ws';

/** What `process.memoryUsage()` answers, in bytes. */
export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

interface InspectorAnswer {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** How long one call may take: a collection or a snapshot of a few hundred MB takes seconds. */
const CALL_TIMEOUT_MS = 120_000;

export class InspectorSession {
  private readonly socket: WebSocket;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void }
  >();
  private readonly listeners = new Map<string, (params: Record<string, unknown>) => void>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const answer = JSON.parse(String(data)) as InspectorAnswer;
      if (answer.id !== undefined) {
        const call = this.waiting.get(answer.id);
        this.waiting.delete(answer.id);
        if (answer.error) call?.reject(new Error(`inspector: ${answer.error.message}`));
        else call?.resolve(answer.result ?? {});
      } else if (answer.method) {
        this.listeners.get(answer.method)?.(answer.params ?? {});
      }
    });
    socket.on('close', () => {
      for (const call of this.waiting.values()) call.reject(new Error('the inspector connection closed'));
      this.waiting.clear();
    });
  }

  /** Connects to the inspector listening on `127.0.0.1:port` (the process's one target). */
  static async connect(port: number): Promise<InspectorSession> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error(`the inspector on port ${port} lists no target`);
    // Heap snapshot chunks come as large messages: no limit of ws's own.
    const socket = new WebSocket(url, { maxPayload: 0, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new InspectorSession(socket);
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`inspector: ${method} did not answer within ${CALL_TIMEOUT_MS / 1000} s`));
      }, CALL_TIMEOUT_MS);
      this.waiting.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** A full, forced garbage collection in the server. */
  async collectGarbage(): Promise<void> {
    await this.call('HeapProfiler.collectGarbage');
  }

  /** The server's `process.memoryUsage()`, read inside it. */
  async memoryUsage(): Promise<MemoryUsage> {
    const answer = await this.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    const value = (answer.result as { value?: unknown } | undefined)?.value;
    if (typeof value !== 'string')
      throw new Error(`inspector: memoryUsage answered ${JSON.stringify(answer)}`);
    return JSON.parse(value) as MemoryUsage;
  }

  /**
   * Memory after `collections` forced collections, a moment apart: a single one can leave what
   * finalizers or weak callbacks free only on the next (zlib contexts, sockets' buffers).
   */
  async memoryAfterGc(collections = 2): Promise<MemoryUsage> {
    for (let i = 0; i < collections; i++) {
      await this.collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return this.memoryUsage();
  }

  /** Writes a heap snapshot of the server (after a collection) to `file`, as DevTools saves one. */
  async writeHeapSnapshot(file: string): Promise<void> {
    const out = createWriteStream(file);
    this.listeners.set('HeapProfiler.addHeapSnapshotChunk', (params) => {
      out.write(params.chunk as string);
    });
    try {
      await this.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    } finally {
      this.listeners.delete('HeapProfiler.addHeapSnapshotChunk');
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    }
  }

  close(): void {
    this.socket.close();
  }
}
