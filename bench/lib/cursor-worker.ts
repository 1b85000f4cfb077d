/**
 * A client worker of the cursor benchmark: a share of the people on one board, each with a
 * WebSocket of its own (`PresenceWire`: the wire protocol spoken directly, light enough for 140
 * clients on a shared machine). Movers publish a cursor and a viewport in the awareness of the
 * board's structure document (the reference: of the board's one document) about 15 times a second
 * along a smooth path; everyone counts the bytes the server sends them; watchers record how long
 * each mover's cursor took to reach them.
 *
 * The send time travels in the cursor itself: a mover's x is a whole number of board pixels plus
 * (send time − epoch) / 100,000 ms as its fraction, so a receiver reads when the position was
 * published without any field the page would not send. Clocks are the same machine's
 * (`performance.timeOrigin + performance.now()` in every process), so the difference is the delay.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { constants, createDeflateRaw } from 'node:zlib';
import { stampPresence, structureDocName, type PresenceIdentity } from '@journeyboard/board-model';
import { mapWithLimit, pause, preciseNow } from './concurrency.ts';
import { PresenceWire } from './presence-wire.ts';
import { serveRequests, type WorkerRequest } from './worker-pool.ts';

/** Who one simulated person is, as the coordinator assigns it. */
export interface CursorClientSpec {
  id: number;
  role: 'mover' | 'watcher';
  syncUrl: string;
  /** Journeyboard: the board and the person's session cookie (the server stamps who they are). */
  boardId?: string;
  cookie?: string;
  /** The reference: the board's one document, and who the person says they are. */
  docName?: string;
  identity?: PresenceIdentity;
}

export interface CursorLoadRequest {
  /** Movers start moving (the warm-up begins), in ms on the shared clock. */
  startAt: number;
  /** The measured window: bytes are counted and delays recorded for cursors sent within it. */
  measureFrom: number;
  measureTo: number;
  /** Cursor updates per second per mover. */
  rate: number;
}

/** What one client saw in the measured window. */
export interface CursorClientReport {
  id: number;
  role: 'mover' | 'watcher';
  /** WebSocket bytes from the server as the client reads them: payloads (inflated) plus frame headers. */
  bytesIn: number;
  /** Bytes the client's TCP socket received: what came over the wire, compressed where it was. */
  wireIn: number;
  /** Bytes the client's TCP socket sent. */
  wireOut: number;
  /** Whether the connection agreed to permessage-deflate. */
  deflating: boolean;
  /** WebSocket bytes to the server: payloads plus frame headers and masks. */
  bytesOut: number;
  messagesIn: number;
  /** Other movers' cursor positions this client's awareness took in. */
  cursorsIn: number;
  /** Cursor updates this client published (movers). */
  cursorsSent: number;
}

export interface CursorWorkerReport {
  clients: CursorClientReport[];
  /** Mover → watcher delay of every cursor sent in the window, at every watcher, in ms. */
  latencies: Float64Array;
  loopDelayP99Ms: number;
  disconnects: number;
  /** One mover's state as a watcher received it, as JSON: what every cursor update carries. */
  sampleState: string | null;
  /** What one watcher's messages in the window would have weighed with permessage-deflate. */
  deflated: { bytes: number; plainBytes: number } | null;
}

/** The fraction of a cursor's x holds (send time − epoch) / EPOCH_SPAN: 100 s of room. */
const EPOCH_SPAN_MS = 100_000;

interface Person {
  spec: CursorClientSpec;
  wire: PresenceWire;
  counts: CursorClientReport;
  deflated: DeflatedSize | null;
  /** The TCP socket's counters when the measured window opened. */
  wireAtStart: { read: number; written: number };
}

const people: Person[] = [];
let latencies: number[] = [];
let disconnects = 0;
let sampleState: string | null = null;
/** Bytes and cursors are counted only inside the measured window. */
let counting = false;
let measured = { from: Infinity, to: -Infinity, epoch: 0 };
const loopDelay = monitorEventLoopDelay({ resolution: 5 });

/** A WebSocket frame's header: 2 bytes, plus 2 or 8 for a longer length. */
const frameHeader = (payload: number) => (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);

/**
 * What a stream of messages would weigh on the wire with permessage-deflate as `ws` offers it
 * (RFC 7692, one compression context for the connection's life, messages under 1 kB sent as they
 * are): each message is compressed and flushed in turn, and the 4 bytes every flush ends with are
 * left off, as the extension leaves them off.
 */
class DeflatedSize {
  /** ws's default threshold: smaller messages are not compressed. */
  private static readonly THRESHOLD = 1024;
  private readonly deflate = createDeflateRaw();
  private bytes = 0;
  /** Compressed bytes of the message being flushed. */
  private current = 0;
  private pending = Promise.resolve();

  constructor() {
    this.deflate.on('data', (chunk: Buffer) => (this.current += chunk.length));
  }

  add(data: Uint8Array): void {
    if (data.byteLength < DeflatedSize.THRESHOLD) {
      this.bytes += data.byteLength + frameHeader(data.byteLength);
      return;
    }
    this.pending = this.pending.then(
      () =>
        new Promise<void>((resolve) => {
          this.deflate.write(data);
          this.deflate.flush(constants.Z_SYNC_FLUSH, () => {
            // The flush's trailing 00 00 ff ff is not sent.
            const compressed = this.current - 4;
            this.bytes += compressed + frameHeader(compressed);
            this.current = 0;
            resolve();
          });
        }),
    );
  }

  /** Resolves with the bytes once every message added so far is compressed. */
  async settled(): Promise<number> {
    await this.pending;
    return this.bytes;
  }

  reset(): void {
    this.bytes = 0;
  }
}

function emptyCounts(spec: CursorClientSpec): CursorClientReport {
  return {
    id: spec.id,
    role: spec.role,
    bytesIn: 0,
    wireIn: 0,
    wireOut: 0,
    deflating: false,
    bytesOut: 0,
    messagesIn: 0,
    cursorsIn: 0,
    cursorsSent: 0,
  };
}

/**
 * A watcher reads every relayed state: a mover's cursor carries its send time (see above). A
 * mover only counts what it receives, as a page's awareness takes it in without measuring.
 */
function readState(counts: CursorClientReport, json: string): void {
  const arrivedAt = preciseNow();
  const state = JSON.parse(json) as { cursor?: { x?: unknown } | null } | null;
  const x = state?.cursor?.x;
  if (typeof x !== 'number') return;
  if (counting) counts.cursorsIn++;
  if (counting && sampleState === null) sampleState = json;
  const sentAt = measured.epoch + (x - Math.floor(x)) * EPOCH_SPAN_MS;
  if (sentAt >= measured.from && sentAt < measured.to) latencies.push(arrivedAt - sentAt);
}

async function connectPerson(spec: CursorClientSpec): Promise<Person> {
  const counts = emptyCounts(spec);
  // One watcher per worker also works out what its messages would weigh compressed.
  const deflated = spec.role === 'watcher' && !people.some((p) => p.deflated) ? new DeflatedSize() : null;
  const journeyboard = spec.boardId !== undefined;
  const wire = await PresenceWire.connect(
    {
      protocol: journeyboard ? 'hocuspocus' : 'y-websocket',
      url: spec.syncUrl,
      docName: journeyboard ? structureDocName(spec.boardId!) : spec.docName!,
      cookie: spec.cookie,
      onMessage: (data) => {
        if (!counting) return;
        counts.bytesIn += data.byteLength + frameHeader(data.byteLength);
        counts.messagesIn++;
        if (deflated) deflated.add(data);
      },
      // A client masks every frame it sends: 4 bytes more.
      onSend: (bytes) => {
        if (counting) counts.bytesOut += bytes + frameHeader(bytes) + 4;
      },
      onState: spec.role === 'watcher' ? (_, json) => readState(counts, json) : undefined,
    },
    // What the page publishes before its pointer moves: nothing (Journeyboard's server stamps who
    // it is); a reference client names itself, as the record the server would relay.
    presenceOf(spec, {}),
  );
  wire.onLost(() => {
    if (counting) disconnects++;
  });
  return { spec, wire, counts, deflated, wireAtStart: wire.wireBytes };
}

/** The state a client publishes: Journeyboard's server stamps it; the reference's clients do it themselves. */
function presenceOf(spec: CursorClientSpec, state: Record<string, unknown>): unknown {
  return spec.identity ? stampPresence(state, spec.identity) : state;
}

/**
 * A smooth path for mover `id` at `t` ms into the load: an ellipse-like loop (two sines of
 * different periods) around a spot of its own, about 200 px/s, and a view that drifts with it.
 */
function pathAt(id: number, t: number) {
  const cx = 300 + (id % 8) * 280;
  const cy = 200 + Math.floor(id / 8) * 220;
  const x = cx + 120 * Math.sin((2 * Math.PI * t) / 4000 + id);
  const y = cy + 80 * Math.sin((2 * Math.PI * t) / 2900 + 2 * id);
  const view = { x: Math.round(cx + 60 * Math.sin((2 * Math.PI * t) / 9000)), y: cy, zoom: 1 };
  return { x, y, view };
}

/** Publishes `rate` cursor positions a second from `startAt` (plus a random phase) until `endAt`. */
async function move(person: Person, request: CursorLoadRequest): Promise<void> {
  const interval = 1000 / request.rate;
  let next = request.startAt + Math.random() * interval;
  while (next < request.measureTo) {
    await pause(Math.max(0, next - Date.now()));
    const sentAt = preciseNow();
    const since = sentAt - measured.epoch;
    if (since < 0 || since >= EPOCH_SPAN_MS) throw new Error('the load outlasted the cursor clock (100 s)');
    const { x, y, view } = pathAt(person.spec.id, sentAt - request.startAt);
    const state = {
      cursor: { x: Math.floor(x) + since / EPOCH_SPAN_MS, y: Math.round(y) },
      viewport: view,
    };
    person.wire.publish(presenceOf(person.spec, state));
    if (sentAt >= measured.from && sentAt < measured.to) person.counts.cursorsSent++;
    // As pointer events do, a late turn is not made up for with a burst.
    next = Math.max(next + interval, Date.now());
  }
}

serveRequests({
  async connect(request: WorkerRequest) {
    const specs = request.clients as CursorClientSpec[];
    const failures: string[] = [];
    await mapWithLimit(specs, request.concurrency as number, async (spec) => {
      try {
        people.push(await connectPerson(spec));
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    });
    return { connected: people.length, failures: failures.slice(0, 5) };
  },

  async load(request: WorkerRequest) {
    const load = request as unknown as CursorLoadRequest & WorkerRequest;
    measured = { from: load.measureFrom, to: load.measureTo, epoch: load.startAt };
    latencies = [];
    const open = setTimeout(
      () => {
        for (const person of people) {
          Object.assign(person.counts, emptyCounts(person.spec));
          person.deflated?.reset();
          person.wireAtStart = person.wire.wireBytes;
        }
        loopDelay.reset();
        loopDelay.enable();
        counting = true;
      },
      Math.max(0, load.measureFrom - Date.now()),
    );
    try {
      await Promise.all(people.filter((p) => p.spec.role === 'mover').map((person) => move(person, load)));
      await pause(Math.max(0, load.measureTo - Date.now()));
    } finally {
      clearTimeout(open);
      counting = false;
      for (const person of people) {
        const now = person.wire.wireBytes;
        person.counts.wireIn = now.read - person.wireAtStart.read;
        person.counts.wireOut = now.written - person.wireAtStart.written;
        person.counts.deflating = person.wire.deflating;
      }
      loopDelay.disable();
    }
    return null;
  },

  async report(): Promise<CursorWorkerReport> {
    const sampled = people.find((person) => person.deflated);
    return {
      deflated: sampled
        ? { bytes: await sampled.deflated!.settled(), plainBytes: sampled.counts.bytesIn }
        : null,
      clients: people.map((person) => ({ ...person.counts })),
      latencies: Float64Array.from(latencies),
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      disconnects,
      sampleState,
    };
  },

  async close() {
    for (const person of people.splice(0)) person.wire.close();
    return null;
  },
});
