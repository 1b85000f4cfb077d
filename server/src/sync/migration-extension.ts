import type { Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import { kindOf, parseDocName } from '@journeyboard/board-model';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocumentStore } from '../storage/document-store.ts';

/**
 * Brings a document written by an older release up to its kind's current schema as it is loaded,
 * and logs the change like any other, before any client sees the document.
 */
export class MigrationExtension implements Extension {
  extensionName = 'journeyboard-migration';
  private readonly documents: DocumentStore;
  private readonly log: Logger;

  constructor(options: { documents: DocumentStore; log: Logger }) {
    this.documents = options.documents;
    this.log = options.log;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const ref = parseDocName(documentName);
    const migrate = ref ? kindOf(ref).migrate : undefined;
    if (!ref || !migrate) return;
    const before = Y.encodeStateVector(document);
    let result: { from: number; to: number; changed: boolean };
    try {
      result = migrate(document);
    } catch (error) {
      // Not a board (yet) or made by a newer release: clients show that; nothing to write.
      this.log.warn({ err: error, documentName }, 'document not migrated');
      return;
    }
    if (!result.changed) return;
    await this.documents.append(ref.boardId, documentName, Y.encodeStateAsUpdate(document, before));
    // As after loading: nobody is connected yet, so the queued broadcast of the change goes to no one.
    document.flush();
    this.log.info(
      { documentName, from: result.from, to: result.to },
      'migrated a document to the current schema',
    );
  }
}
