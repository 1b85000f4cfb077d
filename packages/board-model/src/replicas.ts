import * as Y from 'yjs';

// Test helpers shared by the model's tests: replicas of a document, and what an operation costs.

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
