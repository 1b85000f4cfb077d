import * as Y from 'yjs';

/** Whether an (already readable) update carries no insertions and no deletions. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  // An empty update encodes as two zero varints: no structs, no delete set.
  if (update.length <= 2) return true;
  const decoded = Y.decodeUpdate(update);
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}
