import type { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { DocumentStore } from '../storage/document-store.ts';
import { isEmptyUpdate } from './update-validation.ts';

/**
 * Changes a document on the server's own authority (a command it has checked, a migration), with
 * the same guarantee as a client's update: the change is appended to the log before anyone sees it.
 * The change runs on a copy first, so a change that throws writes nothing.
 */
export class ServerWriter {
  private readonly hocuspocus: Hocuspocus;
  private readonly documents: DocumentStore;

  constructor(hocuspocus: Hocuspocus, documents: DocumentStore) {
    this.hocuspocus = hocuspocus;
    this.documents = documents;
  }

  async change<T>(boardId: string, documentName: string, change: (doc: Y.Doc) => T): Promise<T> {
    const connection = await this.hocuspocus.openDirectConnection(documentName, { server: true });
    try {
      const live = connection.document;
      if (!live) throw new Error(`Document "${documentName}" could not be opened`);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
      // What the change did, as the copy's own updates: a diff against the state vector would
      // always carry the document's whole delete set, and store something for a change of nothing.
      const made: Uint8Array[] = [];
      copy.on('update', (update: Uint8Array) => made.push(update));
      const result = change(copy);
      copy.destroy();
      const update = made.length === 1 ? made[0]! : Y.mergeUpdates(made);
      if (made.length > 0 && !isEmptyUpdate(update)) {
        await this.documents.append(boardId, documentName, update);
        await connection.transact((doc) => Y.applyUpdate(doc, update));
      }
      return result;
    } finally {
      await connection.disconnect();
    }
  }

  /** Whether this instance holds `documentName` loaded now (someone has it open, or a command). */
  holds(documentName: string): boolean {
    return this.hocuspocus.documents.has(documentName);
  }

  /**
   * Reads a document as this instance holds it (loading it first when it is not held), changing
   * nothing: for commands that check what a document says before they act.
   */
  async read<T>(documentName: string, read: (doc: Y.Doc) => T): Promise<T> {
    const connection = await this.hocuspocus.openDirectConnection(documentName, { server: true });
    try {
      const live = connection.document;
      if (!live) throw new Error(`Document "${documentName}" could not be opened`);
      return read(live);
    } finally {
      await connection.disconnect();
    }
  }
}
