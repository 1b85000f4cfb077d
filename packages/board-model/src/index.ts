export { BoardModelError, type BoardModelErrorCode } from './errors.ts';
export { isValidId, newId, type CardId, type LaneId, type StageId } from './ids.ts';
export {
  addCard,
  cardsInCell,
  moveCard,
  moveCardToLane,
  readCards,
  removeCard,
  setCardColour,
  updateCardText,
} from './lane.ts';
export { migrateStructure } from './migrations.ts';
export { laneDocName, parseDocName, structureDocName, type DocRef } from './names.ts';
export {
  CARD_COLOURS,
  LANE_KINDS,
  LIMITS,
  SCHEMA_VERSION,
  type BoardStructure,
  type Card,
  type CardColour,
  type Lane,
  type LaneKind,
  type Stage,
} from './schema.ts';
export {
  addLane,
  addStage,
  initBoard,
  moveLane,
  moveStage,
  readBoard,
  removeLane,
  removeStage,
  renameBoard,
  renameLane,
  renameStage,
  type NewBoard,
} from './structure.ts';
export { defaultBoard, type Locale } from './templates.ts';
