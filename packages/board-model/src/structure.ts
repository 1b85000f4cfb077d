import type * as Y from 'yjs';
import { BoardModelError } from './errors.ts';
import { isValidId, newId, type DepartmentId, type LaneId, type StageId } from './ids.ts';
import type { PersonaId } from './card-fields.ts';
import { removeCardsOfStage } from './lane.ts';
import {
  personaEntry,
  personasMap,
  readPersonaEntry,
  type Persona,
  type PersonaFields,
} from './persona-record.ts';
import {
  checkPersonaCount,
  cleanPersonaFields,
  freePersonaColour,
  newPersonaValue,
  unknownPersona,
  writeNewPersona,
  writePersonaPatch,
  type NewPersona,
} from './personas.ts';
import { boardSchemaVersion, isBoard } from './migrations.ts';
import {
  compareOrdered,
  initialKeys,
  isOrderKey,
  orderKeyAt,
  withInitialOrder,
  type Ordered,
} from './order.ts';
import {
  SCHEMA_VERSION,
  SHARED_DEPARTMENT,
  departmentEntry,
  departmentsMap,
  entryOf,
  laneEntry,
  lanesMap,
  metaMap,
  readDepartmentEntry,
  readLaneEntry,
  readStageEntry,
  setIfChanged,
  stageEntry,
  stagesMap,
  type BoardStructure,
  type Lane,
  type LaneKind,
} from './schema.ts';
import {
  checkCount,
  checkIndex,
  checkLaneDepartment,
  checkLaneKind,
  cleanOptionalText,
  cleanText,
  unknownLane,
  unknownStage,
} from './validation.ts';

/**
 * What a new board starts with: its title, and its stages, lanes and departments in order. Every
 * lane starts shared: give lanes a department afterwards with `setLaneDepartment`.
 */
export interface NewBoard {
  title: string;
  /** Stage names, or stages with a time frame. */
  stages: (string | { name: string; timeFrame?: string })[];
  /**
   * Lanes, shared unless `department` names one of `departments` by its fixed `id` (a template's
   * lanes owned by a default department).
   */
  lanes: { name: string; kind: LaneKind; department?: DepartmentId }[];
  departments: NewDepartment[];
  /** The board's first personas (default: none). */
  personas?: NewPersona[];
  /** Whether the map shows the loyalty loop (default: no). */
  loop?: boolean;
}

/**
 * A department of a new board. Leave `id` out and the department gets a new random id; only
 * `defaultBoard` sets it, to the fixed ids of the default departments (`DEFAULT_DEPARTMENT_IDS`).
 */
export interface NewDepartment {
  name: string;
  id?: DepartmentId;
}

/**
 * Writes a new board into an empty structure doc, in one transaction, after validating all of it.
 * Returns the new stage, lane and department ids in the order given.
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG, INVALID_LANE_KIND, TOO_MANY, or LAST_STAGE
 * when there is no stage (a board always has at least one).
 * @throws Error when the doc already holds a board (initialising it again would mix two boards), or
 * when a department `id` is given that is not a valid id, is `shared` or is given twice: those come
 * from code, not from a person.
 */
export function initBoard(
  doc: Y.Doc,
  board: NewBoard,
): { stageIds: StageId[]; laneIds: LaneId[]; departmentIds: DepartmentId[] } {
  if (isBoard(doc)) {
    throw new Error('This document already holds a board: open it with readBoard instead of initialising it');
  }
  const title = cleanText(board.title, 'title');
  const stageNames = Array.isArray(board.stages) ? board.stages : [];
  const laneInputs = Array.isArray(board.lanes) ? board.lanes : [];
  const departmentInputs = Array.isArray(board.departments) ? board.departments : [];
  if (stageNames.length === 0) {
    throw new BoardModelError('LAST_STAGE', 'A board needs at least one stage: give it a stage name', {
      field: 'stages',
    });
  }
  checkCount(stageNames.length, 'stages');
  checkCount(laneInputs.length, 'lanes');
  checkCount(departmentInputs.length, 'departments');
  const stages = stageNames.map((stage) => {
    const { name, timeFrame } = typeof stage === 'string' ? { name: stage, timeFrame: undefined } : stage;
    return { name: cleanText(name, 'stageName'), timeFrame: cleanOptionalText(timeFrame, 'timeFrame') };
  });
  const departments = departmentInputs.map((department) => ({
    name: cleanText(department.name, 'departmentName'),
    id: department.id,
  }));
  const departmentIds = newDepartmentIds(departments.map((department) => department.id));
  const lanes = laneInputs.map((lane) => {
    const department = lane.department ?? SHARED_DEPARTMENT;
    if (department !== SHARED_DEPARTMENT && !departmentIds.includes(department)) {
      throw new Error(`Lane department ${JSON.stringify(department)} is none of the new board's departments`);
    }
    return { name: cleanText(lane.name, 'laneName'), kind: checkLaneKind(lane.kind), department };
  });
  const personaInputs = Array.isArray(board.personas) ? board.personas : [];
  checkPersonaCount(personaInputs.length);
  const personaKeys = initialKeys(personaInputs.length);
  const personas: Omit<Persona, 'id'>[] = [];
  for (const [i, input] of personaInputs.entries()) {
    const fields = { ...cleanPersonaFields(input), name: cleanText(input.name, 'personaName') };
    personas.push(newPersonaValue(fields, freePersonaColour(personas), personaKeys[i] as string));
  }

  const newStages = withInitialOrder(stages);
  const newLanes = withInitialOrder(lanes);
  const departmentKeys = initialKeys(departments.length);
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('title', title);
    if (board.loop === true) meta.set('loop', true);
    for (const persona of personas) personasMap(doc).set(newId(), personaEntry(persona));
    for (const { id, ...stage } of newStages) stagesMap(doc).set(id, stageEntry(stage));
    for (const { id, ...lane } of newLanes) lanesMap(doc).set(id, laneEntry(lane));
    departments.forEach(({ name }, i) => {
      departmentsMap(doc).set(
        departmentIds[i] as string,
        departmentEntry({ name, order: departmentKeys[i] as string }),
      );
    });
  });
  return {
    stageIds: newStages.map((stage) => stage.id),
    laneIds: newLanes.map((lane) => lane.id),
    departmentIds,
  };
}

// The given department ids checked, the missing ones made up.
function newDepartmentIds(given: readonly (DepartmentId | undefined)[]): DepartmentId[] {
  const ids = given.map((id) => {
    if (id === undefined) return newId();
    if (typeof id !== 'string' || !isValidId(id) || id === SHARED_DEPARTMENT) {
      throw new Error(
        `Department id ${JSON.stringify(id) ?? String(id)} cannot be used: leave it out for a new id`,
      );
    }
    return id;
  });
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) {
    throw new Error(
      `Department id ${JSON.stringify(duplicate)} is given twice: give each department its own`,
    );
  }
  return ids;
}

/**
 * The board in a structure doc: title, schema version, and stages, lanes and departments sorted by
 * (order, id). Entries that are malformed (wrong types, invalid ids or order keys) are skipped: any
 * client can write anything into a doc, and one bad entry must not hide the board. A lane whose
 * department is missing or not one of the board's reads as shared, so a board saved by version 1
 * (no departments) reads before it is migrated: no departments, every lane shared.
 *
 * @throws BoardModelError NOT_A_BOARD when the doc holds no board, NEWER_SCHEMA when a newer
 * Journeyboard wrote it.
 */
export function readBoard(doc: Y.Doc): BoardStructure {
  const schemaVersion = boardSchemaVersion(doc);
  const title: unknown = metaMap(doc).get('title');
  const departments = readEntries(departmentsMap(doc), readDepartmentEntry);
  const departmentIds = new Set(departments.map((department) => department.id));
  return {
    schemaVersion,
    title: typeof title === 'string' ? title : '',
    stages: readEntries(stagesMap(doc), readStageEntry),
    lanes: readEntries(lanesMap(doc), (id, value) => readLaneEntry(id, value, departmentIds)),
    departments,
    personas: readEntries(personasMap(doc), readPersonaEntry),
    loop: metaMap(doc).get('loop') === true,
  };
}

/**
 * Shows or hides the loyalty loop: retention and advocacy feeding new awareness (customers do not
 * move through the stages in order; the loop says so on the map).
 */
export function setJourneyLoop(doc: Y.Doc, on: boolean, origin?: unknown): void {
  boardSchemaVersion(doc);
  const meta = metaMap(doc);
  if ((meta.get('loop') === true) === (on === true)) return;
  doc.transact(() => {
    if (on === true) meta.set('loop', true);
    else meta.delete('loop');
  }, origin);
}

/**
 * Sets the stretch of time a stage covers ("week 1", "day 30–60"); null or '' removes it.
 * @throws BoardModelError UNKNOWN_STAGE, TEXT_TOO_LONG (over 40 characters).
 */
export function setStageTimeFrame(
  doc: Y.Doc,
  stageId: StageId,
  timeFrame: string | null,
  origin?: unknown,
): void {
  const { stages } = readBoard(doc);
  if (!stages.some((stage) => stage.id === stageId)) throw unknownStage(stageId);
  const cleaned = cleanOptionalText(timeFrame, 'timeFrame');
  const entry = entryOf(stagesMap(doc), stageId);
  if ((entry.get('timeFrame') ?? '') === cleaned) return;
  doc.transact(() => {
    if (cleaned === '') entry.delete('timeFrame');
    else entry.set('timeFrame', cleaned);
  }, origin);
}

/**
 * Adds a persona at `index` of the sorted persona list (default: the end), in the first colour
 * no other persona has, and returns its id. Fields other than the name start empty.
 *
 * @throws BoardModelError EMPTY_TEXT (no name), TEXT_TOO_LONG, TOO_MANY (over 5), INVALID_INDEX,
 * INVALID_REFERENCE (a photo that is not an id).
 */
export function addPersona(doc: Y.Doc, persona: NewPersona, index?: number, origin?: unknown): PersonaId {
  const { personas } = readBoard(doc);
  const at = index === undefined ? personas.length : checkIndex(index, personas.length);
  return writeNewPersona(doc, personas, persona, at, origin);
}

/**
 * Changes the given fields of a persona (the name cannot be emptied; other texts can).
 * @throws BoardModelError UNKNOWN_PERSONA, EMPTY_TEXT, TEXT_TOO_LONG, INVALID_REFERENCE.
 */
export function updatePersona(
  doc: Y.Doc,
  personaId: PersonaId,
  patch: Partial<PersonaFields>,
  origin?: unknown,
): void {
  const { personas } = readBoard(doc);
  if (!personas.some((persona) => persona.id === personaId)) throw unknownPersona(personaId);
  writePersonaPatch(doc, personaId, patch, origin);
}

/**
 * Removes a persona. Cards tagged with it and emotion points on its line keep the id, which then
 * names nothing: the page ignores it (and an undo of the removal brings the persona back whole).
 * @throws BoardModelError UNKNOWN_PERSONA.
 */
export function removePersona(doc: Y.Doc, personaId: PersonaId, origin?: unknown): void {
  const { personas } = readBoard(doc);
  if (!personas.some((persona) => persona.id === personaId)) throw unknownPersona(personaId);
  doc.transact(() => personasMap(doc).delete(personaId), origin);
}

/** Moves a persona to position `toIndex` of the sorted list. @throws UNKNOWN_PERSONA, INVALID_INDEX. */
export function movePersona(doc: Y.Doc, personaId: PersonaId, toIndex: number, origin?: unknown): void {
  const { personas } = readBoard(doc);
  moveEntry(doc, personasMap(doc), personas, personaId, toIndex, unknownPersona, origin);
}

/** Renames the board. @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG. */
export function renameBoard(doc: Y.Doc, title: string, origin?: unknown): void {
  boardSchemaVersion(doc);
  const cleaned = cleanText(title, 'title');
  doc.transact(() => setIfChanged(metaMap(doc), 'title', cleaned), origin);
}

/**
 * Adds a stage at `index` of the sorted stage list (default: the end) and returns its id.
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG, TOO_MANY, INVALID_INDEX.
 */
export function addStage(doc: Y.Doc, name: string, index?: number, origin?: unknown): StageId {
  const { stages } = readBoard(doc);
  const cleaned = cleanText(name, 'stageName');
  checkCount(stages.length + 1, 'stages');
  const at = index === undefined ? stages.length : checkIndex(index, stages.length);
  const id = newId();
  const order = orderKeyAt(stages, at);
  doc.transact(() => stagesMap(doc).set(id, stageEntry({ name: cleaned, order })), origin);
  return id;
}

/** Renames a stage. @throws BoardModelError UNKNOWN_STAGE, EMPTY_TEXT, TEXT_TOO_LONG. */
export function renameStage(doc: Y.Doc, stageId: StageId, name: string, origin?: unknown): void {
  const { stages } = readBoard(doc);
  if (!stages.some((stage) => stage.id === stageId)) throw unknownStage(stageId);
  const cleaned = cleanText(name, 'stageName');
  doc.transact(() => setIfChanged(entryOf(stagesMap(doc), stageId), 'name', cleaned), origin);
}

/**
 * Moves a stage so that it ends at position `toIndex` of the sorted stage list.
 *
 * @throws BoardModelError UNKNOWN_STAGE, INVALID_INDEX.
 */
export function moveStage(doc: Y.Doc, stageId: StageId, toIndex: number, origin?: unknown): void {
  const { stages } = readBoard(doc);
  moveEntry(doc, stagesMap(doc), stages, stageId, toIndex, unknownStage, origin);
}

/**
 * Removes a stage, then deletes the cards in that stage from each of `laneDocs` (pass every lane
 * doc of the board). The stage goes first: if the caller stops half-way, what is left is cards in
 * no stage, which no cell shows, rather than lost cards in a stage that still exists.
 *
 * @throws BoardModelError UNKNOWN_STAGE, LAST_STAGE (a board keeps at least one stage).
 */
export function removeStage(doc: Y.Doc, stageId: StageId, laneDocs: Y.Doc[], origin?: unknown): void {
  const { stages } = readBoard(doc);
  const stage = stages.find((candidate) => candidate.id === stageId);
  if (stage === undefined) throw unknownStage(stageId);
  if (stages.length === 1) {
    throw new BoardModelError(
      'LAST_STAGE',
      `Stage ${JSON.stringify(stage.name)} is the board's only stage: add another stage before removing it`,
      { field: 'stageId' },
    );
  }
  doc.transact(() => stagesMap(doc).delete(stageId), origin);
  for (const laneDoc of laneDocs) removeCardsOfStage(laneDoc, stageId, origin);
}

/**
 * Adds a lane at `index` of the sorted lane list (default: the end) and returns its id. The lane
 * belongs to `department` (a department id of the board, or `SHARED_DEPARTMENT`, the default).
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG, INVALID_LANE_KIND, UNKNOWN_DEPARTMENT, TOO_MANY,
 * INVALID_INDEX.
 */
export function addLane(
  doc: Y.Doc,
  lane: { name: string; kind: LaneKind; department?: DepartmentId },
  index?: number,
  origin?: unknown,
): LaneId {
  const { lanes, departments } = readBoard(doc);
  const name = cleanText(lane.name, 'laneName');
  const kind = checkLaneKind(lane.kind);
  const department =
    lane.department === undefined ? SHARED_DEPARTMENT : checkLaneDepartment(lane.department, departments);
  checkCount(lanes.length + 1, 'lanes');
  const at = index === undefined ? lanes.length : checkIndex(index, lanes.length);
  const id = newId();
  const order = orderKeyAt(lanes, at);
  doc.transact(() => lanesMap(doc).set(id, laneEntry({ name, kind, order, department })), origin);
  return id;
}

/**
 * Puts a removed lane back as it was: its id (so its lane doc, which removal leaves alone, brings
 * its cards back), name, kind, department and place in the order. Nothing is written when a lane
 * with that id is on the board already (the lane was brought back already).
 *
 * @throws BoardModelError UNKNOWN_LANE (a malformed id), EMPTY_TEXT, TEXT_TOO_LONG,
 * INVALID_LANE_KIND, UNKNOWN_DEPARTMENT (its department was removed meanwhile), TOO_MANY.
 */
export function restoreLane(doc: Y.Doc, lane: Lane, origin?: unknown): void {
  const { lanes, departments } = readBoard(doc);
  if (!isValidId(lane.id)) throw unknownLane(lane.id);
  if (lanes.some((other) => other.id === lane.id)) return;
  const name = cleanText(lane.name, 'laneName');
  const kind = checkLaneKind(lane.kind);
  const department = checkLaneDepartment(lane.department, departments);
  checkCount(lanes.length + 1, 'lanes');
  const order = isOrderKey(lane.order) ? lane.order : orderKeyAt(lanes, lanes.length);
  doc.transact(() => lanesMap(doc).set(lane.id, laneEntry({ name, kind, order, department })), origin);
}

/** Renames a lane. @throws BoardModelError UNKNOWN_LANE, EMPTY_TEXT, TEXT_TOO_LONG. */
export function renameLane(doc: Y.Doc, laneId: LaneId, name: string, origin?: unknown): void {
  const { lanes } = readBoard(doc);
  if (!lanes.some((lane) => lane.id === laneId)) throw unknownLane(laneId);
  const cleaned = cleanText(name, 'laneName');
  doc.transact(() => setIfChanged(entryOf(lanesMap(doc), laneId), 'name', cleaned), origin);
}

/**
 * Moves a lane so that it ends at position `toIndex` of the sorted lane list.
 *
 * @throws BoardModelError UNKNOWN_LANE, INVALID_INDEX.
 */
export function moveLane(doc: Y.Doc, laneId: LaneId, toIndex: number, origin?: unknown): void {
  const { lanes } = readBoard(doc);
  moveEntry(doc, lanesMap(doc), lanes, laneId, toIndex, unknownLane, origin);
}

/**
 * Removes a lane from the board. Its lane doc is left as it is: deleting a document is the
 * server's business. A board may have no lane at all.
 *
 * @throws BoardModelError UNKNOWN_LANE.
 */
export function removeLane(doc: Y.Doc, laneId: LaneId, origin?: unknown): void {
  const { lanes } = readBoard(doc);
  if (!lanes.some((lane) => lane.id === laneId)) throw unknownLane(laneId);
  doc.transact(() => lanesMap(doc).delete(laneId), origin);
}

function readEntries<T extends Ordered>(
  map: Y.Map<unknown>,
  read: (id: string, value: unknown) => T | null,
): T[] {
  const entries: T[] = [];
  map.forEach((value, id) => {
    const entry = read(id, value);
    if (entry !== null) entries.push(entry);
  });
  return entries.sort(compareOrdered);
}

function moveEntry(
  doc: Y.Doc,
  map: Y.Map<unknown>,
  sorted: readonly Ordered[],
  id: string,
  toIndex: number,
  unknown: (id: string) => BoardModelError,
  origin?: unknown,
): void {
  const from = sorted.findIndex((entry) => entry.id === id);
  if (from === -1) throw unknown(id);
  const others = sorted.filter((entry) => entry.id !== id);
  const at = checkIndex(toIndex, others.length);
  if (at === from) return;
  const order = orderKeyAt(others, at);
  doc.transact(() => entryOf(map, id).set('order', order), origin);
}
