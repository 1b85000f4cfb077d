export { API_ERROR_CODES } from './api-types.ts';
export type {
  ApiErrorBody,
  ApiErrorCode,
  BoardAccess,
  BoardDetails,
  BoardSummary,
  Invitation,
  InvitationOffer,
  LinkInfo,
  Me,
  Member,
  NewInvitation,
  ShareLink,
  User,
} from './api-types.ts';
export type { MyVotes, OpenVoteRequest, SetMyVoteRequest, VoteAnswer } from './api-types.ts';
export {
  addDepartment,
  laneDepartment,
  removeDepartment,
  renameDepartment,
  setLaneDepartment,
} from './departments.ts';
export {
  cardAuthorOf,
  mayPlaceCard,
  NO_CARD_FACTS,
  sameCardAuthor,
  type CardFacts,
  type CardRecord,
  type CardWriterIdentity,
} from './card-authors.ts';
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
  cardIdsOf,
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
export { BoardHistory } from './history.ts';
export { migrateStructure } from './migrations.ts';
export {
  CLOSE_REASONS,
  closeKindOf,
  endsSession,
  refusesChange,
  type CloseKind,
  type CloseReason,
} from './close-reasons.ts';
export { DocumentGuard, type DocumentWriter, type UpdateRefusal } from './kinds/document-guard.ts';
export type {
  BoardReferences,
  CheckContext,
  ReferenceKind,
  ContentRules,
  DocumentKind,
  EntryValue,
  KindRef,
  OpenerAccess,
  RootRule,
} from './kinds/document-kind.ts';
export { DOCUMENT_KINDS, docName, kindOf, mayOpenDocument, mayWriteDocument } from './kinds/index.ts';
export type { LaneRef } from './kinds/lane-kind.ts';
export type { StructureRef } from './kinds/structure-kind.ts';
export type { TalkRef } from './kinds/talk-kind.ts';
export {
  PRESENCE_MAX_BYTES,
  readPresence,
  REACTION_EMOJIS,
  stampPresence,
  VIEWPORT_ZOOM,
  type PresenceBurst,
  type PresenceCursor,
  type PresenceIdentity,
  type PresenceRecord,
  type PresenceViewport,
  type ReactionEmoji,
} from './presence.ts';
export { compareOrdered } from './order.ts';
export {
  laneDocName,
  parseDocName,
  privateDocName,
  sessionDocName,
  structureDocName,
  talkDocName,
  type DocRef,
} from './names.ts';
export { SESSION_KEYS, type SessionKey, type SessionRef } from './kinds/session-kind.ts';
export { readSession, readSessionValue, sessionMap } from './session.ts';
export { privateModeEntry, readPrivateMode, type PrivateModeEntry } from './session-private.ts';
export type { PrivateRef } from './kinds/private-kind.ts';
export type { PrivateModeAnswer, PrivateModeRequest } from './api-types.ts';
export {
  addPrivateCard,
  PRIVATE_CARD_FIELDS,
  placeRevealedCards,
  privateCardsMap,
  readPrivateCards,
  removePrivateCard,
  removePrivateCards,
  setPrivateCardColour,
  updatePrivateCardText,
  type Placement,
  type PrivateCard,
} from './private-cards.ts';
export {
  CARD_COLOURS,
  DEFAULT_DEPARTMENT_IDS,
  DOCUMENT_BYTES,
  LANE_KINDS,
  LIMITS,
  SCHEMA_VERSION,
  SHARED_DEPARTMENT,
  type BoardStructure,
  type Card,
  type CardAuthor,
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
  restoreLane,
  type NewBoard,
  type NewDepartment,
} from './structure.ts';
export { readStateless, statelessMessage, STATELESS_TYPES, type StatelessType } from './stateless.ts';
export {
  addComment,
  checkMentions,
  commentsOnCard,
  editComment,
  readComments,
  removeComment,
  reopenThread,
  resolveThread,
  threadsOf,
  type CommentContent,
  type CommentThread,
} from './talk.ts';
export {
  isReactionEmoji,
  reactionKey,
  reactionsMap,
  reactionTallies,
  readReactions,
  toggleReaction,
  type CardReaction,
  type ReactionTally,
} from './reactions.ts';
export { defaultBoard, type Locale } from './templates/index.ts';
export {
  assignableRoles,
  looksAfterDepartment,
  mayManageLanesOf,
  mayMoveLaneBetweenDepartments,
  mayEditComment,
  mayRemoveComment,
  mayResolveThread,
  mayRemoveMember,
  newLaneDepartment,
  mayWriteLane,
  needsDepartment,
  ROLES,
  runsBoard,
  type GrantableRole,
  type Role,
  type RoleAccess,
} from './roles.ts';
export {
  CARD_TYPED_FIELDS,
  CHANNELS,
  isSeverity,
  KPI_TRENDS,
  NO_CARD_FIELDS,
  SEVERITIES,
  type AttachmentId,
  type CardFields,
  type Channel,
  type Kpi,
  type KpiTrend,
  type PersonaId,
  type Severity,
} from './card-fields.ts';
export {
  addEmotionPoint,
  attachToCard,
  clearInvalidFields,
  detachFromCard,
  linkCards,
  setCardChannel,
  setCardDepartments,
  setCardKpi,
  setCardPersonas,
  setCardSeverity,
  setEmotionPersona,
  setEmotionScore,
  setMomentOfTruth,
  unlinkCards,
} from './card-field-ops.ts';
export { PERSONA_COLOURS, type Persona, type PersonaColour, type PersonaFields } from './persona-record.ts';
export { type NewPersona } from './personas.ts';
export {
  addPersona,
  movePersona,
  removePersona,
  setJourneyLoop,
  setStageTimeFrame,
  updatePersona,
} from './structure.ts';
export {
  buildTemplate,
  DEFAULT_TEMPLATE,
  isTemplateId,
  TEMPLATE_IDS,
  writeTemplateCards,
  type BuiltTemplate,
  type TemplateCard,
  type TemplateCardFields,
  type TemplateId,
} from './templates/index.ts';
export {
  extraStages,
  kpiSuggestions,
  overlookedTouchpoints,
  STAGE_KEYS,
  stageKeyName,
  stageKeyOf,
  type KpiSuggestion,
  type StageKey,
  type TouchpointSuggestion,
} from './suggestions.ts';
// Attachments (kept by the server; documents hold their ids).
export {
  ATTACHMENT_IMAGE_TYPES,
  ATTACHMENT_LIMITS,
  ATTACHMENT_TYPES,
  type AttachmentInfo,
  type AttachmentList,
  type AttachmentType,
} from './api-types.ts';
export { mayRemoveAttachment, mayUploadAttachment } from './roles.ts';
export {
  buildVote,
  checkVoteChange,
  isVotesPerPerson,
  readVote,
  REVEALED_CARDS_MAX,
  tallyVotes,
  voteCoversLane,
  voteResultsText,
  votesLeft,
  votesPlaced,
  votesOn,
  VOTES_PER_PERSON,
  type RankedCard,
  type RevealedVote,
  type SessionVote,
  type VoteRefusal,
  type VoteSettings,
} from './session-vote.ts';
export {
  addToTimer,
  isTimerDuration,
  pauseTimer,
  readTimer,
  remainingMs,
  resumeTimer,
  startTimer,
  stopTimer,
  TIMER_KEY,
  TIMER_LIMITS,
  timerEntry,
  type PausedTimer,
  type RunningTimer,
  type SessionTimer,
  type TimerOutcome,
  type TimerRefusalCode,
} from './session-timer.ts';
export {
  isPollScore,
  POLL_KEY,
  POLL_SCORES,
  pollEntry,
  pollResults,
  pollShowsResults,
  readPoll,
  type PollAnswer,
  type PollDepartmentResult,
  type PollHistogram,
  type PollResults,
  type PollScore,
  type SessionPoll,
} from './session-poll.ts';
export type { OpenPoll, OwnPollAnswer, PollAnswerRequest, ServerTime, TimerCommand } from './api-types.ts';
