import * as Y from 'yjs';
import type { CardAuthor } from './schema.ts';

// Test helpers shared by the model's tests and the server's (the `testing` entry point): replicas
// of a document, the update a client would send, and what an operation costs.

/** Exchanges what each of two replicas lacks, both ways, as two peers syncing would. */
export function syncBoth(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

/** A new replica holding everything `doc` holds. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** How many transactions `action` made on `doc` (an operation should make one). */
export function countTransactions(doc: Y.Doc, action: () => void): number {
  let count = 0;
  const listener = (): void => {
    count++;
  };
  doc.on('afterTransaction', listener);
  action();
  doc.off('afterTransaction', listener);
  return count;
}

/** What `edit` writes on a replica of `doc`: the update a client that holds `doc` would send. */
export function updateFrom(doc: Y.Doc, edit: (client: Y.Doc) => void): Uint8Array {
  const client = replicaOf(doc);
  const before = Y.encodeStateVector(client);
  edit(client);
  const update = Y.encodeStateAsUpdate(client, before);
  client.destroy();
  return update;
}

/** Who writes the cards of a test that does not care who writes them. */
export const TEST_AUTHOR = {
  id: 'q2k7mvxbn4a3hd5e',
  name: 'Lan Nguyễn',
  departmentId: 'dept-sales',
  guest: false,
} as const satisfies CardAuthor;
