import { readSessionValue, sessionDocName, type SessionKey } from '@journeyboard/board-model';
import * as Y from 'yjs';
import type { DocumentStore } from '../storage/document-store.ts';
import { applyStored } from '../storage/stored-document.ts';

/**
 * Reads one entry of a board's session doc as stored. The server appends each of its writes to the
 * log before anyone sees it, so the log is never behind what any instance shows. (A read through
 * `ServerWriter.change` would append an update each time: a Yjs diff carries the whole delete set,
 * which is never empty once an entry has been replaced.)
 */
export async function readStoredSessionValue(
  documents: DocumentStore,
  boardId: string,
  key: SessionKey,
): Promise<unknown> {
  const doc = new Y.Doc();
  try {
    applyStored(doc, await documents.load(sessionDocName(boardId)));
    return readSessionValue(doc, key);
  } finally {
    doc.destroy();
  }
}
