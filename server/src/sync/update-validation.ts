import * as Y from 'yjs';

/**
 * Whether `update` is a Yjs update this server can apply. It is applied to a scratch document
 * (missing dependencies simply stay pending there), so a malformed update is refused before it
 * reaches the log or the live document.
 */
export function isReadableUpdate(update: Uint8Array): boolean {
  // A fixed guid: a generated one costs more random numbers than the check itself.
  const scratch = new Y.Doc({ gc: false, guid: 'update-check' });
  try {
    Y.applyUpdate(scratch, update);
    return true;
  } catch {
    return false;
  } finally {
    scratch.destroy();
  }
}

/** Whether an (already readable) update carries no insertions and no deletions. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  // An empty update encodes as two zero varints: no structs, no delete set.
  if (update.length <= 2) return true;
  const decoded = Y.decodeUpdate(update);
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}
