/**
 * The protocol clients a benchmark drives, one per simulated person.
 *
 * A Journeyboard client does what the board page does (web/src/lib/board/live/live-board.svelte.ts):
 * one WebSocket (HocuspocusProviderWebsocket) carrying every document of the board, the structure
 * document first (with presence in its awareness), then one document per lane (no awareness).
 * A reference client is y-websocket's own WebsocketProvider on one document per board.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import {
  cardAuthorOf,
  laneDocName,
  readBoard,
  structureDocName,
  type BoardDetails,
  type CardAuthor,
} from '@journeyboard/board-model';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { webSocketWithCookie } from '@journeyboard/testing';
import { withTimeout } from './concurrency.ts';

const SYNC_TIMEOUT_MS = 60_000;

/**
 * What the page publishes as presence: nothing that names anyone (web presence.ts); the server
 * relays it stamped with who the connection is (the board model's presence record).
 */
const PAGE_PRESENCE = {};

/** One simulated person's connection to a board. */
export interface BoardClient {
  /** The documents holding cards (a Journeyboard board's lane docs; the reference's one doc). */
  readonly cardDocs: Y.Doc[];
  /** A stage id of the board, for new cards. */
  readonly stageId: string;
  /** Who this person's cards are by, as the page stamps them (null for a watcher, who writes none). */
  readonly author: CardAuthor | null;
  /**
   * Calls `onAck` with how many of this client's updates to `doc` the server has just
   * acknowledged as saved (Journeyboard only; the reference server acknowledges nothing).
   */
  onAcknowledged(doc: Y.Doc, onAck: (count: number) => void): void;
  /** Resolves once every update this client sent to `doc` has been acknowledged. */
  whenSaved(doc: Y.Doc, timeoutMs: number): Promise<void>;
  /** Calls `onClose` once when the connection to the server is lost. */
  onConnectionLost(onClose: () => void): void;
  destroy(): void;
}

function synced(provider: HocuspocusProvider, name: string): Promise<void> {
  return withTimeout(
    new Promise<void>((resolve, reject) => {
      if (provider.isSynced) resolve();
      provider.on('synced', () => resolve());
      provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
        reject(new Error(`opening ${name} was refused: ${reason}`)),
      );
    }),
    SYNC_TIMEOUT_MS,
    `syncing ${name}`,
  );
}

/** A person on a Journeyboard board: one socket, the structure doc and every lane doc. */
export class JourneyboardClient implements BoardClient {
  readonly cardDocs: Y.Doc[] = [];
  stageId = '';
  author: CardAuthor | null = null;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly providers: HocuspocusProvider[] = [];
  private readonly providerOf = new Map<Y.Doc, HocuspocusProvider>();
  private structure: HocuspocusProvider | null = null;
  private connectionLost = false;

  private constructor(syncUrl: string, cookie: string) {
    this.socket = new HocuspocusProviderWebsocket({
      url: syncUrl,
      WebSocketPolyfill: webSocketWithCookie(cookie),
    });
    this.socket.on('disconnect', () => (this.connectionLost = true));
  }

  /** Connects as the owner of `cookie` and resolves once every document of the board is synced. */
  static async connect(options: {
    syncUrl: string;
    cookie: string;
    boardId: string;
    role: 'editor' | 'watcher';
    name: string;
    /** Filled with performance.now() when the structure document and then every document synced. */
    timings?: { structureSynced?: number; allSynced?: number };
  }): Promise<JourneyboardClient> {
    const client = new JourneyboardClient(options.syncUrl, options.cookie);
    try {
      // As the page does: its cards carry the person its board access describes.
      const api = new URL(`/api/boards/${options.boardId}`, options.syncUrl.replace(/^ws/, 'http'));
      const details = await fetch(api, { headers: { cookie: options.cookie } });
      if (!details.ok) throw new Error(`reading the board's access answered ${details.status}`);
      client.author = cardAuthorOf(((await details.json()) as BoardDetails).access);
      const structure = client.open(structureDocName(options.boardId), true);
      client.structure = structure;
      structure.awareness!.setLocalState(PAGE_PRESENCE);
      await synced(structure, 'the structure document');
      if (options.timings) options.timings.structureSynced = performance.now();
      const board = readBoard(structure.document);
      client.stageId = board.stages[0]!.id;
      const lanes = board.lanes.map((lane) => client.open(laneDocName(options.boardId, lane.id), false));
      await Promise.all(lanes.map((lane, i) => synced(lane, `lane ${i}`)));
      client.cardDocs.push(...lanes.map((lane) => lane.document));
      if (options.timings) options.timings.allSynced = performance.now();
      return client;
    } catch (error) {
      client.destroy();
      throw error;
    }
  }

  private open(name: string, presence: boolean): HocuspocusProvider {
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: new Y.Doc(),
      token: '',
      ...(presence ? {} : { awareness: null }),
    });
    this.providers.push(provider);
    this.providerOf.set(provider.document, provider);
    provider.attach();
    return provider;
  }

  /**
   * Publishes `state` as this person's presence (a cursor, a viewport), in the structure
   * document's awareness, as the page does while the pointer moves (live-board.svelte.ts).
   */
  setPresence(state: Record<string, unknown>): void {
    this.structure?.awareness?.setLocalState(state);
  }

  onAcknowledged(doc: Y.Doc, onAck: (count: number) => void): void {
    const provider = this.providerOf.get(doc)!;
    let unsynced = provider.unsyncedChanges;
    provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      // After a reconnection the provider resets its count to 1 (a new sync): that is no ack.
      if (number < unsynced && !this.connectionLost) onAck(unsynced - number);
      unsynced = number;
    });
  }

  whenSaved(doc: Y.Doc, timeoutMs: number): Promise<void> {
    const provider = this.providerOf.get(doc)!;
    if (provider.unsyncedChanges === 0) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => {
        const check = ({ number }: { number: number }) => {
          if (number !== 0) return;
          provider.off('unsyncedChanges', check);
          resolve();
        };
        provider.on('unsyncedChanges', check);
      }),
      timeoutMs,
      'saving',
    );
  }

  onConnectionLost(onClose: () => void): void {
    let called = false;
    this.socket.on('disconnect', () => {
      if (called) return;
      called = true;
      onClose();
    });
  }

  destroy(): void {
    for (const provider of this.providers.splice(0)) provider.destroy();
    this.socket.destroy();
  }
}

type AwarenessHandler = (
  change: { added: number[]; updated: number[]; removed: number[] },
  origin: unknown,
) => void;

/**
 * y-websocket's provider sends every awareness update it applies back to the server, including
 * the ones it just received from it (its handler ignores the origin): with n clients on a document
 * each presence renewal comes back n times. Neither the browser's Hocuspocus provider nor a careful
 * client does that, and it would load the reference with traffic Journeyboard never sees, so the
 * reference clients send only their own presence.
 */
function sendOnlyOwnAwareness(provider: WebsocketProvider): void {
  const internals = provider as unknown as { _awarenessUpdateHandler: AwarenessHandler };
  const sendAll = internals._awarenessUpdateHandler;
  provider.awareness.off('update', sendAll);
  internals._awarenessUpdateHandler = (change, origin) => {
    if (origin !== provider) sendAll(change, origin);
  };
  provider.awareness.on('update', internals._awarenessUpdateHandler);
}

/** A person on the reference server: y-websocket's provider on the board's one document. */
export class ReferenceClient implements BoardClient {
  readonly cardDocs: Y.Doc[];
  readonly stageId: string;
  /** The reference server checks nobody: its cards carry a made-up author, as the same cost. */
  readonly author: CardAuthor = {
    id: 'benchAuthor01',
    name: 'Reference person',
    departmentId: null,
    guest: false,
  };
  private readonly provider: WebsocketProvider;

  private constructor(provider: WebsocketProvider, doc: Y.Doc, stageId: string) {
    this.provider = provider;
    this.cardDocs = [doc];
    this.stageId = stageId;
  }

  static async connect(options: {
    syncUrl: string;
    docName: string;
    stageId: string;
    role: 'editor' | 'watcher';
    name: string;
  }): Promise<ReferenceClient> {
    const doc = new Y.Doc();
    // Without disableBc, providers of one room in one process would also talk over Node's
    // BroadcastChannel, delivering updates without the server.
    const provider = new WebsocketProvider(options.syncUrl, options.docName, doc, { disableBc: true });
    sendOnlyOwnAwareness(provider);
    provider.awareness.setLocalState(PAGE_PRESENCE);
    const client = new ReferenceClient(provider, doc, options.stageId);
    try {
      await withTimeout(
        new Promise<void>((resolve) => {
          if (provider.synced) resolve();
          provider.on('sync', (isSynced: boolean) => {
            if (isSynced) resolve();
          });
        }),
        SYNC_TIMEOUT_MS,
        `syncing ${options.docName}`,
      );
    } catch (error) {
      client.destroy();
      throw error;
    }
    return client;
  }

  onAcknowledged(): void {}

  async whenSaved(): Promise<void> {}

  onConnectionLost(onClose: () => void): void {
    let called = false;
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'disconnected' || called) return;
      called = true;
      onClose();
    });
  }

  destroy(): void {
    this.provider.destroy();
  }
}
