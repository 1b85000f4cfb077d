/**
 * Whether an update is Yjs's empty update: no structs and no deletions, which Yjs encodes as two
 * zero varints, [0, 0]. A page answers the sync of each document it opens with it when it has
 * nothing new. Read from the bytes, not decoded: this runs for every update a client sends. (An
 * update crafted to list writers with nothing written is longer, and is checked and stored like
 * any other; it changes nothing.)
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
