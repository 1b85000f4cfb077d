/**
 * A client worker of the fan-out benchmarks (relay, busy board): a share of the simulated people,
 * connected to the server under test. Editors change the text of their own card at a fixed rate,
 * writing the send time into the text; every other client of the board records, when the change
 * arrives, how long it took. Clocks are the same machine's, so the difference is the latency.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { addCard, updateCardText } from '@journeyboard/board-model';
import * as Y from 'yjs';
import { JourneyboardClient, ReferenceClient, type BoardClient } from './board-clients.ts';
import { mapWithLimit, pause, preciseNow } from './concurrency.ts';
import { answeredAtOnce, serveRequests, type WorkerRequest } from './worker-pool.ts';

/** Who one simulated person is, as the coordinator assigns it. */
export interface FanoutClientSpec {
  id: number;
  /** Index of the board in the scenario. */
  board: number;
  role: 'editor' | 'watcher';
  syncUrl: string;
  /** Journeyboard: the board and the person's session cookie. */
  boardId?: string;
  cookie?: string;
  /** The reference: the board's one document. */
  docName?: string;
  /** Which of the board's card documents an editor edits. */
  editDoc: number;
}

export interface ConnectResult {
  connected: number;
  failures: string[];
}

export interface LoadResult {
  /** Updates sent, per board index. */
  sentByBoard: Record<number, number>;
}

export interface FanoutReport {
  /** Send-to-arrival time of every update at every receiver, in ms. */
  latencies: Float64Array;
  /** Journeyboard only: send-to-"saved" time of every update at its sender, in ms. */
  ackLatencies: Float64Array;
  /** How late this worker's event loop ran its callbacks during the load (ms): a busy client inflates latencies. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** CPU time the worker used during the load, in ms. */
  cpuMs: number;
  /** Connections lost during the load. */
  disconnects: number;
}

const TEXT_PREFIX = 'Benchmark edit';

interface Person {
  spec: FanoutClientSpec;
  client: BoardClient;
  cardId?: string;
  /** Send times of updates not yet acknowledged, oldest first. */
  pendingAcks: number[];
}

const people: Person[] = [];
let latencies: number[] = [];
let ackLatencies: number[] = [];
let disconnects = 0;
let measuring = false;
/** When the load in progress stops sending; `endLoad` can bring it forward. */
let loadEndsAt = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
let cpuAtStart = process.cpuUsage();

/**
 * Records the latency of every card text change that arrives in `doc` from elsewhere. Reads the
 * transaction's changed types rather than the schema: a card is a Y.Map whose `text` changed.
 */
function recordArrivals(doc: Y.Doc): void {
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.local || !measuring) return;
    const arrivedAt = preciseNow();
    for (const [type, keys] of transaction.changed) {
      if (!(type instanceof Y.Map) || !keys.has('text')) continue;
      const text: unknown = type.get('text');
      if (typeof text !== 'string' || !text.startsWith(TEXT_PREFIX)) continue;
      const sentAt = Number(text.slice(text.lastIndexOf('@') + 1));
      if (Number.isFinite(sentAt)) latencies.push(arrivedAt - sentAt);
    }
  });
}

async function connectPerson(spec: FanoutClientSpec): Promise<Person> {
  const name = `Person ${spec.id}`;
  const client: BoardClient =
    spec.boardId !== undefined
      ? await JourneyboardClient.connect({
          syncUrl: spec.syncUrl,
          cookie: spec.cookie!,
          boardId: spec.boardId,
          role: spec.role,
          name,
        })
      : await ReferenceClient.connect({
          syncUrl: spec.syncUrl,
          docName: spec.docName!,
          // The reference has no structure document; any well-formed stage id will do.
          stageId: `bench${String(spec.board).padStart(12, '0')}`.slice(0, 16),
          role: spec.role,
          name,
        });
  const person: Person = { spec, client, pendingAcks: [] };
  for (const doc of client.cardDocs) recordArrivals(doc);
  client.onConnectionLost(() => {
    if (measuring) disconnects++;
  });
  if (spec.role === 'editor') {
    const doc = client.cardDocs[spec.editDoc % client.cardDocs.length]!;
    person.cardId = addCard(doc, {
      stageId: client.stageId,
      text: `Card of person ${spec.id}`,
      author: client.author!,
    });
    await client.whenSaved(doc, 30_000);
    client.onAcknowledged(doc, (count) => {
      const now = preciseNow();
      for (const sentAt of person.pendingAcks.splice(0, count)) {
        if (measuring) ackLatencies.push(now - sentAt);
      }
    });
  }
  return person;
}

/** Sends one update every `intervalMs` from `startAt` (plus a random phase) until `loadEndsAt`. */
async function edit(person: Person, startAt: number, intervalMs: number): Promise<number> {
  const doc = person.client.cardDocs[person.spec.editDoc % person.client.cardDocs.length]!;
  let next = startAt + Math.random() * intervalMs;
  let sent = 0;
  while (next < loadEndsAt) {
    await pause(Math.max(0, next - Date.now()));
    // The load may have been ended early while this editor waited.
    if (next >= loadEndsAt) break;
    const sentAt = preciseNow();
    updateCardText(doc, person.cardId!, `${TEXT_PREFIX} ${person.spec.id}.${sent} @${sentAt.toFixed(3)}`);
    if (person.spec.boardId !== undefined) person.pendingAcks.push(sentAt);
    sent++;
    next += intervalMs;
  }
  return sent;
}

serveRequests({
  async connect(request: WorkerRequest): Promise<ConnectResult> {
    const specs = request.clients as FanoutClientSpec[];
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

  async load(request: WorkerRequest): Promise<LoadResult> {
    const startAt = request.startAt as number;
    loadEndsAt = startAt + (request.durationMs as number);
    await pause(Math.max(0, startAt - Date.now()));
    latencies = [];
    ackLatencies = [];
    loopDelay.reset();
    loopDelay.enable();
    cpuAtStart = process.cpuUsage();
    measuring = true;
    const editors = people.filter((person) => person.spec.role === 'editor');
    const sent = await Promise.all(
      editors.map((person) => edit(person, startAt, request.intervalMs as number)),
    );
    const sentByBoard: Record<number, number> = {};
    editors.forEach((person, i) => {
      sentByBoard[person.spec.board] = (sentByBoard[person.spec.board] ?? 0) + sent[i]!;
    });
    return { sentByBoard };
  },

  async report(): Promise<FanoutReport> {
    measuring = false;
    loopDelay.disable();
    const cpu = process.cpuUsage(cpuAtStart);
    return {
      latencies: Float64Array.from(latencies),
      ackLatencies: Float64Array.from(ackLatencies),
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
      cpuMs: (cpu.user + cpu.system) / 1000,
      disconnects,
    };
  },

  /**
   * Ends the load in progress at `at` (a time on the wall clock) if that is sooner than planned,
   * answered while the load request is still running: a load that runs beside something else
   * lasts as long as that does.
   */
  endLoad: answeredAtOnce(async (request: WorkerRequest): Promise<null> => {
    loadEndsAt = Math.min(loadEndsAt, request.at as number);
    return null;
  }),

  async close(): Promise<null> {
    for (const person of people.splice(0)) person.client.destroy();
    return null;
  },
});
