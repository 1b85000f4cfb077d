export {
  addDepartment,
  laneDepartment,
  removeDepartment,
  renameDepartment,
  setLaneDepartment,
} from './departments.ts';
export { BOARD_MODEL_ERROR_CODES, BoardModelError, type BoardModelErrorCode } from './errors.ts';
export {
  isValidId,
  newId,
  type CardId,
  type CommentId,
  type DepartmentId,
  type LaneId,
  type StageId,
} from './ids.ts';
export {
  addCard,
  cardsInCell,
  moveCard,
  moveCardToLane,
  observeCards,
  readCard,
  readCards,
  removeCard,
  setCardColour,
  updateCardText,
} from './lane.ts';
export { migrateStructure } from './migrations.ts';
export { compareOrdered } from './order.ts';
export { laneDocName, parseDocName, structureDocName, talkDocName, type DocRef } from './names.ts';
export {
  CARD_COLOURS,
  DEFAULT_DEPARTMENT_IDS,
  LANE_KINDS,
  LIMITS,
  SCHEMA_VERSION,
  SHARED_DEPARTMENT,
  type BoardStructure,
  type Card,
  type CardColour,
  type CardComment,
  type Department,
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
  type NewDepartment,
} from './structure.ts';
export { addComment, commentsOnCard, readComments, removeComment } from './talk.ts';
export { checkTalkUpdate, TalkGuard, type CommentWriter, type TalkRefusal } from './talk-guard.ts';
export { defaultBoard, type Locale } from './templates.ts';
export {
  assignableRoles,
  mayManageLanesOf,
  mayWriteDocument,
  mayWriteLane,
  needsDepartment,
  ROLES,
  runsBoard,
  type GrantableRole,
  type Role,
  type RoleAccess,
} from './roles.ts';
