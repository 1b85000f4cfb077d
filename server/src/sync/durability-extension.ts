import type {
  Connection,
  ConnectionTransactionOrigin,
  Document,
  Extension,
  Hocuspocus,
  afterUnloadDocumentPayload,
  beforeSyncPayload,
  onChangePayload,
  connectedPayload,
  onAuthenticatePayload,
  onLoadDocumentPayload,
} from '@hocuspocus/server';
import { isTransactionOrigin } from '@hocuspocus/server';
import { type DocRef, parseDocName } from '@journeyboard/board-model';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import type { DocumentStore } from '../storage/document-store.ts';
import { applyStored } from '../storage/stored-document.ts';
import { AckQueue } from './ack-queue.ts';
import { AccessChangedWhileSaving, NotSaved } from './close-reasons.ts';
import { isEmptyUpdate } from './update-validation.ts';

export interface DurabilityOptions {
  documents: DocumentStore;
  log: Logger;
  /** Compact a document's log once it holds this many updates. */
  compactAfter?: number;
}

/** How long a page opening a discarded document waits for it to be unloaded before it is refused. */
const DISCARD_WAIT_MS = 10_000;

/** A live document that holds an update the log lacks, until it is unloaded. */
interface Discarded {
  document: Document;
  gone: Promise<void>;
  resolve: () => void;
}

/**
 * Makes "saved" mean durable. Every update a client sends (already checked by the content check)
 * is appended to the update log, and acknowledged only once that is committed (Hocuspocus awaits
 * `beforeSync` before it applies the update and sends the sync status the provider counts as
 * saved). Loading reads the snapshot plus the log; the log is compacted into the snapshot in the
 * background.
 *
 * An update is applied, and so relayed to the others on the board, as soon as its
 * append is queued, without waiting for the commit: everyone sees an edit at once, and only its
 * author's "saved" waits for the disk (`AckQueue` holds the acknowledgement back; the connection's
 * next updates are applied meanwhile). A crash after the relay loses nothing that was acknowledged,
 * and the pages that hold the change send it again when they reconnect. If the append fails, the
 * live document holds what the log lacks: it is discarded (every connection closed as "not
 * saved", the document unloaded, the next page to open it waits for that) so that the pages sync
 * again against what is stored, and send the change again.
 */
export class DurabilityExtension implements Extension {
  extensionName = 'journeyboard-durability';
  private readonly documents: DocumentStore;
  private readonly log: Logger;
  private readonly compactAfter: number;
  private readonly appendedSinceCompaction = new Map<string, number>();
  private readonly compacting = new Map<string, Promise<void>>();
  private readonly discarded = new Map<string, Discarded>();
  /** Per connection, its acknowledgements held until committed (see `AckQueue`). */
  private readonly acks = new WeakMap<Connection, AckQueue>();
  /**
   * Per live document, whether everything queued for its log so far was committed: what a page's
   * sync is acknowledged on when it sends nothing new (the page may hold an update still being
   * stored, relayed to it or sent by it before it reconnected).
   */
  private readonly lastAppend = new Map<string, Promise<boolean>>();
  private hocuspocus: Hocuspocus | null = null;

  constructor(options: DurabilityOptions) {
    this.documents = options.documents;
    this.log = options.log;
    this.compactAfter = options.compactAfter ?? 200;
  }

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.hocuspocus = instance;
  }

  /** A page opening a document being discarded waits until it is gone, and gets what is stored. */
  async onAuthenticate({ documentName }: onAuthenticatePayload): Promise<void> {
    const held = this.heldDiscarded(documentName);
    if (!held) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      held.gone,
      new Promise((resolve) => {
        timer = setTimeout(resolve, DISCARD_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (this.heldDiscarded(documentName) === held) throw NotSaved;
  }

  /** The discarded document of that name while it is still live here (null once it is gone). */
  private heldDiscarded(documentName: string): Discarded | null {
    const held = this.discarded.get(documentName);
    if (!held) return null;
    if (held.document.isDestroyed || this.hocuspocus?.documents.get(documentName) !== held.document) {
      this.discarded.delete(documentName);
      held.resolve();
      return null;
    }
    return held;
  }

  /** A connection that was being set up as its document was discarded joins it only to leave. */
  async connected({ documentName, connection }: connectedPayload): Promise<void> {
    if (this.heldDiscarded(documentName)?.document === connection.document) connection.close(NotSaved);
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const started = performance.now();
    const stored = await this.documents.load(documentName);
    // Nobody is connected while a document loads. Hocuspocus listens to every change to a document
    // to broadcast it: for the stored state Yjs would encode the whole document again as one update
    // (a seventh of a 10,000-card board's load) only for it to be queued for no one, or sent as a
    // second copy to the first clients. So nothing listens while the stored state goes in.
    const listeners = updateListenersOf(document);
    const held = listeners.get('update');
    listeners.delete('update');
    let skipped: number;
    try {
      skipped = applyStored(document, stored, this);
    } finally {
      if (held) listeners.set('update', held);
    }
    if (skipped > 0) this.log.warn({ documentName, skipped }, 'skipped unreadable updates while loading');
    document.flush();
    this.appendedSinceCompaction.set(documentName, stored.updates.length);
    this.log.debug(
      { documentName, updates: stored.updates.length, ms: Math.round(performance.now() - started) },
      'document loaded',
    );
  }

  async beforeSync({ type, payload, documentName, document, connection }: beforeSyncPayload): Promise<void> {
    if (type !== messageYjsUpdate && type !== messageYjsSyncStep2) return;
    // A connection closed meanwhile (signed out, discarded) still works through the messages it
    // had queued: none of them is applied or stored.
    if (!document.hasConnection(connection) || this.heldDiscarded(documentName)) throw NotSaved;
    const acks = this.acksOf(connection);
    if (connection.readOnly || isEmptyUpdate(payload)) {
      // Nothing new from this page; it may hold an update still being stored (its own, sent
      // before it reconnected, or one relayed to it): "saved" waits for everything queued so far.
      acks.expect(this.lastAppend.get(documentName) ?? null);
      return;
    }
    const ref = parseDocName(documentName) as DocRef;
    // Queued before anyone can see the update: an edit that builds on it (made by someone it was
    // relayed to) is queued after it, and this instance commits in the order of the queue. Its
    // outcome is handled before it is applied, so that a failure is never left unhandled.
    const committed = this.store(
      ref.boardId,
      documentName,
      document,
      payload,
      'an update could not be saved; the client was told',
    );
    Y.applyUpdate(document, payload, {
      source: 'connection',
      connection,
    } satisfies ConnectionTransactionOrigin);
    acks.expect(
      committed.then((ok) => {
        if (!ok || !connection.readOnly) return ok;
        // Access was withdrawn while the update was being written (a role changed, a lane moved
        // to another department). It came while the connection could write, and it is kept; the
        // document is closed so that the page opens it again with its new access.
        this.log.info({ documentName }, 'access changed while an update was being saved; kept it');
        connection.close(AccessChangedWhileSaving);
        return false;
      }),
    );
  }

  /**
   * Queues `update` for the log of a live document; resolves with whether it was committed. A
   * failure discards the document (it holds what the log lacks), logged as `failure`.
   */
  private store(
    boardId: string,
    documentName: string,
    document: Document,
    update: Uint8Array,
    failure: string,
  ): Promise<boolean> {
    const committed = this.documents.append(boardId, documentName, update).then(
      () => {
        this.appended(boardId, documentName);
        return true;
      },
      (error: unknown) => {
        this.log.error({ err: error, documentName }, failure);
        this.discard(documentName, document);
        return false;
      },
    );
    this.trackAppend(documentName, committed);
    return committed;
  }

  /** Remembers `committed` as the last append of the document until another comes or it settles. */
  private trackAppend(documentName: string, committed: Promise<boolean>): void {
    const before = this.lastAppend.get(documentName);
    // Everything queued so far: a failure before this one means it was not all committed either.
    const all = before ? Promise.all([before, committed]).then(([a, b]) => a && b) : committed;
    this.lastAppend.set(documentName, all);
    void all.then(() => {
      if (this.lastAppend.get(documentName) === all) this.lastAppend.delete(documentName);
    });
  }

  /**
   * With several instances, each stores what its live document takes in from the others through
   * Redis, as well as what its own pages send: an instance that relayed an update and crashed
   * before committing it leaves it in the others' live documents, and a page that sent it and
   * moves to another instance finds it there and does not send it again. The log then holds some
   * updates twice, which loading and compaction merge away.
   */
  async onChange({ documentName, document, update, transactionOrigin }: onChangePayload): Promise<void> {
    if (!isTransactionOrigin(transactionOrigin) || transactionOrigin.source !== 'redis') return;
    const ref = parseDocName(documentName);
    if (!ref || this.heldDiscarded(documentName)) return;
    await this.store(
      ref.boardId,
      documentName,
      document as Document,
      update,
      'an update from another instance could not be saved',
    );
  }

  /** Counts a committed update towards the document's next compaction. */
  private appended(boardId: string, documentName: string): void {
    // Unloaded meanwhile: its count went with it, and the next load counts the log again.
    if (!this.hocuspocus?.documents.has(documentName)) return;
    const count = (this.appendedSinceCompaction.get(documentName) ?? 0) + 1;
    this.appendedSinceCompaction.set(documentName, count);
    if (count >= this.compactAfter) this.scheduleCompaction(boardId, documentName);
  }

  private acksOf(connection: Connection): AckQueue {
    let acks = this.acks.get(connection);
    if (!acks) {
      acks = new AckQueue(connection);
      this.acks.set(connection, acks);
    }
    return acks;
  }

  /**
   * Takes a live document that holds an update the log lacks out of service: every page on it is
   * told "not saved" and reconnects; the document unloads once they are gone, and the next page to
   * open it waits for that (`onAuthenticate`). Each page then syncs against what is stored and sends
   * again what it holds, the failed change included: stored then, or refused again, visibly.
   */
  private discard(documentName: string, document: Document): void {
    if (this.discarded.get(documentName)?.document === document) return;
    // Unloaded already (its last page left before the append failed): the next load reads what is
    // stored, and the pages that hold the change send it again when they open the document.
    if (document.isDestroyed || this.hocuspocus?.documents.get(documentName) !== document) return;
    let resolve = () => {};
    const gone = new Promise<void>((done) => (resolve = done));
    this.discarded.set(documentName, { document, gone, resolve });
    this.log.warn(
      { documentName, connections: document.getConnectionsCount() },
      'discarded a live document holding an update the log lacks; its pages sync again',
    );
    for (const connection of document.getConnections()) connection.close(NotSaved);
    // Nobody left to close: unload it now (Hocuspocus unloads it when its last connection goes).
    if (document.getConnectionsCount() === 0) void this.hocuspocus?.unloadDocument(document);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const discarded = this.discarded.get(documentName);
    if (discarded && !this.hocuspocus?.documents.has(documentName)) {
      this.discarded.delete(documentName);
      discarded.resolve();
    }
    const ref = parseDocName(documentName);
    if (ref && (this.appendedSinceCompaction.get(documentName) ?? 0) > 0) {
      this.scheduleCompaction(ref.boardId, documentName);
    }
    this.appendedSinceCompaction.delete(documentName);
  }

  /** Waits for pending appends and compactions, e.g. before the process exits. */
  async flush(): Promise<void> {
    await this.documents.drain();
    await Promise.allSettled(this.compacting.values());
  }

  private scheduleCompaction(boardId: string, documentName: string): void {
    if (this.compacting.has(documentName)) return;
    this.appendedSinceCompaction.set(documentName, 0);
    const run = this.documents
      .compact(boardId, documentName)
      .then(({ merged }) => this.log.debug({ documentName, merged }, 'compacted the update log'))
      .catch((error: unknown) => this.log.error({ err: error, documentName }, 'compaction failed'))
      .finally(() => this.compacting.delete(documentName));
    this.compacting.set(documentName, run);
  }
}

/** A document's listeners by event (lib0's Observable keeps them in `_observers`). */
function updateListenersOf(document: Y.Doc): Map<string, unknown> {
  return (document as unknown as { _observers: Map<string, unknown> })._observers;
}
