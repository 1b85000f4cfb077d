/**
 * A client worker of the durability benchmark: people adding cards to their lane as fast as a
 * busy workshop does, each keeping the list of cards the server acknowledged as saved (the server
 * acknowledges a connection's updates in order, so the first n sent are the n acknowledged).
 * When the server dies they stop and report what was acknowledged and what was still in flight.
 */
import { addCard } from '@journeyboard/board-model';
import { JourneyboardClient } from './board-clients.ts';
import { mapWithLimit, pause, withTimeout } from './concurrency.ts';
import { serveRequests, type WorkerRequest } from './worker-pool.ts';

export interface DurabilityClientSpec {
  id: number;
  syncUrl: string;
  boardId: string;
  cookie: string;
  /** Which lane the person adds cards to. */
  lane: number;
}

export interface EditsReport {
  lane: number;
  /** Texts of the cards the server acknowledged. */
  acknowledged: string[];
  /** Texts of the cards sent but not acknowledged when the connection was lost. */
  inFlight: string[];
}

interface Writer {
  spec: DurabilityClientSpec;
  client: JourneyboardClient;
  sent: string[];
  acknowledged: number;
  lost: Promise<void>;
}

let writers: Writer[] = [];

async function connectWriter(spec: DurabilityClientSpec): Promise<Writer> {
  const client = await JourneyboardClient.connect({
    syncUrl: spec.syncUrl,
    cookie: spec.cookie,
    boardId: spec.boardId,
    role: 'editor',
    name: `Writer ${spec.id}`,
  });
  const doc = client.cardDocs[spec.lane % client.cardDocs.length]!;
  await client.whenSaved(doc, 30_000);
  const writer: Writer = {
    spec,
    client,
    sent: [],
    acknowledged: 0,
    lost: new Promise<void>((resolve) => client.onConnectionLost(resolve)),
  };
  client.onAcknowledged(doc, (count) => {
    writer.acknowledged = Math.min(writer.sent.length, writer.acknowledged + count);
  });
  return writer;
}

/** Adds a card every `minMs`–`maxMs` until the connection is lost. */
async function addCardsUntilLost(writer: Writer, cycle: number, minMs: number, maxMs: number): Promise<void> {
  const doc = writer.client.cardDocs[writer.spec.lane % writer.client.cardDocs.length]!;
  let lost = false;
  void writer.lost.then(() => (lost = true));
  while (!lost) {
    const text = `Cycle ${cycle} writer ${writer.spec.id} card ${writer.sent.length}`;
    // Recorded before the update is sent: the provider counts it as unsynced synchronously.
    writer.sent.push(text);
    addCard(doc, { stageId: writer.client.stageId, text, author: writer.client.author! });
    await Promise.race([pause(minMs + Math.random() * (maxMs - minMs)), writer.lost]);
  }
}

serveRequests({
  async connect(request: WorkerRequest): Promise<number> {
    writers = await mapWithLimit(request.clients as DurabilityClientSpec[], 10, connectWriter);
    return writers.length;
  },

  /** Edits until the server goes away; resolves with what each writer saw acknowledged. */
  async edit(request: WorkerRequest): Promise<EditsReport[]> {
    const editing = writers.map((writer) =>
      addCardsUntilLost(writer, request.cycle as number, request.minMs as number, request.maxMs as number),
    );
    await withTimeout(Promise.all(editing), request.timeoutMs as number, 'editing until the server died');
    return writers.map((writer) => ({
      lane: writer.spec.lane,
      acknowledged: writer.sent.slice(0, writer.acknowledged),
      inFlight: writer.sent.slice(writer.acknowledged),
    }));
  },

  async close(): Promise<null> {
    for (const writer of writers.splice(0)) writer.client.destroy();
    return null;
  },
});
