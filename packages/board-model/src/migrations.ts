import * as Y from 'yjs';
import { BoardModelError } from './errors.ts';
import { initialKeys } from './order.ts';
import {
  SCHEMA_VERSION,
  SHARED_DEPARTMENT,
  departmentEntry,
  departmentsMap,
  lanesMap,
  metaMap,
  readDepartmentEntry,
  stagesMap,
} from './schema.ts';

/**
 * One step of the schema's history: `run` turns a structure doc of version `version - 1` into one
 * of `version`, inside the migration's transaction. Steps must give the same result when two
 * clients run them concurrently, since both sets of writes are merged.
 */
interface MigrationStep {
  version: number;
  run: (doc: Y.Doc) => void;
}

// The departments version 2 gives a board of version 1, frozen here: a later change to the
// templates must not change what this step writes. The ids are fixed (the same as
// DEFAULT_DEPARTMENT_IDS) so that two replicas migrating at once write the same five entries, which
// merge, instead of ten. The names are English because a version-1 board records no language; a
// facilitator renames them.
const VERSION_2_DEPARTMENTS: readonly (readonly [id: string, name: string])[] = [
  ['dept-sales', 'Sales'],
  ['dept-marketing', 'Marketing'],
  ['dept-support', 'Support'],
  ['dept-hr', 'HR'],
  ['dept-product', 'Product'],
];

/**
 * Version 2 adds departments: the five defaults, each unless a readable entry already holds its
 * id, and `department: shared` on every lane entry whose department is not a string. It writes
 * only what is missing, so it keeps whatever a version-2 client wrote before the board was stamped.
 */
function addDepartments(doc: Y.Doc): void {
  const departments = departmentsMap(doc);
  const keys = initialKeys(VERSION_2_DEPARTMENTS.length);
  VERSION_2_DEPARTMENTS.forEach(([id, name], i) => {
    if (readDepartmentEntry(id, departments.get(id)) === null) {
      departments.set(id, departmentEntry({ name, order: keys[i] as string }));
    }
  });
  lanesMap(doc).forEach((lane) => {
    if (lane instanceof Y.Map && typeof lane.get('department') !== 'string') {
      lane.set('department', SHARED_DEPARTMENT);
    }
  });
}

/**
 * Version 3 adds who wrote each card, in the lane docs. Nothing of the structure changes, and the
 * cards written before cannot be given an author nobody recorded: they read as by an unknown
 * author and stay as they are, editable and movable. The step only has the board stamped, so that
 * a release that does not know authors refuses the board instead of writing cards without them.
 */
function addCardAuthors(): void {}

/**
 * Version 4 adds the parts of a whole journey map: personas, stage time frames and the loyalty loop
 * in the structure doc, the typed fields of cards (channel, severity, emotion score, KPI, links…)
 * and the lane kinds `frontstage` and `support`. All of it is optional, so a board of version 3 is
 * already a valid board of version 4: the step only has it stamped, so that a release that does not
 * know these fields refuses the board instead of dropping them.
 */
function addJourneyParts(): void {}

// Version 1 is the first schema: it has no step, migrateStructure only stamps it. A change to the
// schema bumps SCHEMA_VERSION and appends { version, run } here, with a test that opens a board
// saved by the previous version.
const STEPS: readonly MigrationStep[] = [
  { version: 2, run: addDepartments },
  { version: 3, run: addCardAuthors },
  { version: 4, run: addJourneyParts },
];

/**
 * Whether the doc holds a board: its meta map has a schema version or a title, or it has a stage or
 * a lane. Meta alone is not enough: Yjs applies the deletions of an update at once but holds back
 * its insertions until the updates before it have arrived, so a replica that gets a rename and the
 * migration's new stamp out of order sees meta with neither field until the rest arrives.
 */
export function isBoard(doc: Y.Doc): boolean {
  const meta = metaMap(doc);
  return meta.has('schemaVersion') || meta.has('title') || stagesMap(doc).size > 0 || lanesMap(doc).size > 0;
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
