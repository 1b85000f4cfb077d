import type {
  ConnectionTransactionOrigin,
  Extension,
  afterUnloadDocumentPayload,
  beforeSyncPayload,
  onLoadDocumentPayload,
} from '@hocuspocus/server';
import { type DocRef, parseDocName } from '@journeyboard/board-model';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import type { DocumentStore } from '../storage/document-store.ts';
import { applyStored } from '../storage/stored-document.ts';
import { AccessChangedWhileSaving, NotSaved } from './close-reasons.ts';
import { isEmptyUpdate } from './update-validation.ts';

export interface DurabilityOptions {
  documents: DocumentStore;
  log: Logger;
  /** Compact a document's log once it holds this many updates. */
  compactAfter?: number;
}

/**
 * Makes "saved" mean durable. Every update a client sends (already checked by the content check)
 * is appended to the update log, and only then applied and acknowledged (Hocuspocus awaits `beforeSync` before it
 * applies the update and sends the sync status the provider counts as saved). Loading reads the
 * snapshot plus the log; the log is compacted into the snapshot in the background.
 */
export class DurabilityExtension implements Extension {
  extensionName = 'journeyboard-durability';
  private readonly documents: DocumentStore;
  private readonly log: Logger;
  private readonly compactAfter: number;
  private readonly appendedSinceCompaction = new Map<string, number>();
  private readonly compacting = new Map<string, Promise<void>>();

  constructor(options: DurabilityOptions) {
    this.documents = options.documents;
    this.log = options.log;
    this.compactAfter = options.compactAfter ?? 200;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const started = performance.now();
    const stored = await this.documents.load(documentName);
    const skipped = applyStored(document, stored, this);
    if (skipped > 0) this.log.warn({ documentName, skipped }, 'skipped unreadable updates while loading');
    // Hocuspocus queues every change to a document for broadcast, the stored state too; the first
    // clients would then get the whole document twice (their sync step 2, then this "update").
    // Nobody is connected while a document loads, so flushing now sends it to no one.
    document.flush();
    this.appendedSinceCompaction.set(documentName, stored.updates.length);
    this.log.debug(
      { documentName, updates: stored.updates.length, ms: Math.round(performance.now() - started) },
      'document loaded',
    );
  }

  async beforeSync({ type, payload, documentName, document, connection }: beforeSyncPayload): Promise<void> {
    if (type !== messageYjsUpdate && type !== messageYjsSyncStep2) return;
    if (connection.readOnly) return;
    if (isEmptyUpdate(payload)) return;
    const ref = parseDocName(documentName) as DocRef;
    try {
      await this.documents.append(ref.boardId, documentName, payload);
    } catch (error) {
      this.log.error({ err: error, documentName }, 'an update could not be saved; the client was told');
      throw NotSaved;
    }
    const count = (this.appendedSinceCompaction.get(documentName) ?? 0) + 1;
    this.appendedSinceCompaction.set(documentName, count);
    if (count >= this.compactAfter) this.scheduleCompaction(ref.boardId, documentName);
    if (connection.readOnly) {
      // Access was withdrawn while the update was being written (a role changed, a lane moved to
      // another department). Hocuspocus would now refuse it, yet it is in the log: a reload would
      // bring back a change nobody saw. It came while the connection could write, so keep it, in
      // the live document too, and close the document so the client opens it with its new access.
      const origin: ConnectionTransactionOrigin = { source: 'connection', connection };
      Y.applyUpdate(document, payload, origin);
      this.log.info({ documentName }, 'access changed while an update was being saved; kept it');
      throw AccessChangedWhileSaving;
    }
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
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
