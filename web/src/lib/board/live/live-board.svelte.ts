import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import {
  BoardHistory,
  type BoardStructure,
  type Card,
  type CardComment,
  type CardReaction,
  laneDocName,
  observeCards,
  readBoard,
  readComments,
  readPresence as readPresenceRecord,
  readReactions,
  readPrivateCards,
  readSession,
  readStateless,
  privateDocName,
  type PrivateCard,
  sessionDocName,
  type PresenceRecord,
  type SessionKey,
  structureDocName,
  talkDocName,
} from '@journeyboard/board-model';
import * as Y from 'yjs';
import { forgetBoard, forgetPerson } from '#lib/offline/forget.ts';
import { forgetScope } from '#lib/offline/forget-scope.ts';
import { LocalCopies, type LocalCopy } from '#lib/offline/local-copies.ts';
import { allAcknowledged, PendingChanges } from '#lib/offline/pending-changes.ts';
import { ApiError, type BoardAccess, getServerTime } from '#lib/api.ts';
import { watchOffset } from '#lib/timer/server-offset.ts';
import {
  closeKindOf,
  describeRefusal,
  disconnectKind,
  isChangeRefusal,
  type DisconnectKind,
} from '../disconnect-reason.ts';
import { LaneCards } from './lane-cards.ts';
import { permissionsFor } from '../permissions.ts';
import { presenceState, readPresence, samePresence, selfIdentity, type Presence } from '../presence.ts';

/** What the status badge shows. */
export type SyncStatus = 'connecting' | 'saving' | 'saved' | 'offline' | 'refused' | 'disconnected';

/** How often a page whose socket keeps failing asks the API whether its session still stands. */
const SESSION_CHECK_INTERVAL_MS = 5_000;

/**
 * How the socket tries again after losing the server: the first try at once, then after about
 * 1 s, 2 s, 4 s… up to 10 s, each wait a random time between `minDelay` and that (jitter), so that
 * a whole workshop's pages do not knock on a restarted server in step. Coming back online (the
 * browser's `online` event) tries at once.
 */
export const RECONNECT_BACKOFF = {
  delay: 1_000,
  factor: 2,
  jitter: true,
  minDelay: 250,
  maxDelay: 10_000,
  maxAttempts: 0,
} as const;

interface DocConnection {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  synced: boolean;
  unsynced: number;
  /** This browser's copy of the document (none for a watcher), read in before it connects. */
  copy: LocalCopy | null;
  /** Whether the local copy held the document: it shows before the server answers. */
  restored: boolean;
  /** This person's changes to it that the server has not acknowledged yet. */
  pending: PendingChanges;
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
/** The first wait before a page opens again a document the server closed for a moment, and the longest. */
const REOPEN_FIRST_MS = 1_000;
const REOPEN_MAX_MS = 10_000;

/** Whether the server closed (or would not yet open) a document only for a moment: open it again. */
function reopensDocument(reason: string | undefined | null): boolean {
  const kind = closeKindOf(reason);
  return kind === 'not-saved' || kind === 'access-changed-while-saving';
}

export class LiveBoard {
  structure = $state<BoardStructure | null>(null);
  /** A counter per lane, bumped when the lane's cards change: what makes `cellCards` reactive. */
  private laneVersions = $state<Record<string, number>>({});
  /** Every comment on the board's cards. */
  comments = $state<CardComment[]>([]);
  /** Every reaction on the board's cards (the talk doc's `reactions`). */
  reactions = $state.raw<CardReaction[]>([]);
  status = $state<SyncStatus>('connecting');
  /** How many of this person's changes wait for the server (kept with the local copy). */
  pendingChanges = $state(0);
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
   * Whether `session` is the server's current one: true once the session doc has synced with the
   * server, false again while the socket is not connected (until it has synced once more). What
   * acts on the session (where cards go in private mode, voting, answering a poll) waits for it.
   */
  sessionLive = $state(false);
  /**
   * The server's clock minus this browser's, in ms, once estimated: what the session's times (a
   * timer's end) are turned into this browser's time with.
   */
  serverOffsetMs = $state(0);
  /** This person's private cards (private mode), once their private doc is open. */
  privateCards = $state.raw<readonly PrivateCard[]>([]);
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
  /** This person's private doc (private mode), once `openPrivateDoc` opened it. */
  private privateConnection: DocConnection | null = null;
  /** What this page publishes in its presence (merged by `setPresence`). */
  private localPresence: Record<string, unknown> = presenceState();
  private readonly fetchAccess: () => Promise<BoardAccess>;
  /** The local copies of this person's documents; none for a watcher (nothing is kept for them). */
  private readonly localCopies: LocalCopies | null;
  // Bookkeeping of open connections; what is rendered comes from `structure` and `cellCards`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly lanes = new Map<string, LaneConnection>();
  private socketConnected = false;
  /** Whether the socket lost (or never reached) the server since it last connected. */
  private socketFailed = false;
  private readonly reconnectNow = () => {
    if (this.socket.status === 'disconnected') void this.socket.connect();
  };
  private lastSessionCheck = 0;
  private stopped = false;
  private destroyed = false;
  private readonly stopClock: () => void;

  constructor(options: LiveBoardOptions) {
    this.boardId = options.boardId;
    this.access = options.access;
    this.fetchAccess = options.fetchAccess;
    const userId = options.access.userId;
    this.localCopies = userId === null ? null : new LocalCopies(userId, this.boardId);
    this.socket = new HocuspocusProviderWebsocket({ url: options.url, ...RECONNECT_BACKOFF });
    this.socket.on('status', ({ status }: { status: string }) => {
      this.socketConnected = status === 'connected';
      if (this.socketConnected) this.socketFailed = false;
      else this.sessionLive = false;
      this.updateStatus();
    });
    this.socket.on('disconnect', () => {
      this.socketFailed = true;
      this.sessionLive = false;
      this.updateStatus();
      this.checkSessionWhileOffline();
    });
    if (typeof window !== 'undefined') window.addEventListener('online', this.reconnectNow);
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
    // Only the server writes the session doc, and an old copy of it would decide for this page
    // (where cards go, which vote is open) before the server answers: none is kept.
    this.sessionConnection = this.connect(sessionDocName(this.boardId), () => this.refreshSession(), {
      keepCopy: false,
    });
    this.sessionConnection.provider.on('synced', () => {
      if (!this.stopped) this.sessionLive = true;
    });
    // A copy an earlier version of this page kept is of no use any more.
    void this.localCopies?.clear(sessionDocName(this.boardId));
    this.stopClock = watchOffset({ serverTime: getServerTime, now: Date.now }, (offset) => {
      this.serverOffsetMs = offset;
    });
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
   * Opens this person's private doc, where their cards go while private mode is on, and keeps it
   * open (cards the reveal could not place stay there, theirs to see). Null for those who have
   * none: watchers and viewers (the server refuses them), and once the page has stopped.
   */
  openPrivateDoc(): Y.Doc | null {
    if (this.privateConnection) return this.privateConnection.doc;
    const { userId, role } = this.access;
    if (this.stopped || userId === null || role === 'viewer') return null;
    this.privateConnection = this.openPrivate(userId);
    return this.privateConnection.doc;
  }

  private openPrivate(userId: string): DocConnection {
    const connection = this.connect(privateDocName(this.boardId, userId), () => {
      if (!this.destroyed && this.privateConnection === connection) {
        this.privateCards = readPrivateCards(connection.doc);
      }
    });
    connection.provider.on('close', ({ event }: { event: { reason?: string } }) => {
      if (isChangeRefusal(event.reason)) {
        queueMicrotask(() => this.reopenPrivate(userId, connection, event.reason));
      }
    });
    return connection;
  }

  /**
   * The server refused a change to this person's private doc (a card that does not fit, too many
   * cards): as for a lane, the copy holding it is dropped and the doc opened afresh, showing the
   * private cards as saved, so that the refused change is not sent again on every sync.
   */
  private reopenPrivate(userId: string, refused: DocConnection, reason: string | undefined): void {
    if (this.stopped || this.privateConnection !== refused) return;
    this.leave(privateDocName(this.boardId, userId), refused);
    this.privateConnection = this.openPrivate(userId);
    this.privateCards = [];
    this.laneChangeRefused = describeRefusal(reason);
    this.updateStatus();
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
    this.sessionLive = false;
    this.history.destroy();
    this.canUndo = false;
    this.canRedo = false;
    this.latestChange = null;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.reconnectNow);
    for (const connection of this.connections()) {
      connection.copy?.close();
      connection.provider.destroy();
    }
    this.stopClock();
    this.socket.destroy();
  }

  /**
   * Opens one of the board's documents: its local copy first (this person's, see `LocalCopies`),
   * then its connection over the board's socket. Reading the copy in before connecting means the
   * first sync sends the server every change made offline, even before a reload or a closed tab,
   * and the count of those changes is known before the server acknowledges any.
   */
  private connect(
    name: string,
    onChange: () => void,
    options: { presence?: boolean; watchUpdates?: boolean; keepCopy?: boolean } = {},
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
    const copy = options.keepCopy === false ? null : (this.localCopies?.open(name, doc) ?? null);
    const connection: DocConnection = {
      doc,
      provider,
      synced: false,
      unsynced: 0,
      copy,
      restored: false,
      pending: new PendingChanges(),
    };
    const acknowledge = () => {
      const state = {
        connected: this.socketConnected,
        synced: provider.synced,
        unsynced: connection.unsynced,
      };
      if (allAcknowledged(state) && connection.pending.acknowledge()) {
        copy?.keepPending(0);
        this.updatePending();
      }
    };
    provider.on('synced', () => {
      connection.synced = true;
      onChange();
      acknowledge();
      this.updateStatus();
    });
    provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      connection.unsynced = number;
      acknowledge();
      this.updateStatus();
    });
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      // From the server, or read back from the copy: not a change of this person's.
      if (origin === provider || (copy && origin === copy.origin)) return;
      copy?.keepPending(connection.pending.recordChange());
      this.updatePending();
    });
    // The server closes a document for a moment when it could not store a change (the page then
    // opens it again and sends what the server lacks), or when access changed while a change was
    // being saved (opened again with the new access); while storage is down it refuses to open it
    // with "not-saved". Each time the page tries again, waiting longer, as it does for the socket.
    let reopening = 0;
    const reopenLater = () => {
      const wait = Math.min(REOPEN_MAX_MS, REOPEN_FIRST_MS * 2 ** reopening++);
      setTimeout(
        () => {
          if (this.stopped) return;
          provider.detach();
          provider.attach();
        },
        wait / 2 + Math.random() * (wait / 2),
      );
    };
    provider.on('synced', () => (reopening = 0));
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      if (reopensDocument(reason)) return reopenLater();
      if (!this.endSession(reason)) {
        this.refusedReason = describeRefusal(reason);
        this.updateStatus();
      }
    });
    provider.on('close', ({ event }: { event: { reason?: string } }) => {
      if (!this.endSession(event.reason) && reopensDocument(event.reason)) reopenLater();
    });
    if (options.presence) this.watchPresence(provider);
    if (options.watchUpdates !== false) doc.on('update', () => scheduleRefresh(onChange));
    if (!copy) {
      provider.attach();
      return connection;
    }
    void copy.loaded.then(({ restored, pending }) => {
      // Closed meanwhile (the board left, the lane removed): its provider is gone as well.
      if (copy.closed || this.stopped) return;
      connection.restored = restored;
      copy.keepPending(connection.pending.restore(pending));
      this.updatePending();
      if (restored) onChange();
      this.updateStatus();
      provider.attach();
    });
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
    const presence = readPresence(states, awareness.clientID, selfIdentity(this.access));
    // Awareness changes with every cursor move; the list (and what reads it) only when someone
    // came, left or changed.
    if (!samePresence(presence, this.presence)) this.presence = presence;
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
    if (!this.disconnected) {
      this.disconnected = kind;
      this.forgetLocalCopies(kind);
    }
    this.presence = { people: [], watching: 0 };
    this.peers = [];
    this.updateStatus();
    // Not from inside the provider's own event: tear the connections down once it has returned.
    queueMicrotask(() => this.stop());
    return true;
  }

  /**
   * Nothing of a board this person may no longer open is kept in this browser: all their copies
   * when their session ended, this board's when they lost access to it. (The copies still open
   * are deleted once `stop` closes them.)
   */
  private forgetLocalCopies(kind: DisconnectKind): void {
    const userId = this.localCopies?.userId;
    if (!userId) return;
    void (forgetScope(kind) === 'person' ? forgetPerson(userId) : forgetBoard(userId, this.boardId));
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
    this.dropCopy(name, connection);
    connection.provider.destroy();
    connection.doc.destroy();
  }

  /**
   * Closes and deletes a document's local copy: it holds a change the server refused (sent again
   * on every sync otherwise), or the document is no longer the board's. The next opening of the
   * same document waits for the deletion (see `LocalCopies`).
   */
  private dropCopy(name: string, connection: DocConnection): void {
    if (!connection.copy) return;
    connection.copy.close();
    void this.localCopies?.clear(name);
    connection.pending.acknowledge();
    this.updatePending();
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
        this.dropCopy(laneDocName(this.boardId, id), lane);
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
    this.reactions = readReactions(this.talkDoc);
  }

  /** Every document this page has open. */
  private connections(): DocConnection[] {
    return [
      this.structureConnection,
      this.talkConnection,
      this.sessionConnection,
      ...(this.privateConnection ? [this.privateConnection] : []),
      ...this.lanes.values(),
    ];
  }

  private updatePending(): void {
    this.pendingChanges = this.connections().reduce((sum, c) => sum + c.pending.count, 0);
  }

  private updateStatus(): void {
    const all = this.connections();
    if (this.disconnected) this.status = 'disconnected';
    else if (this.refusedReason) this.status = 'refused';
    else if (!this.socketConnected) {
      // Offline once the board was shown from the server, or from the local copy and the socket
      // failed to reach the server; until then, still connecting.
      const fromServer = all.some((c) => c.synced);
      const fromCopy = all.some((c) => c.restored);
      this.status = fromServer || (fromCopy && this.socketFailed) ? 'offline' : 'connecting';
    } else if (!all.every((c) => c.synced)) this.status = 'connecting';
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
