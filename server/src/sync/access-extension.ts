import type {
  afterLoadDocumentPayload,
  beforeHandleAwarenessPayload,
  Connection,
  connectedPayload,
  Extension,
  Hocuspocus,
  onAuthenticatePayload,
  onChangePayload,
  onDisconnectPayload,
} from '@hocuspocus/server';
import {
  kindOf,
  mayOpenDocument,
  mayWriteDocument,
  parseDocName,
  PRESENCE_MAX_BYTES,
  readBoard,
  stampPresence,
  statelessMessage,
  type DocRef,
} from '@journeyboard/board-model';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { AuthService } from '../auth/auth-service.ts';
import type { MembershipStore } from '../auth/membership-store.ts';
import type { BoardAccess } from '../auth/roles.ts';
import { readCookie, SESSION_COOKIE } from '../http/cookies.ts';
import type { BoardStructureReader } from './board-structure.ts';
import type { ClusterBus } from './cluster-bus.ts';
import { OneAtATime } from '../session/one-at-a-time.ts';
import { type CloseReason, NoAccess, SessionExpired, SignInFirst, UnknownDocument } from './close-reasons.ts';

/**
 * How long a lane document waits for its lane to reach the structure: a page opens a lane it has
 * just added at once, on the same socket, while the structure change is still being stored.
 */
const LANE_WAIT_MS = 3_000;

/** setTimeout's longest delay is about 24.8 days; a session's expiry is looked at again after a day. */
const LONGEST_EXPIRY_WAIT_MS = 24 * 60 * 60 * 1000;

/**
 * How long a change of access is remembered for the connections still being set up when it came
 * (see `connected`): far longer than a document takes to load.
 */
const CHANGE_MEMORY_MS = 10 * 60 * 1000;

/**
 * What the server remembers about each document connection, in Hocuspocus's context. A page's
 * documents on one socket share one `access` object and `sessionId` string while they agree (see
 * `onAuthenticate`); a change of access replaces the object of each connection it changes.
 */
export interface ConnectionContext {
  access: BoardAccess;
  sessionId: string;
  /** When the session expires, as it stood when the connection was authenticated (it slides: see `watchSession`). */
  sessionExpiresAt: number;
  ref: DocRef;
  /** The access changes counted when its access was decided (see `connected`). */
  decidedAt: number;
}

/** A session with open connections here, and the timer that closes them when it expires. */
interface WatchedSession {
  /**
   * Its open document connections, by their context: Hocuspocus hands a connection's hooks the
   * one context object from authentication to disconnection, and it costs no key of its own (a
   * `socketId documentName` string was two dozen string pieces for each connection).
   */
  connections: Set<ConnectionContext>;
  timer: NodeJS.Timeout;
  expiresAt: number;
  /** The headers of a request of the session, to look the session up again at its expiry. */
  headers: Headers;
}

/** A change of access, remembered for connections that were being set up as it came. */
interface AccessChange {
  count: number;
  at: number;
  reason: CloseReason | null;
}

export interface AccessOptions {
  auth: AuthService;
  memberships: MembershipStore;
  structure: BoardStructureReader;
  log: Logger;
  /** Set when several instances serve the same boards: access changes reach them all. */
  bus?: ClusterBus;
}

/**
 * Decides, for every document a socket opens, who is asking and what they may do: no valid session
 * → refused; no role on the board → refused; a lane the board does not have → refused; otherwise the connection is read-only wherever the
 * role may not write (see roles.ts). Access is decided again, on open connections, whenever
 * memberships, links, sessions or lane ownership change.
 */
export class AccessExtension implements Extension {
  extensionName = 'journeyboard-access';
  private readonly options: AccessOptions;
  private hocuspocus: Hocuspocus | null = null;
  /** Boards whose access is being decided again; `again` asks for one more pass after this one. */
  private readonly refreshing = new Map<string, { again: boolean }>();
  /** Per board held here: which department owns each lane, to notice when that changes. */
  private readonly laneOwnership = new Map<string, string>();
  /** Each board's passes deciding access again, in turn (see `refreshBoardHere`). */
  private readonly passes = new OneAtATime();
  /**
   * The sessions with open connections here, each let go with its last connection: a session lives
   * for weeks, and one watched until its expiry would hold its timer and headers for each guest
   * or watcher who ever came by.
   */
  private readonly sessions = new Map<string, WatchedSession>();
  /**
   * Per socket (Hocuspocus's request of it), the access and session id its last document was
   * opened with: the next one shares them when they are the same, instead of holding its own
   * copies for as long as it is open (a page opens five or more documents on its socket).
   */
  private readonly lastAccessOf = new WeakMap<Request, { access: BoardAccess; sessionId: string }>();
  /** Changes of access counted so far; each connection remembers the count its access was read at. */
  private changes = 0;
  /** Recent ends of sessions (signed out, expired) and changes of boards' access, by id. */
  private readonly endedSessions = new Map<string, AccessChange>();
  private readonly boardChanges = new Map<string, AccessChange[]>();

  constructor(options: AccessOptions) {
    this.options = options;
    options.bus?.subscribe((event) => {
      const done =
        event.type === 'board-access'
          ? this.refreshBoardHere(event.boardId, event.reason).then((n) => this.logChanged(event.boardId, n))
          : Promise.resolve(this.closeSessionsHere(event.sessionIds, event.reason));
      done.catch((error: unknown) =>
        options.log.error({ err: error, event }, 'a cluster access event failed'),
      );
    });
  }

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.hocuspocus = instance;
  }

  async onAuthenticate({
    documentName,
    request,
    requestHeaders,
    connectionConfig,
  }: onAuthenticatePayload): Promise<ConnectionContext> {
    const ref = parseDocName(documentName);
    if (!ref) throw UnknownDocument;
    const decidedAt = this.changes;
    const valid = await this.options.auth.validateSessionToken(readCookie(requestHeaders, SESSION_COOKIE));
    if (!valid) throw SignInFirst;
    const access = await this.options.memberships.resolveAccess(valid.session, valid.user, ref.boardId);
    if (!access) {
      this.options.log.info(
        { documentName, sessionId: valid.session.id },
        'refused a document: no role on the board',
      );
      throw NoAccess;
    }
    if (!mayOpenDocument(access, ref)) {
      this.options.log.info(
        { documentName, sessionId: valid.session.id },
        'refused a document of another person',
      );
      throw NoAccess;
    }
    const laneId = kindOf(ref).laneOf(ref);
    if (laneId !== null && !(await this.options.structure.waitForLane(ref.boardId, laneId, LANE_WAIT_MS))) {
      this.options.log.info({ documentName }, 'refused a document of a lane the board does not have');
      throw UnknownDocument;
    }
    connectionConfig.readOnly = !(await this.mayWrite(access, ref));
    const last = this.lastAccessOf.get(request);
    const shared =
      last && last.sessionId === valid.session.id && sameAccess(last.access, access)
        ? last
        : { access, sessionId: valid.session.id };
    this.lastAccessOf.set(request, shared);
    return {
      access: shared.access,
      sessionId: shared.sessionId,
      sessionExpiresAt: valid.session.expiresAt,
      ref,
      decidedAt,
    };
  }

  /**
   * Hocuspocus tells a page it is authenticated before the document has loaded and the connection
   * joined it, so a sign-out or a change of access in between finds no connection to close or
   * decide again. Once the connection is there, it is caught up with what changed since its access
   * was read.
   */
  async connected(payload: connectedPayload<ConnectionContext>): Promise<void> {
    const { context, connection } = payload;
    if (!context?.access) return;
    await this.catchUp(context, connection);
    // Closed meanwhile (or just now, by the catching up): onDisconnect has been and gone.
    if (connection.document.hasConnection(connection)) this.watchSession(payload);
  }

  private async catchUp(context: ConnectionContext, connection: Connection): Promise<void> {
    const ended = this.endedSessions.get(context.sessionId);
    if (ended && ended.count > context.decidedAt) {
      connection.close(ended.reason ?? NoAccess);
      return;
    }
    const since = (this.boardChanges.get(context.ref.boardId) ?? []).filter(
      (change) => change.count > context.decidedAt,
    );
    if (since.length === 0) return;
    const reason = since.find((change) => change.reason !== null)?.reason ?? null;
    const { boardId } = context.ref;
    const changed = await this.passes.run(boardId, () => this.decideBoardHere(boardId, reason, connection));
    this.logChanged(boardId, changed);
  }

  /**
   * An open document connection's session is watched, to close its connections when it expires.
   * (Not at authentication: a socket that closes while its document loads opens no connection,
   * and would leave its session watched with nothing to close.)
   */
  private watchSession({ context, requestHeaders }: connectedPayload<ConnectionContext>): void {
    const { sessionId, sessionExpiresAt } = context;
    let watched = this.sessions.get(sessionId);
    if (!watched) {
      watched = {
        connections: new Set(),
        timer: this.expiryTimer(sessionId, sessionExpiresAt),
        expiresAt: sessionExpiresAt,
        headers: requestHeaders,
      };
      this.sessions.set(sessionId, watched);
    } else if (sessionExpiresAt > watched.expiresAt) {
      // The session was renewed since: watch it until its new expiry.
      clearTimeout(watched.timer);
      watched.timer = this.expiryTimer(sessionId, sessionExpiresAt);
      watched.expiresAt = sessionExpiresAt;
      watched.headers = requestHeaders;
    }
    watched.connections.add(context);
  }

  /** A document connection closed: a session with none left here is no longer watched. */
  async onDisconnect({ context }: onDisconnectPayload): Promise<void> {
    const sessionId = (context as ConnectionContext | undefined)?.sessionId;
    const watched = sessionId === undefined ? undefined : this.sessions.get(sessionId);
    if (!watched) return;
    watched.connections.delete(context as ConnectionContext);
    if (watched.connections.size === 0) this.forgetSession(sessionId!);
  }

  /** How many sessions are watched here: those with open connections (for tests and benchmarks). */
  get watchedSessions(): number {
    return this.sessions.size;
  }

  /** Counts a change of access and remembers it for connections being set up (see `connected`). */
  private countChange(reason: CloseReason | null): AccessChange {
    const now = Date.now();
    for (const [id, change] of this.endedSessions)
      if (now - change.at > CHANGE_MEMORY_MS) this.endedSessions.delete(id);
    for (const [id, changes] of this.boardChanges) {
      const recent = changes.filter((change) => now - change.at <= CHANGE_MEMORY_MS);
      if (recent.length === 0) this.boardChanges.delete(id);
      else this.boardChanges.set(id, recent);
    }
    return { count: ++this.changes, at: now, reason };
  }

  /**
   * Presence (awareness) is the board's, on its structure document only. Any client can publish
   * anything there, so the server relays, for a connection, only the state of its own clientID
   * (the first it publishes, and no other connection's), only while it is small, and always as the
   * board model's presence record stamped from the connection's access: nobody appears under
   * another name or role, takes over another's entry, or adds people who are not there.
   */
  async beforeHandleAwareness({
    context,
    states,
    connection,
    document,
    documentName,
  }: beforeHandleAwarenessPayload): Promise<void> {
    const ref = parseDocName(documentName);
    if (!ref || !kindOf(ref).carriesPresence) {
      states.clear();
      return;
    }
    // Hocuspocus reads the message into a scratch Awareness, whose own clientID holds an empty
    // state and comes first: it is nobody, and is not relayed.
    const [scratchId] = states.keys();
    const scratchState = scratchId === undefined ? undefined : states.get(scratchId);
    if (scratchState && typeof scratchState === 'object' && Object.keys(scratchState).length === 0) {
      states.delete(scratchId!);
    }
    // Without a connection it comes from another instance through Redis, stamped there.
    if (!connection) return;
    const access = (context as ConnectionContext | undefined)?.access;
    if (!access) {
      states.clear();
      return;
    }
    const own = document.getClients(connection);
    let claimed = own.size > 0;
    for (const [clientId, state] of states) {
      if (!own.has(clientId)) {
        const takenByAnother = document
          .getConnections()
          .some((other) => other !== connection && document.getClients(other).has(clientId));
        if (claimed || takenByAnother) {
          states.delete(clientId);
          continue;
        }
        claimed = true;
      }
      if (Buffer.byteLength(JSON.stringify(state) ?? '') > PRESENCE_MAX_BYTES) {
        this.options.log.warn(
          { documentName, socketId: connection.socketId },
          'dropped an oversized presence state',
        );
        states.delete(clientId);
        continue;
      }
      states.set(
        clientId,
        stampPresence(state, {
          userId: access.userId,
          name: access.displayName,
          role: access.role,
          departmentId: access.departmentId,
          guest: access.guest,
          watcher: access.userId === null,
        }),
      );
    }
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const ref = parseDocName(documentName);
    if (ref?.kind === 'structure') this.laneOwnership.set(ref.boardId, laneOwnershipOf(document));
  }

  async onChange({ documentName, document }: onChangePayload): Promise<void> {
    // When a lane changed department (or came or went), decide again who may write the lanes.
    const ref = parseDocName(documentName);
    if (ref?.kind !== 'structure') return;
    const ownership = laneOwnershipOf(document);
    if (this.laneOwnership.get(ref.boardId) === ownership) return;
    this.laneOwnership.set(ref.boardId, ownership);
    this.scheduleRefresh(ref.boardId);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    const ref = parseDocName(documentName);
    if (ref?.kind === 'structure') this.laneOwnership.delete(ref.boardId);
  }

  /**
   * Decides access again for every open connection to a board's documents: closes those that lost
   * it (with `reason`), switches read-only on or off for the rest, and tells the pages.
   */
  async refreshBoard(boardId: string, reason: CloseReason = NoAccess): Promise<void> {
    await Promise.all([
      this.refreshBoardHere(boardId, reason).then((n) => this.logChanged(boardId, n)),
      this.options.bus?.publish({ type: 'board-access', boardId, reason }),
    ]);
  }

  /**
   * `reason: null` (a pass for a lane's change of department) never closes: a connection found
   * without access is only made read-only, and the request that took the access away closes it
   * with its own reason ("link revoked", "removed"), however the two passes interleave.
   */
  private refreshBoardHere(boardId: string, reason: CloseReason | null): Promise<number> {
    const change = this.countChange(reason);
    this.boardChanges.set(boardId, [...(this.boardChanges.get(boardId) ?? []), change]);
    // One board's passes run one after the other: a pass that began before a change of access
    // (and read the access as it was) never finishes after the pass the change asked for.
    return this.passes.run(boardId, () => this.decideBoardHere(boardId, reason, null));
  }

  /** Decides access again for a board's connections here, or only for `only`. */
  private async decideBoardHere(
    boardId: string,
    reason: CloseReason | null,
    only: Connection | null,
  ): Promise<number> {
    const hocuspocus = this.hocuspocus;
    if (!hocuspocus) return 0;
    const { auth, memberships } = this.options;
    const sessions = new Map<string, Promise<BoardAccess | null>>();
    const accessOf = (sessionId: string, headers: Headers) => {
      let found = sessions.get(sessionId);
      if (!found) {
        found = auth
          .validateSessionToken(readCookie(headers, SESSION_COOKIE))
          .then((valid) =>
            valid && valid.session.id === sessionId
              ? memberships.resolveAccess(valid.session, valid.user, boardId)
              : null,
          );
        sessions.set(sessionId, found);
      }
      return found;
    };
    const changed = new Set<Connection>();
    for (const document of hocuspocus.documents.values()) {
      const ref = parseDocName(document.name);
      if (!ref || ref.boardId !== boardId) continue;
      for (const connection of document.getConnections()) {
        if (only && connection !== only) continue;
        const context = connection.context as ConnectionContext | undefined;
        if (!context?.access) continue;
        const access = await accessOf(context.sessionId, connection.request.headers);
        if (!access) {
          if (reason) connection.close(reason);
          else connection.readOnly = true;
          continue;
        }
        const readOnly = !(await this.mayWrite(access, ref));
        if (
          readOnly !== connection.readOnly ||
          access.role !== context.access.role ||
          access.departmentId !== context.access.departmentId
        ) {
          changed.add(connection);
        }
        connection.readOnly = readOnly;
        context.access = access;
      }
    }
    for (const connection of changed) {
      if ((connection.context as ConnectionContext).ref.kind === 'structure')
        connection.sendStateless(statelessMessage('access-changed'));
    }
    return changed.size;
  }

  /**
   * Logs that open connections now follow a board's current access. A run of scheduled passes logs
   * once, after its last pass: a pass that a change overtook may have decided some connections on
   * the old lane ownership, and only the pass after it is the whole answer.
   */
  private logChanged(boardId: string, connections: number): void {
    if (connections > 0)
      this.options.log.info({ boardId, connections }, 'access changed on open connections');
  }

  /** Closes every connection of the given sessions (signed out, password changed), on every instance. */
  closeSessions(sessionIds: string[], reason: CloseReason): void {
    this.closeSessionsHere(sessionIds, reason);
    this.options.bus
      ?.publish({ type: 'sessions-ended', sessionIds, reason })
      .catch((error: unknown) => this.options.log.error({ err: error }, 'could not tell other instances'));
  }

  /**
   * The timer that closes a session's connections here when it expires. The session slides (any
   * request renews it), so at its expiry it is looked up again: a renewed one is watched until its
   * new expiry.
   */
  private expiryTimer(sessionId: string, expiresAt: number): NodeJS.Timeout {
    const wait = Math.min(Math.max(expiresAt - Date.now(), 0), LONGEST_EXPIRY_WAIT_MS);
    const timer = setTimeout(() => {
      const watched = this.sessions.get(sessionId);
      // Let go (its last connection closed) or watched anew since.
      if (watched?.timer !== timer) return;
      this.options.auth
        .validateSessionToken(readCookie(watched.headers, SESSION_COOKIE))
        .then((valid) => {
          if (this.sessions.get(sessionId) !== watched) return;
          if (valid && valid.session.id === sessionId) {
            watched.timer = this.expiryTimer(sessionId, valid.session.expiresAt);
            watched.expiresAt = valid.session.expiresAt;
            return;
          }
          this.options.log.info({ sessionId }, 'closed the connections of an expired session');
          this.forgetSession(sessionId);
          this.closeSessionsHere([sessionId], SessionExpired);
        })
        .catch((error: unknown) =>
          this.options.log.error({ err: error, sessionId }, 'checking a session failed'),
        );
    }, wait);
    timer.unref();
    return timer;
  }

  private forgetSession(sessionId: string): void {
    const watched = this.sessions.get(sessionId);
    if (watched) clearTimeout(watched.timer);
    this.sessions.delete(sessionId);
  }

  /** Stops watching sessions' expiry (the server is shutting down). */
  async onDestroy(): Promise<void> {
    for (const { timer } of this.sessions.values()) clearTimeout(timer);
    this.sessions.clear();
  }

  private closeSessionsHere(sessionIds: string[], reason: CloseReason): void {
    const ids = new Set(sessionIds);
    const change = this.countChange(reason);
    for (const id of ids) this.endedSessions.set(id, change);
    for (const document of this.hocuspocus?.documents.values() ?? []) {
      for (const connection of document.getConnections()) {
        const context = connection.context as ConnectionContext | undefined;
        if (context && ids.has(context.sessionId)) connection.close(reason);
      }
    }
  }

  /**
   * Decides a board's access again soon, coalescing bursts of changes. A change that arrives while
   * a pass is running asks for another pass, so the last change is never missed.
   */
  private scheduleRefresh(boardId: string): void {
    const running = this.refreshing.get(boardId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    this.refreshing.set(boardId, state);
    const passes = async () => {
      let changed = 0;
      while (state.again) {
        state.again = false;
        await new Promise((resolve) => setTimeout(resolve, 50));
        changed += await this.refreshBoardHere(boardId, null);
      }
      this.logChanged(boardId, changed);
    };
    passes()
      .catch((error: unknown) =>
        this.options.log.error({ err: error, boardId }, 'deciding access again failed'),
      )
      .finally(() => this.refreshing.delete(boardId));
  }

  private async mayWrite(access: BoardAccess, ref: DocRef): Promise<boolean> {
    const laneId = kindOf(ref).laneOf(ref);
    const department =
      laneId === null ? null : await this.options.structure.laneDepartment(ref.boardId, laneId);
    return mayWriteDocument(access, ref, department);
  }
}

/** Whether two resolutions of someone's access say the same. */
function sameAccess(a: BoardAccess, b: BoardAccess): boolean {
  return (
    a.boardId === b.boardId &&
    a.role === b.role &&
    a.departmentId === b.departmentId &&
    a.userId === b.userId &&
    a.displayName === b.displayName &&
    a.guest === b.guest
  );
}

/** Which department owns each lane, as one comparable string ('' for an unreadable document). */
function laneOwnershipOf(document: Y.Doc): string {
  try {
    return readBoard(document)
      .lanes.map((lane) => `${lane.id}:${lane.department}`)
      .join(',');
  } catch {
    return '';
  }
}
