import { isValidId } from '../ids.ts';
import { migrateStructure } from '../migrations.ts';
import { isOrderKey } from '../order.ts';
import { isPersonaEntry } from '../persona-record.ts';
import { runsBoard } from '../roles.ts';
import { DOCUMENT_BYTES, isLaneKind, LIMITS, SCHEMA_VERSION, SHARED_DEPARTMENT } from '../schema.ts';
import {
  type DocumentKind,
  entriesRule,
  hasExactFields,
  isCleanText,
  type KindRef,
} from './document-kind.ts';

/** A board's structure doc, `board:<boardId>`: title, stages, lanes, departments, personas. */
export type StructureRef = KindRef<'structure'>;

/**
 * The structure doc is written by those who run the board (owners, facilitators); a lead's lane
 * commands are checked and written by the server. Its presence is the board's.
 */
export const structureKind: DocumentKind<StructureRef> = {
  kind: 'structure',
  prefix: 'board',
  docName: ({ boardId }) => `board:${boardId}`,
  parse: (parts) =>
    parts.length === 2 && isValidId(parts[1]!) ? { kind: 'structure', boardId: parts[1]! } : null,
  mayWrite: (access) => runsBoard(access.role),
  laneOf: () => null,
  carriesPresence: true,
  content: {
    maxBytes: DOCUMENT_BYTES.structure,
    roots: {
      meta: {
        maxEntries: 3,
        keepsPrevious: false,
        check(key, _before, after) {
          if (key === 'title')
            return after === undefined || isCleanText(after, 'title') ? null : 'malformed-entry';
          if (key === 'schemaVersion') {
            return typeof after === 'number' &&
              Number.isInteger(after) &&
              after >= 1 &&
              after <= SCHEMA_VERSION
              ? null
              : 'malformed-entry';
          }
          if (key === 'loop') return after === undefined || after === true ? null : 'malformed-entry';
          return 'not-in-schema';
        },
      },
      stages: entriesRule(
        LIMITS.stages,
        (id, entry) =>
          isValidId(id) &&
          hasExactFields(
            entry,
            entry.has('timeFrame') ? ['name', 'order', 'timeFrame'] : ['name', 'order'],
          ) &&
          isCleanText(entry.get('name'), 'stageName') &&
          isOrderKey(entry.get('order')) &&
          (!entry.has('timeFrame') || isCleanText(entry.get('timeFrame'), 'timeFrame')),
      ),
      personas: entriesRule(LIMITS.personas, isPersonaEntry),
      lanes: entriesRule(LIMITS.lanes, (id, entry) => {
        const department: unknown = entry.get('department');
        return (
          isValidId(id) &&
          hasExactFields(entry, ['name', 'kind', 'order', 'department']) &&
          isCleanText(entry.get('name'), 'laneName') &&
          isLaneKind(entry.get('kind')) &&
          isOrderKey(entry.get('order')) &&
          typeof department === 'string' &&
          (department === SHARED_DEPARTMENT || isValidId(department))
        );
      }),
      departments: entriesRule(
        LIMITS.departments,
        (id, entry) =>
          isValidId(id) &&
          id !== SHARED_DEPARTMENT &&
          hasExactFields(entry, ['name', 'order']) &&
          isCleanText(entry.get('name'), 'departmentName') &&
          isOrderKey(entry.get('order')),
      ),
    },
  },
  migrate: migrateStructure,
};
