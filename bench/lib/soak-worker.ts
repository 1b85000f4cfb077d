/**
 * A client worker of the soak benchmark: a share of the people, each a page's connection to their
 * board (`JourneyboardClient`: one socket, the structure document with presence, every lane).
 * Each person changes the text of their own card once a second, writing the send time into it (as
 * fanout-worker.ts does), and moves their cursor a few times a second along a path of their own;
 * every other person of the board records, when a card change arrives, how long it took.
 *
 * The load runs for half an hour, so delays are kept per minute of it (the minute the change was
 * sent in) and handed to the coordinator minute by minute (`take`): the worker holds a few minutes
 * of samples at most. A change that arrives after its minute was taken is counted as late.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { addCard, updateCardText } from '@journeyboard/board-model';
import * as Y from 'yjs';
import { JourneyboardClient } from './board-clients.ts';
import { mapWithLimit, pause, preciseNow } from './concurrency.ts';
import { serveRequests, type WorkerRequest } from './worker-pool.ts';

/** Who one simulated person is, as the coordinator assigns it. */
export interface SoakClientSpec {
  id: number;
  board: number;
  syncUrl: string;
  boardId: string;
  cookie: string;
  /** Which of the board's lane documents holds this person's card. */
  editDoc: number;
}

export interface SoakStartRequest {
  /** On the shared clock (Date.now()): when the load starts and ends. */
  startAt: number;
  endAt: number;
  editIntervalMs: number;
  /** Cursor moves a second per person. */
  cursorRate: number;
}

/** What this worker saw of one minute of the load. */
export interface SoakMinute {
  minute: number;
  /** Send → arrival of every card change sent in that minute, at every other person, in ms. */
  latencies: Float64Array;
  /** Card changes this worker's people sent in that minute. */
  sent: number;
}

export interface SoakTake {
  minutes: SoakMinute[];
  /** Changes that arrived after their minute had been taken (over DRAIN_MS late). */
  late: number;
  disconnects: number;
  /** How late this worker's event loop ran since the last take (ms): a busy client inflates delays. */
  loopDelayP99Ms: number;
}

const TEXT_PREFIX = 'Soak edit';

interface Person {
  spec: SoakClientSpec;
  client: JourneyboardClient;
  doc: Y.Doc;
  cardId: string;
}

const people: Person[] = [];
let startAt = 0;
let running = false;
let loops: Promise<void>[] = [];
/** Per minute of the load: the delays that arrived, and the changes sent. */
const minutes = new Map<number, { latencies: number[]; sent: number }>();
let takenUpTo = -1;
let late = 0;
let disconnects = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

const minuteOf = (at: number) => Math.floor((at - startAt) / 60_000);

function bucket(minute: number) {
  let held = minutes.get(minute);
  if (!held) {
    held = { latencies: [], sent: 0 };
    minutes.set(minute, held);
  }
  return held;
}

/** Records the delay of every card text change that arrives in `doc` from elsewhere. */
function recordArrivals(doc: Y.Doc): void {
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.local || !running) return;
    const arrivedAt = preciseNow();
    for (const [type, keys] of transaction.changed) {
      if (!(type instanceof Y.Map) || !keys.has('text')) continue;
      const text: unknown = type.get('text');
      if (typeof text !== 'string' || !text.startsWith(TEXT_PREFIX)) continue;
      const sentAt = Number(text.slice(text.lastIndexOf('@') + 1));
      if (!Number.isFinite(sentAt) || sentAt < startAt) continue;
      const minute = minuteOf(sentAt);
      if (minute <= takenUpTo) late++;
      else bucket(minute).latencies.push(arrivedAt - sentAt);
    }
  });
}

async function connectPerson(spec: SoakClientSpec): Promise<Person> {
  const client = await JourneyboardClient.connect({
    syncUrl: spec.syncUrl,
    cookie: spec.cookie,
    boardId: spec.boardId,
    role: 'editor',
    name: `Person ${spec.id}`,
  });
  for (const doc of client.cardDocs) recordArrivals(doc);
  client.onConnectionLost(() => {
    if (running) disconnects++;
  });
  const doc = client.cardDocs[spec.editDoc % client.cardDocs.length]!;
  const cardId = addCard(doc, {
    stageId: client.stageId,
    text: `Card of person ${spec.id}`,
    author: client.author!,
  });
  await client.whenSaved(doc, 60_000);
  return { spec, client, doc, cardId };
}

/** Changes the person's card every `intervalMs` from a random phase; a late turn is not made up. */
async function edit(person: Person, request: SoakStartRequest): Promise<void> {
  let next = request.startAt + Math.random() * request.editIntervalMs;
  let count = 0;
  while (running && next < request.endAt) {
    await pause(Math.max(0, next - Date.now()));
    if (!running) break;
    const sentAt = preciseNow();
    updateCardText(
      person.doc,
      person.cardId,
      `${TEXT_PREFIX} ${person.spec.id}.${count++} @${sentAt.toFixed(3)}`,
    );
    bucket(minuteOf(sentAt)).sent++;
    next = Math.max(next + request.editIntervalMs, Date.now());
  }
}

/** Moves the person's cursor `rate` times a second along a loop of their own, and their view with it. */
async function move(person: Person, request: SoakStartRequest): Promise<void> {
  const interval = 1000 / request.cursorRate;
  const id = person.spec.id;
  const cx = 300 + (id % 8) * 260;
  const cy = 200 + Math.floor(id / 8) * 40;
  let next = request.startAt + Math.random() * interval;
  while (running && next < request.endAt) {
    await pause(Math.max(0, next - Date.now()));
    if (!running) break;
    const t = Date.now() - request.startAt;
    person.client.setPresence({
      cursor: {
        x: Math.round(cx + 120 * Math.sin((2 * Math.PI * t) / 4000 + id)),
        y: Math.round(cy + 80 * Math.sin((2 * Math.PI * t) / 2900 + 2 * id)),
      },
      viewport: { x: Math.round(cx + 60 * Math.sin((2 * Math.PI * t) / 9000)), y: cy, zoom: 1 },
    });
    next = Math.max(next + interval, Date.now());
  }
}

serveRequests({
  async connect(request: WorkerRequest) {
    const specs = request.clients as SoakClientSpec[];
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

  /** Starts the load and answers at once: `take` and `stop` come while it runs. */
  async start(request: WorkerRequest) {
    const load = request as unknown as SoakStartRequest & WorkerRequest;
    startAt = load.startAt;
    running = true;
    loopDelay.reset();
    loopDelay.enable();
    loops = people.flatMap((person) => [edit(person, load), move(person, load)]);
    return null;
  },

  /** Hands over every minute up to `minute` (inclusive) and forgets it. */
  async take(request: WorkerRequest): Promise<SoakTake> {
    const upTo = request.minute as number;
    const taken: SoakMinute[] = [];
    for (const [minute, held] of [...minutes].sort((a, b) => a[0] - b[0])) {
      if (minute > upTo) continue;
      taken.push({ minute, latencies: Float64Array.from(held.latencies), sent: held.sent });
      minutes.delete(minute);
    }
    takenUpTo = Math.max(takenUpTo, upTo);
    const loopDelayP99Ms = loopDelay.percentile(99) / 1e6;
    loopDelay.reset();
    return { minutes: taken, late, disconnects, loopDelayP99Ms };
  },

  async stop() {
    running = false;
    await Promise.all(loops);
    loopDelay.disable();
    return null;
  },

  async close() {
    for (const person of people.splice(0)) person.client.destroy();
    return null;
  },
});
