import type * as Y from 'yjs';
import { BoardModelError } from './errors.ts';
import { SCHEMA_VERSION, metaMap } from './schema.ts';

/**
 * One step of the schema's history: `run` turns a structure doc of version `version - 1` into one
 * of `version`, inside the migration's transaction. Steps must give the same result when two
 * clients run them concurrently, since both sets of writes are merged.
 */
interface MigrationStep {
  version: number;
  run: (doc: Y.Doc) => void;
}

// Version 1 is the first schema: nothing to transform, migrateStructure only stamps it. A change
// to the schema bumps SCHEMA_VERSION and appends { version: 2, run } here, with a test that opens
// a board saved by the previous version.
const STEPS: readonly MigrationStep[] = [];

/** Whether the doc holds a board: its meta map has a schema version or a title. */
export function isBoard(doc: Y.Doc): boolean {
  const meta = metaMap(doc);
  return meta.has('schemaVersion') || meta.has('title');
}

/**
 * The schema version of the board in `doc`. A board without a usable version (missing, or not a
 * positive whole number) is read as version 1: version 1 is the first schema, and every later
 * version stamps itself when it writes or migrates a board.
 *
 * @throws BoardModelError NOT_A_BOARD when the doc holds no board, NEWER_SCHEMA when the board was
 * written by a newer Journeyboard (reading or writing it with this code could lose data).
 */
export function boardSchemaVersion(doc: Y.Doc): number {
  if (!isBoard(doc)) {
    throw new BoardModelError(
      'NOT_A_BOARD',
      'This document holds no board: check the board id, or create the board with initBoard',
    );
  }
  const stored: unknown = metaMap(doc).get('schemaVersion');
  const version = typeof stored === 'number' && Number.isInteger(stored) && stored >= 1 ? stored : 1;
  if (version > SCHEMA_VERSION) {
    throw new BoardModelError(
      'NEWER_SCHEMA',
      `This board was saved by a newer Journeyboard (schema version ${version}; this one knows up to ${SCHEMA_VERSION}): update Journeyboard to open it`,
      { field: 'schemaVersion', limit: SCHEMA_VERSION },
    );
  }
  return version;
}

/**
 * Brings the board in a structure doc up to `SCHEMA_VERSION`, running every step newer than its
 * version and stamping the version, in one transaction. Writes nothing when the board is current
 * and stamped. Returns the version found and the version now stored; `changed` says whether it wrote.
 *
 * @throws BoardModelError NOT_A_BOARD or NEWER_SCHEMA, as `readBoard`.
 */
export function migrateStructure(doc: Y.Doc): { from: number; to: number; changed: boolean } {
  const from = boardSchemaVersion(doc);
  const meta = metaMap(doc);
  if (from === SCHEMA_VERSION && meta.get('schemaVersion') === SCHEMA_VERSION) {
    return { from, to: SCHEMA_VERSION, changed: false };
  }
  doc.transact(() => {
    for (const step of STEPS) {
      if (step.version > from) step.run(doc);
    }
    meta.set('schemaVersion', SCHEMA_VERSION);
  });
  return { from, to: SCHEMA_VERSION, changed: true };
}
