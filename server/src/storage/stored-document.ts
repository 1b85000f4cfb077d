import * as Y from 'yjs';

/** A document as stored: its compacted snapshot and the updates logged since. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/**
 * Applies a snapshot and updates to a fresh document and encodes the result (which also drops
 * the content of deleted items). An update that cannot be read is skipped and counted, so one
 * bad row can never make a whole board unreadable.
 */
export function mergeUpdates(
  snapshot: Uint8Array | null,
  updates: Uint8Array[],
): { state: Uint8Array; skipped: number } {
  const doc = new Y.Doc();
  const skipped = applyStored(doc, { snapshot, updates });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { state, skipped };
}

/** Applies a stored document to `doc`; returns how many unreadable updates were skipped. */
export function applyStored(doc: Y.Doc, stored: StoredDocument, origin?: unknown): number {
  let skipped = 0;
  doc.transact(() => {
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
      try {
        Y.applyUpdate(doc, update, origin);
      } catch {
        skipped++;
      }
    }
  }, origin);
  return skipped;
}
