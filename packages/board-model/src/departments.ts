import type * as Y from 'yjs';
import { BoardModelError } from './errors.ts';
import { newId, type DepartmentId, type LaneId } from './ids.ts';
import { orderKeyAt } from './order.ts';
import { departmentEntry, departmentsMap, entryOf, lanesMap, setIfChanged } from './schema.ts';
import { readBoard } from './structure.ts';
import {
  checkCount,
  checkIndex,
  checkLaneDepartment,
  cleanText,
  unknownDepartment,
  unknownLane,
} from './validation.ts';

// Departments live in the structure doc, like stages and lanes. A lane names its department in its
// `department` field; the server lets a department's lead and members write the lane doc of each
// of its lanes (see SCHEMA.md, "Who writes what").

/**
 * Adds a department at `index` of the sorted department list (default: the end) and returns its id.
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG, TOO_MANY, INVALID_INDEX, NOT_A_BOARD,
 * NEWER_SCHEMA.
 */
export function addDepartment(doc: Y.Doc, name: string, index?: number, origin?: unknown): DepartmentId {
  const { departments } = readBoard(doc);
  const cleaned = cleanText(name, 'departmentName');
  checkCount(departments.length + 1, 'departments');
  const at = index === undefined ? departments.length : checkIndex(index, departments.length);
  const id = newId();
  const order = orderKeyAt(departments, at);
  doc.transact(() => departmentsMap(doc).set(id, departmentEntry({ name: cleaned, order })), origin);
  return id;
}

/** Renames a department. @throws BoardModelError UNKNOWN_DEPARTMENT, EMPTY_TEXT, TEXT_TOO_LONG. */
export function renameDepartment(
  doc: Y.Doc,
  departmentId: DepartmentId,
  name: string,
  origin?: unknown,
): void {
  const { departments } = readBoard(doc);
  if (!departments.some((department) => department.id === departmentId)) {
    throw unknownDepartment(departmentId);
  }
  const cleaned = cleanText(name, 'departmentName');
  doc.transact(() => setIfChanged(entryOf(departmentsMap(doc), departmentId), 'name', cleaned), origin);
}

/**
 * Removes a department that no lane belongs to. A board may have no department at all.
 *
 * @throws BoardModelError UNKNOWN_DEPARTMENT, DEPARTMENT_IN_USE when a lane still belongs to it
 * (give those lanes another department, or make them shared, first).
 */
export function removeDepartment(doc: Y.Doc, departmentId: DepartmentId, origin?: unknown): void {
  const { departments, lanes } = readBoard(doc);
  const department = departments.find((candidate) => candidate.id === departmentId);
  if (department === undefined) throw unknownDepartment(departmentId);
  const names = lanes
    .filter((lane) => lane.department === departmentId)
    .map((lane) => JSON.stringify(lane.name));
  if (names.length > 0) {
    const [lane, it] = names.length === 1 ? ['lane', 'it'] : ['lanes', 'them'];
    throw new BoardModelError(
      'DEPARTMENT_IN_USE',
      `Department ${JSON.stringify(department.name)} still owns ${lane} ${names.join(', ')}: give ${it} another department or make ${it} shared first`,
      { field: 'departmentId' },
    );
  }
  doc.transact(() => departmentsMap(doc).delete(departmentId), origin);
}

/**
 * Gives a lane to a department (a department id of the board), or makes it shared with
 * `SHARED_DEPARTMENT`.
 *
 * @throws BoardModelError UNKNOWN_LANE, UNKNOWN_DEPARTMENT.
 */
export function setLaneDepartment(
  doc: Y.Doc,
  laneId: LaneId,
  department: DepartmentId,
  origin?: unknown,
): void {
  const { lanes, departments } = readBoard(doc);
  if (!lanes.some((lane) => lane.id === laneId)) throw unknownLane(laneId);
  const checked = checkLaneDepartment(department, departments);
  doc.transact(() => setIfChanged(entryOf(lanesMap(doc), laneId), 'department', checked), origin);
}

/**
 * The department a lane belongs to, as `readBoard` reads it: a department id of the board, or
 * `SHARED_DEPARTMENT` (also for a lane whose department is missing or was removed). `null` when
 * the board has no such lane (never added, removed, or unreadable). The server uses it to decide
 * who may write the lane's doc.
 *
 * @throws BoardModelError NOT_A_BOARD, NEWER_SCHEMA, as `readBoard`.
 */
export function laneDepartment(doc: Y.Doc, laneId: LaneId): DepartmentId | null {
  return readBoard(doc).lanes.find((lane) => lane.id === laneId)?.department ?? null;
}
