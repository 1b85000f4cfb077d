import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import {
  BoardHistory,
  type BoardStructure,
  type Card,
  type CardComment,
  laneDocName,
  observeCards,
  readBoard,
  readComments,
  readPresence as readPresenceRecord,
  readSession,
  readStateless,
  sessionDocName,
  type PresenceRecord,
  type SessionKey,
  structureDocName,
  talkDocName,
} from '@journeyboard/board-model';
import * as Y from 'yjs';
import { ApiError, type BoardAccess } from '#lib/api.ts';
import {
  describeRefusal,
  disconnectKind,
  isChangeRefusal,
  type DisconnectKind,
} from '../disconnect-reason.ts';
import { LaneCards } from './lane-cards.ts';
import { permissionsFor } from '../permissions.ts';
import { presenceState, readPresence, selfIdentity, type Presence } from '../presence.ts';

/** What the status badge shows. */
export type SyncStatus = 'connecting' | 'saving' | 'saved' | 'offline' | 'refused' | 'disconnected';

/** How often a page whose socket keeps failing asks the API whether its session still stands. */
const SESSION_CHECK_INTERVAL_MS = 5_000;

interface DocConnection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  synced: boolean;
  unsynced: number;
}

/** A lane document's connection, its cards as shown, and the cards changed since last shown. */
interface LaneConnection extends DocConnection {
  cards: LaneCards;
  /** Ids of cards changed since the last refresh; null: read the whole lane. */
  changed: Set<string> | null;
}

const NO_CARDS: readonly Card[] = Object.freeze([]);

export interface LiveBoardOptions {
  boardId: string;
  /** The sync endpoint (see `syncUrl`). */
  url: string;
  /** This person's access, as the board page loaded it. */
  access: BoardAccess;
  /** Fetches the access again, when the server says it changed. */
  fetchAccess: () => Promise<BoardAccess>;
}

/**
 * A board open in this page: the structure document, one document per lane and the talk document
 * (comments), all over one WebSocket, mirrored into reactive state for the components. Components
 * read `structure`, `cellCards(lane, stage)` and `comments`, ask `permissions` what to offer, and
 * write through the model's operations on `structureDoc` / `laneDoc(id)` / `talkDoc`.
 *
 * A lane is mirrored one change at a time (see `LaneCards`): an edit re-reads the cards it names,
 * and only the cells it touched get new arrays, so a board of thousands of cards re-renders what
 * changed, not every card of the lane.
 *
 * The server decides what each connection may write; this class follows it: it refetches the
 * access when told it changed, and when the server ends the session (access removed, link
 * revoked, signed out) it records why in `disconnected`, stops syncing and allows nothing more.
 */
export class LiveBoard {
  structure = $state<BoardStructure | null>(null);
  /** A counter per lane, bumped when the lane's cards change: what makes `cellCards` reactive. */
  private laneVersions = $state<Record<string, number>>({});
  /** Every comment on the board's cards. */
  comments = $state<CardComment[]>([]);
  status = $state<SyncStatus>('connecting');
  /** Why the server refused a document (in the reader's language), when it does not end the session. */
  refusedReason = $state<string | null>(null);
  /** Whether the server refused this page's last change to the comments (until cleared). */
  commentRefused = $state(false);
  /** Why the server refused this page's last change to a lane, in the reader's language (until cleared). */
  laneChangeRefused = $state<string | null>(null);
  /** Why the server ended this page's session; null while connected. */
  disconnected = $state<DisconnectKind | null>(null);
  access = $state<BoardAccess>() as BoardAccess;
  presence = $state<Presence>({ people: [], watching: 0 });
  /**
   * Every other client's presence as the server stamped it (one entry per tab, this page's own
   * left out): for what shows where people are (cursors, who edits a card, who presents).
   */
  peers = $state.raw<readonly { clientId: number; record: PresenceRecord }[]>([]);
  /** The facilitation session (timer, vote, poll, private mode), as plain data: read an entry with its reader. */
  session = $state.raw<Partial<Record<SessionKey, unknown>>>({});
  /**
   * The server's clock minus this browser's, in ms, once estimated: what the session's times (a
   * timer's end) are turned into this browser's time with.
   */
  serverOffsetMs = $state(0);
  /** What the page offers: nothing at all once disconnected. */
  readonly permissions = $derived(permissionsFor(this.disconnected ? null : this.access));
  /**
   * This person's undo history over the structure and lane documents. Every change the page makes
   * goes through `change`, which makes it one step and passes the history's origin to the model.
   * (Comments and departments are not in it: they are written in their own panels, and a comment
   * is taken back by deleting it.)
   */
  readonly history = new BoardHistory();
  canUndo = $state(false);
  canRedo = $state(false);
  /** The step `undo` would take back now (see `BoardHistory.latest`). */
  latestChange = $state.raw<object | null>(null);

  readonly boardId: string;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly structureConnection: DocConnection;
  private talkConnection: DocConnection;
  private readonly sessionConnection: DocConnection;
  /** What this page publishes in its presence (merged by `setPresence`). */
  private localPresence: Record<string, unknown> = presenceState();
  private readonly fetchAccess: () => Promise<BoardAccess>;
  // Bookkeeping of open connections; what is rendered comes from `structure` and `cellCards`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly lanes = new Map<string, LaneConnection>();
  private socketConnected = false;
  private lastSessionCheck = 0;
  private stopped = false;
  private destroyed = false;

  constructor(options: LiveBoardOptions) {
    this.boardId = options.boardId;
    this.access = options.access;
    this.fetchAccess = options.fetchAccess;
    this.socket = new HocuspocusProviderWebsocket({ url: options.url });
    this.socket.on('status', ({ status }: { status: string }) => {
      this.socketConnected = status === 'connected';
      this.updateStatus();
    });
    this.socket.on('disconnect', () => this.checkSessionWhileOffline());
    this.history.subscribe(() => {
      this.canUndo = this.history.canUndo;
      this.canRedo = this.history.canRedo;
      this.latestChange = this.history.latest;
    });
    this.structureConnection = this.connect(structureDocName(this.boardId), () => this.refreshStructure(), {
      presence: true,
    });
    this.history.trackStructure(this.structureConnection.doc);
    this.talkConnection = this.openTalk();
    this.sessionConnection = this.connect(sessionDocName(this.boardId), () => this.refreshSession());
  }

  get structureDoc(): Y.Doc {
    return this.structureConnection.doc;
  }

  get talkDoc(): Y.Doc {
    return this.talkConnection.doc;
  }

  /** The session doc (read-only: the server writes it after a facilitator's command). */
  get sessionDoc(): Y.Doc {
    return this.sessionConnection.doc;
  }

  /**
   * Publishes fields of this page's presence (cursor, viewport, editing card, presenting, gather,
   * burst; see the model's presence record), merged into what it published before; `null` clears
   * a field. The server stamps who this is and drops what this role may not say.
   */
  setPresence(fields: Record<string, unknown>): void {
    if (this.stopped) return;
    const next = { ...this.localPresence };
    for (const [key, value] of Object.entries(fields)) {
      if (value === null || value === undefined) delete next[key];
      else next[key] = value;
    }
    this.localPresence = next;
    this.structureConnection.provider.awareness?.setLocalState(next);
  }

  /** The document of a lane, opened on first use. */
  laneDoc(laneId: string): Y.Doc {
    return this.openLane(laneId).doc;
  }

  /**
   * Makes one change of this person's, as one undo step whatever documents it writes: `write`
   * gets the origin to pass to every model operation. Returns what `write` returns.
   */
  change<T>(write: (origin: object) => T): T {
    return this.history.act(() => write(this.history.origin));
  }

  /** Undoes this person's latest change; returns whether anything changed. */
  undo(): boolean {
    return !this.stopped && this.history.undo();
  }

  /** Redoes the change undone last; returns whether anything changed. */
  redo(): boolean {
    return !this.stopped && this.history.redo();
  }

  /** The cards of one cell in board order: the same array until one of them changes. */
  cellCards(laneId: string, stageId: string): readonly Card[] {
    if (this.laneVersions[laneId] === undefined) return NO_CARDS;
    return this.lanes.get(laneId)?.cards.cell(stageId) ?? NO_CARDS;
  }

  /** A card of a lane, as shown. */
  card(laneId: string, cardId: string): Card | undefined {
    if (this.laneVersions[laneId] === undefined) return undefined;
    return this.lanes.get(laneId)?.cards.card(cardId);
  }

  /** A card wherever it is on the board (it may have moved to another lane), or null. */
  findCard(cardId: string): { laneId: string; card: Card } | null {
    for (const laneId of Object.keys(this.laneVersions)) {
      const card = this.card(laneId, cardId);
      if (card) return { laneId, card };
    }
    return null;
  }

  /** Every open lane document (for operations that span lanes, e.g. removing a stage). */
  laneDocs(): Y.Doc[] {
    return [...this.lanes.values()].map((l) => l.doc);
  }

  destroy(): void {
    this.destroyed = true;
    this.stop();
  }

  /** Closes every connection and stops reconnecting; what was read stays on screen. */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.history.destroy();
    this.canUndo = false;
    this.canRedo = false;
    this.latestChange = null;
    for (const lane of this.lanes.values()) lane.provider.destroy();
    this.talkConnection.provider.destroy();
    this.sessionConnection.provider.destroy();
    this.structureConnection.provider.destroy();
    this.socket.destroy();
  }

  private connect(
    name: string,
    onChange: () => void,
    options: { presence?: boolean; watchUpdates?: boolean } = {},
  ): DocConnection {
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: doc,
      token: '',
      // Presence travels with the structure document only; one awareness per socket keeps it alive.
      ...(options.presence ? {} : { awareness: null }),
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
      if (!this.endSession(reason)) {
        this.refusedReason = describeRefusal(reason);
        this.updateStatus();
      }
    });
    provider.on('close', ({ event }: { event: { reason?: string } }) => this.endSession(event.reason));
    if (options.presence) this.watchPresence(provider);
    if (options.watchUpdates !== false) doc.on('update', () => scheduleRefresh(onChange));
    provider.attach();
    return connection;
  }

  private watchPresence(provider: HocuspocusProvider): void {
    const awareness = provider.awareness;
    if (!awareness) return;
    awareness.on('change', () => this.listPresence(awareness));
    awareness.setLocalState(this.localPresence);
    // The state a page publishes is the same as an empty awareness's: no change is emitted for it.
    this.listPresence(awareness);
    provider.on('stateless', ({ payload }: { payload: string }) => {
      if (readStateless(payload) === 'access-changed') void this.reloadAccess();
    });
  }

  /** The presence list from the structure document's awareness, this page's person as its access says. */
  private listPresence(awareness: NonNullable<HocuspocusProvider['awareness']>): void {
    if (this.disconnected || this.destroyed) return;
    const states = awareness.getStates();
    this.presence = readPresence(states, awareness.clientID, selfIdentity(this.access));
    const peers: { clientId: number; record: PresenceRecord }[] = [];
    for (const [clientId, value] of states) {
      if (clientId === awareness.clientID) continue;
      const record = readPresenceRecord(value);
      if (record) peers.push({ clientId, record });
    }
    this.peers = peers;
  }

  private async reloadAccess(): Promise<void> {
    let access: BoardAccess;
    try {
      access = await this.fetchAccess();
    } catch {
      // Lost access entirely: the server closes the documents too, with its reason.
      return;
    }
    if (this.stopped) return;
    this.access = access;
    // What this person did may no longer be theirs to change (a lane of a department they left):
    // an undo must not send what the server would refuse.
    this.history.clear();
    // Published again, so that the server relays it stamped with the new role or department.
    const awareness = this.structureConnection.provider.awareness;
    if (!awareness) return;
    awareness.setLocalState({ ...this.localPresence });
    this.listPresence(awareness);
  }

  /**
   * The server refuses a socket without a valid session before any document is opened, so the page
   * learns no reason: a socket that keeps failing might be a server that is down (keep trying) or
   * a session that ended meanwhile (say so). The API tells which.
   */
  private checkSessionWhileOffline(): void {
    const now = Date.now();
    if (this.stopped || now - this.lastSessionCheck < SESSION_CHECK_INTERVAL_MS) return;
    this.lastSessionCheck = now;
    this.fetchAccess().then(
      () => undefined,
      (error: unknown) => {
        if (!(error instanceof ApiError) || this.stopped) return;
        if (error.status === 401) this.endSession(null, 'sign-in');
        else if (error.status === 404) this.endSession(null, 'no-access');
      },
    );
  }

  /** Ends the session when the server gave a reason that ends it; returns whether it did. */
  private endSession(reason: string | undefined | null, known?: DisconnectKind): boolean {
    const kind = known ?? disconnectKind(reason);
    if (!kind) return false;
    if (!this.disconnected) this.disconnected = kind;
    this.presence = { people: [], watching: 0 };
    this.peers = [];
    this.updateStatus();
    // Not from inside the provider's own event: tear the connections down once it has returned.
    queueMicrotask(() => this.stop());
    return true;
  }

  private openTalk(): DocConnection {
    const talk = this.connect(talkDocName(this.boardId), () => this.refreshComments());
    talk.provider.on('close', ({ event }: { event: { reason?: string } }) => {
      if (isChangeRefusal(event.reason)) queueMicrotask(() => this.reopenTalk(talk));
    });
    return talk;
  }

  /**
   * The server refused a change to the comments (this page believed it could remove a comment it
   * no longer may): that change is in this page's copy and would be sent again on every sync, so
   * the copy is dropped and the talk doc opened afresh, showing the comments as saved.
   */
  private reopenTalk(refused: DocConnection): void {
    if (this.stopped || this.talkConnection !== refused) return;
    this.leave(talkDocName(this.boardId), refused);
    this.talkConnection = this.openTalk();
    this.commentRefused = true;
    this.updateStatus();
  }

  /**
   * Leaves a document the server has closed already, without the close message `destroy` would
   * send: the server would hold that message and apply it to the document's next opening.
   */
  private leave(name: string, connection: DocConnection): void {
    this.socket.configuration.providerMap.delete(name);
    connection.provider.destroy();
    connection.doc.destroy();
  }

  /**
   * The server refused this page's change of a lane (a card that does not fit, a full lane): the
   * change is in this page's copy and would be sent again on every sync, so the copy is dropped
   * and the lane opened afresh, showing its cards as saved.
   */
  private reopenLane(laneId: string, refused: LaneConnection, reason: string | undefined): void {
    if (this.stopped || this.lanes.get(laneId) !== refused) return;
    this.leave(laneDocName(this.boardId, laneId), refused);
    this.lanes.delete(laneId);
    delete this.laneVersions[laneId];
    this.openLane(laneId);
    this.laneChangeRefused = describeRefusal(reason);
    this.updateStatus();
  }

  private openLane(laneId: string): LaneConnection {
    const open = this.lanes.get(laneId);
    if (open) return open;
    const refresh = () => this.refreshLane(laneId);
    // The provider's event handlers hold the connection object: extend that one.
    const lane: LaneConnection = Object.assign(
      this.connect(laneDocName(this.boardId, laneId), refresh, { watchUpdates: false }),
      { cards: new LaneCards(), changed: null },
    );
    observeCards(lane.doc, (ids) => {
      // Until the lane is first shown `changed` stays null: that refresh reads the whole lane.
      if (lane.changed) for (const id of ids) lane.changed.add(id);
      scheduleRefresh(refresh);
    });
    lane.provider.on('close', ({ event }: { event: { reason?: string } }) => {
      if (isChangeRefusal(event.reason)) queueMicrotask(() => this.reopenLane(laneId, lane, event.reason));
    });
    this.history.trackLane(lane.doc);
    this.lanes.set(laneId, lane);
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
    if (this.stopped) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not rendered
    const laneIds = new Set(structure.lanes.map((l) => l.id));
    for (const id of laneIds) this.openLane(id);
    for (const [id, lane] of this.lanes) {
      if (!laneIds.has(id) && lane.unsynced === 0) {
        // Its copy is dropped: a lane brought back (by undo) is opened afresh from the server.
        this.history.untrack(lane.doc);
        lane.provider.destroy();
        this.lanes.delete(id);
        delete this.laneVersions[id];
      }
    }
  }

  private refreshLane(laneId: string): void {
    const lane = this.lanes.get(laneId);
    if (this.destroyed || !lane) return;
    const version = this.laneVersions[laneId];
    if (version !== undefined && lane.changed?.size === 0) return;
    const changed = lane.changed;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not rendered
    lane.changed = new Set();
    if (lane.cards.update(lane.doc, changed) || version === undefined) {
      this.laneVersions[laneId] = (version ?? 0) + 1;
    }
  }

  private refreshSession(): void {
    if (this.destroyed) return;
    this.session = readSession(this.sessionDoc);
  }

  private refreshComments(): void {
    if (this.destroyed) return;
    this.comments = readComments(this.talkDoc);
  }

  private updateStatus(): void {
    const all = [
      this.structureConnection,
      this.talkConnection,
      this.sessionConnection,
      ...this.lanes.values(),
    ];
    if (this.disconnected) this.status = 'disconnected';
    else if (this.refusedReason) this.status = 'refused';
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
