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
      const before = Y.encodeStateVector(copy);
      const result = change(copy);
      const update = Y.encodeStateAsUpdate(copy, before);
      copy.destroy();
      if (!isEmptyUpdate(update)) {
        await this.documents.append(boardId, documentName, update);
        await connection.transact((doc) => Y.applyUpdate(doc, update));
      }
      return result;
    } finally {
      await connection.disconnect();
    }
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
