import type * as Y from 'yjs';
import { BoardModelError } from './errors.ts';
import { newId, type LaneId, type StageId } from './ids.ts';
import { removeCardsOfStage } from './lane.ts';
import { boardSchemaVersion, isBoard } from './migrations.ts';
import { compareOrdered, orderKeyAt, withInitialOrder, type Ordered } from './order.ts';
import {
  SCHEMA_VERSION,
  entryOf,
  laneEntry,
  lanesMap,
  metaMap,
  readLaneEntry,
  readStageEntry,
  stageEntry,
  stagesMap,
  type BoardStructure,
  type Lane,
  type LaneKind,
  type Stage,
} from './schema.ts';
import { checkCount, checkIndex, checkLaneKind, cleanText, unknownLane, unknownStage } from './validation.ts';

/** What a new board starts with: its title, stage names in order and lanes in order. */
export interface NewBoard {
  title: string;
  stages: string[];
  lanes: { name: string; kind: LaneKind }[];
}

/**
 * Writes a new board into an empty structure doc, in one transaction, after validating all of it.
 * Returns the new stage and lane ids in the order given.
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG, INVALID_LANE_KIND, TOO_MANY, or LAST_STAGE
 * when there is no stage (a board always has at least one).
 * @throws Error when the doc already holds a board: initialising it again would mix two boards.
 */
export function initBoard(doc: Y.Doc, board: NewBoard): { stageIds: StageId[]; laneIds: LaneId[] } {
  if (isBoard(doc)) {
    throw new Error('This document already holds a board: open it with readBoard instead of initialising it');
  }
  const title = cleanText(board.title, 'title');
  const stageNames = Array.isArray(board.stages) ? board.stages : [];
  const laneInputs = Array.isArray(board.lanes) ? board.lanes : [];
  if (stageNames.length === 0) {
    throw new BoardModelError('LAST_STAGE', 'A board needs at least one stage: give it a stage name', {
      field: 'stages',
    });
  }
  checkCount(stageNames.length, 'stages');
  checkCount(laneInputs.length, 'lanes');
  const stages = stageNames.map((name) => cleanText(name, 'stageName'));
  const lanes = laneInputs.map((lane) => ({
    name: cleanText(lane.name, 'laneName'),
    kind: checkLaneKind(lane.kind),
  }));

  const newStages = withInitialOrder(stages.map((name) => ({ name })));
  const newLanes = withInitialOrder(lanes);
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('title', title);
    for (const { id, ...stage } of newStages) stagesMap(doc).set(id, stageEntry(stage));
    for (const { id, ...lane } of newLanes) lanesMap(doc).set(id, laneEntry(lane));
  });
  return { stageIds: newStages.map((stage) => stage.id), laneIds: newLanes.map((lane) => lane.id) };
}

/**
 * The board in a structure doc: title, schema version, stages and lanes sorted by (order, id).
 * Entries that are malformed (wrong types, invalid ids or order keys) are skipped: any client can
 * write anything into a doc, and one bad entry must not hide the board.
 *
 * @throws BoardModelError NOT_A_BOARD when the doc holds no board, NEWER_SCHEMA when a newer
 * Journeyboard wrote it.
 */
export function readBoard(doc: Y.Doc): BoardStructure {
  const schemaVersion = boardSchemaVersion(doc);
  const title: unknown = metaMap(doc).get('title');
  return {
    schemaVersion,
    title: typeof title === 'string' ? title : '',
    stages: readEntries(stagesMap(doc), readStageEntry),
    lanes: readEntries(lanesMap(doc), readLaneEntry),
  };
}

/** Renames the board. @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG. */
export function renameBoard(doc: Y.Doc, title: string): void {
  boardSchemaVersion(doc);
  const cleaned = cleanText(title, 'title');
  doc.transact(() => setIfChanged(metaMap(doc), 'title', cleaned));
}

/**
 * Adds a stage at `index` of the sorted stage list (default: the end) and returns its id.
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG, TOO_MANY, INVALID_INDEX.
 */
export function addStage(doc: Y.Doc, name: string, index?: number): StageId {
  const { stages } = readBoard(doc);
  const cleaned = cleanText(name, 'stageName');
  checkCount(stages.length + 1, 'stages');
  const at = index === undefined ? stages.length : checkIndex(index, stages.length);
  const id = newId();
  const order = orderKeyAt(stages, at);
  doc.transact(() => stagesMap(doc).set(id, stageEntry({ name: cleaned, order })));
  return id;
}

/** Renames a stage. @throws BoardModelError UNKNOWN_STAGE, EMPTY_TEXT, TEXT_TOO_LONG. */
export function renameStage(doc: Y.Doc, stageId: StageId, name: string): void {
  const { stages } = readBoard(doc);
  if (!stages.some((stage) => stage.id === stageId)) throw unknownStage(stageId);
  const cleaned = cleanText(name, 'stageName');
  doc.transact(() => setIfChanged(entryOf(stagesMap(doc), stageId), 'name', cleaned));
}

/**
 * Moves a stage so that it ends at position `toIndex` of the sorted stage list.
 *
 * @throws BoardModelError UNKNOWN_STAGE, INVALID_INDEX.
 */
export function moveStage(doc: Y.Doc, stageId: StageId, toIndex: number): void {
  const { stages } = readBoard(doc);
  moveEntry(doc, stagesMap(doc), stages, stageId, toIndex, unknownStage);
}

/**
 * Removes a stage, then deletes the cards in that stage from each of `laneDocs` (pass every lane
 * doc of the board). The stage goes first: if the caller stops half-way, what is left is cards in
 * no stage, which no cell shows, rather than lost cards in a stage that still exists.
 *
 * @throws BoardModelError UNKNOWN_STAGE, LAST_STAGE (a board keeps at least one stage).
 */
export function removeStage(doc: Y.Doc, stageId: StageId, laneDocs: Y.Doc[]): void {
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
  doc.transact(() => stagesMap(doc).delete(stageId));
  for (const laneDoc of laneDocs) removeCardsOfStage(laneDoc, stageId);
}

/**
 * Adds a lane at `index` of the sorted lane list (default: the end) and returns its id.
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG, INVALID_LANE_KIND, TOO_MANY, INVALID_INDEX.
 */
export function addLane(doc: Y.Doc, lane: { name: string; kind: LaneKind }, index?: number): LaneId {
  const { lanes } = readBoard(doc);
  const name = cleanText(lane.name, 'laneName');
  const kind = checkLaneKind(lane.kind);
  checkCount(lanes.length + 1, 'lanes');
  const at = index === undefined ? lanes.length : checkIndex(index, lanes.length);
  const id = newId();
  const order = orderKeyAt(lanes, at);
  doc.transact(() => lanesMap(doc).set(id, laneEntry({ name, kind, order })));
  return id;
}

/** Renames a lane. @throws BoardModelError UNKNOWN_LANE, EMPTY_TEXT, TEXT_TOO_LONG. */
export function renameLane(doc: Y.Doc, laneId: LaneId, name: string): void {
  const { lanes } = readBoard(doc);
  if (!lanes.some((lane) => lane.id === laneId)) throw unknownLane(laneId);
  const cleaned = cleanText(name, 'laneName');
  doc.transact(() => setIfChanged(entryOf(lanesMap(doc), laneId), 'name', cleaned));
}

/**
 * Moves a lane so that it ends at position `toIndex` of the sorted lane list.
 *
 * @throws BoardModelError UNKNOWN_LANE, INVALID_INDEX.
 */
export function moveLane(doc: Y.Doc, laneId: LaneId, toIndex: number): void {
  const { lanes } = readBoard(doc);
  moveEntry(doc, lanesMap(doc), lanes, laneId, toIndex, unknownLane);
}

/**
 * Removes a lane from the board. Its lane doc is left as it is: deleting a document is the
 * server's business. A board may have no lane at all.
 *
 * @throws BoardModelError UNKNOWN_LANE.
 */
export function removeLane(doc: Y.Doc, laneId: LaneId): void {
  const { lanes } = readBoard(doc);
  if (!lanes.some((lane) => lane.id === laneId)) throw unknownLane(laneId);
  doc.transact(() => lanesMap(doc).delete(laneId));
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
  sorted: readonly (Stage | Lane)[],
  id: string,
  toIndex: number,
  unknown: (id: string) => BoardModelError,
): void {
  const from = sorted.findIndex((entry) => entry.id === id);
  if (from === -1) throw unknown(id);
  const others = sorted.filter((entry) => entry.id !== id);
  const at = checkIndex(toIndex, others.length);
  if (at === from) return;
  const order = orderKeyAt(others, at);
  doc.transact(() => entryOf(map, id).set('order', order));
}

// Writing an unchanged value would still add an update (and an empty-looking undo step).
function setIfChanged(entry: Y.Map<unknown>, field: string, value: unknown): void {
  if (entry.get(field) !== value) entry.set(field, value);
}
