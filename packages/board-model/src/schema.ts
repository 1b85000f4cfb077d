import * as Y from 'yjs';
import {
  isValidId,
  type CardId,
  type CommentId,
  type DepartmentId,
  type LaneId,
  type StageId,
} from './ids.ts';
import { CARD_TYPED_FIELDS, readCardFields, typedFieldEntries, type CardFields } from './card-fields.ts';
import { LIMITS } from './limits.ts';
import { isOrderKey } from './order.ts';
import type { Persona } from './persona-record.ts';

/** Version of the document schema this code reads and writes (see SCHEMA.md). */
export const SCHEMA_VERSION = 4;

/** What a lane holds; the UI picks its look and help text by kind. */
export const LANE_KINDS = [
  'touchpoints',
  'channels',
  'actions',
  'thoughts',
  'emotions',
  'painPoints',
  'opportunities',
  'kpis',
  'departments',
  'frontstage',
  'backstage',
  'support',
  'notes',
] as const;
/** One of `LANE_KINDS`. */
export type LaneKind = (typeof LANE_KINDS)[number];

/**
 * What a lane's `department` holds when the lane belongs to no department: every participant may
 * write it. It can never be a department's id (readers skip a department stored under this key).
 */
export const SHARED_DEPARTMENT = 'shared';

/**
 * Ids of the five default departments (Sales, Marketing, Support, HR, Product), the same on every
 * board: `defaultBoard` and the version-2 migration both use them, so two replicas migrating at once
 * write the same five entries instead of ten. A board's departments may since have been renamed or
 * removed.
 */
export const DEFAULT_DEPARTMENT_IDS = [
  'dept-sales',
  'dept-marketing',
  'dept-support',
  'dept-hr',
  'dept-product',
] as const;

/** The colours a card can have. */
export const CARD_COLOURS = ['yellow', 'orange', 'pink', 'purple', 'blue', 'teal', 'green', 'grey'] as const;
/** One of `CARD_COLOURS`. */
export type CardColour = (typeof CARD_COLOURS)[number];

export { DOCUMENT_BYTES, LIMITS } from './limits.ts';

/** A column of the board. */
export interface Stage {
  id: StageId;
  name: string;
  order: string;
  /** Since version 4: the stretch of time it covers ("week 1", "day 30–60"), or null. */
  timeFrame: string | null;
}

/** A row of the board. */
export interface Lane {
  id: LaneId;
  name: string;
  kind: LaneKind;
  order: string;
  /**
   * The department whose lead and members may write the lane's cards: a department id of the
   * board, or `SHARED_DEPARTMENT` (every participant may write it).
   */
  department: DepartmentId;
}

/** A department of the board (Sales, Marketing, …): lanes belong to one, or are shared. */
export interface Department {
  id: DepartmentId;
  name: string;
  order: string;
}

/** What a structure doc holds; stages, lanes and departments sorted by (order, id). */
export interface BoardStructure {
  schemaVersion: number;
  title: string;
  stages: Stage[];
  lanes: Lane[];
  departments: Department[];
  /** Since version 4: the customers this journey is about, sorted by (order, id). */
  personas: Persona[];
  /** Since version 4: whether the map shows retention and advocacy feeding new awareness. */
  loop: boolean;
}

/**
 * Who wrote a card first, as they were on the board when they wrote it. The page stamps its own
 * identity; the server refuses any other (kinds/lane-kind.ts), and keeps it through edits, moves and
 * undo.
 */
export interface CardAuthor {
  /** The writer's account or guest user id (an id, `isValidId`). */
  id: string;
  /** Their display name when writing: trimmed, NFC, 1–80 characters. */
  name: string;
  /** Their department on the board when writing; null when they had none (owner, facilitator…). */
  departmentId: DepartmentId | null;
  /** They joined by a share link, without an account. */
  guest: boolean;
}

/**
 * A sticky note in one cell: its lane is the lane doc holding it, its stage is `stageId`. Since
 * version 4 it also has the typed fields of `CardFields` (a channel, a severity, a score…).
 */
export interface Card extends CardFields {
  id: CardId;
  stageId: StageId;
  text: string;
  colour: CardColour;
  order: string;
  createdAt: number;
  /** Who wrote it; null for a card written before authors were recorded (an unknown author). */
  author: CardAuthor | null;
}

/** A comment on a card, in the board's talk doc. */
export interface CardComment {
  id: CommentId;
  /** The card commented on; the comment stays when the card moves to another lane or is removed. */
  cardId: CardId;
  /** The lane the card was in when the comment was written (not updated when the card moves). */
  laneId: LaneId;
  /** Who wrote it: the server refuses a new comment under anyone but the writer (talk-kind.ts). */
  authorId: string;
  authorName: string;
  /** The author joined by a share link, without an account (shown as a guest). */
  authorGuest: boolean;
  text: string;
  /** When it was written, milliseconds since 1970, by the writer's clock. */
  createdAt: number;
  /**
   * The root comment of the thread this one replies to (on the same card), or null for a root:
   * threads are one level deep. Fixed when written.
   */
  parentId: CommentId | null;
  /** Ids of the people the comment mentions (at most `LIMITS.mentions`), as its author chose them. */
  mentions: string[];
  /** When its author last changed its text or mentions, or null when never. */
  editedAt: number | null;
  /** Who resolved the thread (only on a root), or null while it is open. */
  resolvedBy: string | null;
  /** When the thread was resolved, or null while it is open. */
  resolvedAt: number | null;
}

// What a reader falls back to for a value it does not know, so that a card or lane written by a
// newer client with a colour or kind added later stays visible instead of vanishing.
const FALLBACK_KIND: LaneKind = 'notes';
/** Colour of a new card when none is given. */
export const DEFAULT_COLOUR: CardColour = 'yellow';

/** The structure doc's `meta` map: `schemaVersion` and `title`. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

/** The structure doc's `stages` map: stage id → stage entry. */
export function stagesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('stages');
}

/** The structure doc's `lanes` map: lane id → lane entry. */
export function lanesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('lanes');
}

/** The structure doc's `departments` map: department id → department entry. */
export function departmentsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('departments');
}

/** A lane doc's `cards` map: card id → card entry. */
export function cardsMap(laneDoc: Y.Doc): Y.Map<unknown> {
  return laneDoc.getMap('cards');
}

/** A talk doc's `comments` map: comment id → comment entry (see also `reactionsMap`, reactions.ts). */
export function commentsMap(talkDoc: Y.Doc): Y.Map<unknown> {
  return talkDoc.getMap('comments');
}

/** Whether `value` is one of `LANE_KINDS`. */
export function isLaneKind(value: unknown): value is LaneKind {
  return (LANE_KINDS as readonly unknown[]).includes(value);
}

/** Whether `value` is one of `CARD_COLOURS`. */
export function isCardColour(value: unknown): value is CardColour {
  return (CARD_COLOURS as readonly unknown[]).includes(value);
}

/** A stage entry as stored, or `null` when the key or any field is malformed. */
export function readStageEntry(id: string, value: unknown): Stage | null {
  if (!isValidId(id) || !(value instanceof Y.Map)) return null;
  const name: unknown = value.get('name');
  const order: unknown = value.get('order');
  const timeFrame: unknown = value.get('timeFrame');
  if (typeof name !== 'string' || !isOrderKey(order)) return null;
  return { id, name, order, timeFrame: typeof timeFrame === 'string' && timeFrame !== '' ? timeFrame : null };
}

/**
 * A lane entry as stored, or `null` when malformed; an unknown kind reads as `notes`, and a
 * department that is missing, malformed or not in `departmentIds` (the board's departments) reads
 * as `SHARED_DEPARTMENT`.
 */
export function readLaneEntry(id: string, value: unknown, departmentIds: ReadonlySet<string>): Lane | null {
  if (!isValidId(id) || !(value instanceof Y.Map)) return null;
  const name: unknown = value.get('name');
  const kind: unknown = value.get('kind');
  const order: unknown = value.get('order');
  const department: unknown = value.get('department');
  if (typeof name !== 'string' || typeof kind !== 'string' || !isOrderKey(order)) return null;
  return {
    id,
    name,
    kind: isLaneKind(kind) ? kind : FALLBACK_KIND,
    order,
    department:
      typeof department === 'string' && departmentIds.has(department) ? department : SHARED_DEPARTMENT,
  };
}

/**
 * A department entry as stored, or `null` when the key or any field is malformed. An entry stored
 * under `SHARED_DEPARTMENT` is skipped too, so a lane's `shared` never names a department.
 */
export function readDepartmentEntry(id: string, value: unknown): Department | null {
  if (!isValidId(id) || id === SHARED_DEPARTMENT || !(value instanceof Y.Map)) return null;
  const name: unknown = value.get('name');
  const order: unknown = value.get('order');
  if (typeof name !== 'string' || !isOrderKey(order)) return null;
  return { id, name, order };
}

/** The fields every card entry has; since version 3 a card also has `CARD_AUTHOR_FIELDS`. */
export const CARD_FIELDS = ['stageId', 'text', 'colour', 'order', 'createdAt'] as const;

/** Who wrote a card, in its entry: all four, or none for a card written before version 3. */
export const CARD_AUTHOR_FIELDS = ['authorId', 'authorName', 'authorDepartment', 'authorGuest'] as const;

/**
 * The author a card entry carries, or `null` when it has none (written before authors were
 * recorded) or any author field is malformed: the card then reads as by an unknown author.
 */
export function readCardAuthor(value: unknown): CardAuthor | null {
  if (!(value instanceof Y.Map)) return null;
  const id: unknown = value.get('authorId');
  const name: unknown = value.get('authorName');
  const departmentId: unknown = value.get('authorDepartment');
  const guest: unknown = value.get('authorGuest');
  if (
    typeof id !== 'string' ||
    !isValidId(id) ||
    typeof name !== 'string' ||
    !(departmentId === null || (typeof departmentId === 'string' && isValidId(departmentId))) ||
    typeof guest !== 'boolean'
  ) {
    return null;
  }
  return { id, name, departmentId, guest };
}

/**
 * A card entry as stored, or `null` when malformed; an unknown colour reads as yellow, and missing
 * or malformed author fields as an unknown author.
 */
export function readCardEntry(id: string, value: unknown): Card | null {
  if (!isValidId(id) || !(value instanceof Y.Map)) return null;
  const stageId: unknown = value.get('stageId');
  const text: unknown = value.get('text');
  const colour: unknown = value.get('colour');
  const order: unknown = value.get('order');
  const createdAt: unknown = value.get('createdAt');
  if (
    typeof stageId !== 'string' ||
    !isValidId(stageId) ||
    typeof text !== 'string' ||
    typeof colour !== 'string' ||
    !isOrderKey(order) ||
    typeof createdAt !== 'number' ||
    !Number.isFinite(createdAt)
  ) {
    return null;
  }
  return {
    id,
    stageId,
    text,
    colour: isCardColour(colour) ? colour : DEFAULT_COLOUR,
    order,
    createdAt,
    author: readCardAuthor(value),
    ...readCardFields(id, value, KNOWN_CARD_FIELDS),
  };
}

/** Every field a card entry may have: its base fields, its author's and its typed fields. */
const KNOWN_CARD_FIELDS: ReadonlySet<string> = new Set<string>([
  ...CARD_FIELDS,
  ...CARD_AUTHOR_FIELDS,
  ...CARD_TYPED_FIELDS,
]);

/**
 * A comment entry as stored, or `null` when the key or any field is malformed (card, lane and author
 * ids must have the shape of ids, `createdAt` must be a finite number).
 */
export function readCommentEntry(id: string, value: unknown): CardComment | null {
  if (!isValidId(id) || !(value instanceof Y.Map)) return null;
  const cardId: unknown = value.get('cardId');
  const laneId: unknown = value.get('laneId');
  const authorId: unknown = value.get('authorId');
  const authorName: unknown = value.get('authorName');
  const text: unknown = value.get('text');
  const createdAt: unknown = value.get('createdAt');
  if (
    typeof cardId !== 'string' ||
    !isValidId(cardId) ||
    typeof laneId !== 'string' ||
    !isValidId(laneId) ||
    typeof authorId !== 'string' ||
    !isValidId(authorId) ||
    typeof authorName !== 'string' ||
    typeof text !== 'string' ||
    typeof createdAt !== 'number' ||
    !Number.isFinite(createdAt)
  ) {
    return null;
  }
  // Comments written before guests were marked have no `authorGuest`: read as not a guest. Those
  // written before threads have none of the thread fields: they read as open roots, never edited.
  const parentId: unknown = value.get('parentId');
  if (parentId !== undefined && (typeof parentId !== 'string' || !isValidId(parentId) || parentId === id)) {
    return null;
  }
  const editedAt: unknown = value.get('editedAt');
  const resolvedBy: unknown = value.get('resolvedBy');
  const resolvedAt: unknown = value.get('resolvedAt');
  const resolved =
    parentId === undefined &&
    typeof resolvedBy === 'string' &&
    isValidId(resolvedBy) &&
    typeof resolvedAt === 'number' &&
    Number.isFinite(resolvedAt);
  return {
    id,
    cardId,
    laneId,
    authorId,
    authorName,
    authorGuest: value.get('authorGuest') === true,
    text,
    createdAt,
    parentId: parentId ?? null,
    mentions: readMentions(value.get('mentions')),
    editedAt: typeof editedAt === 'number' && Number.isFinite(editedAt) ? editedAt : null,
    resolvedBy: resolved ? resolvedBy : null,
    resolvedAt: resolved ? resolvedAt : null,
  };
}

/**
 * A comment's mentions as stored: a list of distinct ids, at most `LIMITS.mentions`, or null when
 * it is not one (a reader then shows none; the server refuses it).
 */
export function mentionsOf(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > LIMITS.mentions) return null;
  const ids = new Set<string>();
  for (const id of value) {
    if (typeof id !== 'string' || !isValidId(id) || ids.has(id)) return null;
    ids.add(id);
  }
  return [...ids];
}

function readMentions(value: unknown): string[] {
  return value === undefined ? [] : (mentionsOf(value) ?? []);
}

/** A new stage entry, to be set into `stagesMap` (a stage without a time frame stores none). */
export function stageEntry(
  stage: Omit<Stage, 'id' | 'timeFrame'> & { timeFrame?: string | null },
): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['name', stage.name],
    ['order', stage.order],
    ...(stage.timeFrame ? ([['timeFrame', stage.timeFrame]] as const) : []),
  ]);
}

/** A new lane entry, to be set into `lanesMap`. */
export function laneEntry(lane: Omit<Lane, 'id'>): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['name', lane.name],
    ['kind', lane.kind],
    ['order', lane.order],
    ['department', lane.department],
  ]);
}

/** A new department entry, to be set into `departmentsMap`. */
export function departmentEntry(department: Omit<Department, 'id'>): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['name', department.name],
    ['order', department.order],
  ]);
}

/** The fields of a comment entry as `commentEntry` writes it; a new comment has exactly these. */
export const COMMENT_FIELDS = [
  'cardId',
  'laneId',
  'authorId',
  'authorName',
  'authorGuest',
  'text',
  'createdAt',
] as const;

/**
 * The fields a comment entry may hold besides `COMMENT_FIELDS`, each only when it has a value: a
 * comment written before threads has none of them, and stays valid.
 */
export const COMMENT_OPTIONAL_FIELDS = [
  'parentId',
  'mentions',
  'editedAt',
  'resolvedBy',
  'resolvedAt',
] as const;

/**
 * A new comment entry, to be set into `commentsMap`: the thread fields only when set (a root
 * stores no `parentId`, a comment without mentions no `mentions`, an open thread no resolution).
 */
export function commentEntry(
  comment: Omit<CardComment, 'id' | 'parentId' | 'mentions' | 'editedAt' | 'resolvedBy' | 'resolvedAt'> &
    Partial<Pick<CardComment, 'parentId' | 'mentions' | 'editedAt' | 'resolvedBy' | 'resolvedAt'>>,
): Y.Map<unknown> {
  const optional: [string, unknown][] = [];
  if (comment.parentId) optional.push(['parentId', comment.parentId]);
  if (comment.mentions && comment.mentions.length > 0) optional.push(['mentions', [...comment.mentions]]);
  if (comment.editedAt != null) optional.push(['editedAt', comment.editedAt]);
  if (comment.resolvedBy && comment.resolvedAt != null) {
    optional.push(['resolvedBy', comment.resolvedBy], ['resolvedAt', comment.resolvedAt]);
  }
  return new Y.Map<unknown>([
    ['cardId', comment.cardId],
    ['laneId', comment.laneId],
    ['authorId', comment.authorId],
    ['authorName', comment.authorName],
    ['authorGuest', comment.authorGuest],
    ['text', comment.text],
    ['createdAt', comment.createdAt],
    ...optional,
  ]);
}

/**
 * A new card entry, to be set into `cardsMap`: with its author's fields, or none when it has no
 * known author (a card written before authors were recorded, moved: it stays as it was), and the
 * typed fields it has (`typedFieldEntries`: only those set).
 */
export function cardEntry(card: Omit<Card, 'id' | keyof CardFields> & Partial<CardFields>): Y.Map<unknown> {
  const { author } = card;
  return new Y.Map<unknown>([
    ['stageId', card.stageId],
    ['text', card.text],
    ['colour', card.colour],
    ['order', card.order],
    ['createdAt', card.createdAt],
    ...(author === null
      ? []
      : ([
          ['authorId', author.id],
          ['authorName', author.name],
          ['authorDepartment', author.departmentId],
          ['authorGuest', author.guest],
        ] as const)),
    ...typedFieldEntries(card),
  ]);
}

/** The stored entry of an item a reader returned, for writing to it. */
export function entryOf(map: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const entry = map.get(id);
  if (!(entry instanceof Y.Map)) throw new Error(`Entry "${id}" vanished between reading and writing`);
  return entry;
}

/**
 * Sets `field` of `entry` unless it already holds `value`: writing an unchanged value would still
 * add an update (and an empty-looking undo step).
 */
export function setIfChanged(entry: Y.Map<unknown>, field: string, value: unknown): void {
  if (entry.get(field) !== value) entry.set(field, value);
}
