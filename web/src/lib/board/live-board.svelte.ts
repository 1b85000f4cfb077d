import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import {
  type BoardStructure,
  type Card,
  laneDocName,
  readBoard,
  readCards,
  structureDocName,
} from '@journeyboard/board-model';
import * as Y from 'yjs';

/** What the status badge shows. */
export type SyncStatus = 'connecting' | 'saving' | 'saved' | 'offline' | 'refused';

interface DocConnection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  synced: boolean;
  unsynced: number;
}

/**
 * A board open in this page: the structure document and one document per lane, all over one
 * WebSocket, mirrored into reactive state for the components. Components read `structure` and
 * `cards`; they write through the model's operations on `structureDoc` / `laneDoc(id)`.
 */
export class LiveBoard {
  structure = $state<BoardStructure | null>(null);
  /** Cards by lane id. */
  cards = $state<Record<string, Card[]>>({});
  status = $state<SyncStatus>('connecting');
  refusedReason = $state<string | null>(null);

  readonly boardId: string;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly structureConnection: DocConnection;
  // Bookkeeping of open connections; what is rendered lives in `structure` and `cards`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly lanes = new Map<string, DocConnection>();
  private socketConnected = false;
  private destroyed = false;

  constructor(boardId: string, url: string) {
    this.boardId = boardId;
    this.socket = new HocuspocusProviderWebsocket({ url });
    this.socket.on('status', ({ status }: { status: string }) => {
      this.socketConnected = status === 'connected';
      this.updateStatus();
    });
    this.structureConnection = this.connect(structureDocName(boardId), () => this.refreshStructure());
  }

  get structureDoc(): Y.Doc {
    return this.structureConnection.doc;
  }

  /** The document of a lane, opened on first use. */
  laneDoc(laneId: string): Y.Doc {
    return this.openLane(laneId).doc;
  }

  /** Every open lane document (for operations that span lanes, e.g. removing a stage). */
  laneDocs(): Y.Doc[] {
    return [...this.lanes.values()].map((l) => l.doc);
  }

  destroy(): void {
    this.destroyed = true;
    for (const lane of this.lanes.values()) lane.provider.destroy();
    this.structureConnection.provider.destroy();
    this.socket.destroy();
  }

  private connect(name: string, onChange: () => void): DocConnection {
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: doc,
      token: '',
    });
    const connection: DocConnection = { doc, provider, synced: false, unsynced: 0 };
    provider.on('synced', () => {
      connection.synced = true;
      onChange();
      this.updateStatus();
    });
    provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      connection.unsynced = number;
      this.updateStatus();
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      this.refusedReason = reason;
      this.updateStatus();
    });
    doc.on('update', () => scheduleRefresh(onChange));
    provider.attach();
    return connection;
  }

  private openLane(laneId: string): DocConnection {
    let lane = this.lanes.get(laneId);
    if (!lane) {
      lane = this.connect(laneDocName(this.boardId, laneId), () => this.refreshLane(laneId));
      this.lanes.set(laneId, lane);
    }
    return lane;
  }

  private refreshStructure(): void {
    if (this.destroyed) return;
    let structure: BoardStructure;
    try {
      structure = readBoard(this.structureDoc);
    } catch {
      // Not synced yet (or unreadable): keep showing what we had.
      return;
    }
    this.structure = structure;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not rendered
    const laneIds = new Set(structure.lanes.map((l) => l.id));
    for (const id of laneIds) this.openLane(id);
    for (const [id, lane] of this.lanes) {
      if (!laneIds.has(id) && lane.unsynced === 0) {
        lane.provider.destroy();
        this.lanes.delete(id);
        delete this.cards[id];
      }
    }
  }

  private refreshLane(laneId: string): void {
    const lane = this.lanes.get(laneId);
    if (this.destroyed || !lane) return;
    this.cards[laneId] = readCards(lane.doc);
  }

  private updateStatus(): void {
    const all = [this.structureConnection, ...this.lanes.values()];
    if (this.refusedReason) this.status = 'refused';
    else if (!this.socketConnected) this.status = all.some((c) => c.synced) ? 'offline' : 'connecting';
    else if (!all.every((c) => c.synced)) this.status = 'connecting';
    else if (all.some((c) => c.unsynced > 0)) this.status = 'saving';
    else this.status = 'saved';
  }
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a queue, not rendered
const scheduled = new Set<() => void>();
/** Coalesces bursts of document updates into one re-read per microtask. */
function scheduleRefresh(refresh: () => void): void {
  if (scheduled.has(refresh)) return;
  scheduled.add(refresh);
  queueMicrotask(() => {
    scheduled.delete(refresh);
    refresh();
  });
}
