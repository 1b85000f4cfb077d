import * as Y from 'yjs';
import { isValidId, type CardId, type LaneId, type StageId } from './ids.ts';
import { isOrderKey } from './order.ts';

/** Version of the document schema this code reads and writes (see SCHEMA.md). */
export const SCHEMA_VERSION = 1;

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
  'backstage',
  'notes',
] as const;
/** One of `LANE_KINDS`. */
export type LaneKind = (typeof LANE_KINDS)[number];

/** The colours a card can have. */
export const CARD_COLOURS = ['yellow', 'orange', 'pink', 'purple', 'blue', 'teal', 'green', 'grey'] as const;
/** One of `CARD_COLOURS`. */
export type CardColour = (typeof CARD_COLOURS)[number];

/** Longest texts (in characters, after trimming) and largest counts the operations accept. */
export const LIMITS = {
  title: 120,
  stageName: 60,
  laneName: 60,
  cardText: 1000,
  stages: 30,
  lanes: 40,
} as const;

/** A column of the board. */
export interface Stage {
  id: StageId;
  name: string;
  order: string;
}

/** A row of the board. */
export interface Lane {
  id: LaneId;
  name: string;
  kind: LaneKind;
  order: string;
}

/** What a structure doc holds; stages and lanes sorted by (order, id). */
export interface BoardStructure {
  schemaVersion: number;
  title: string;
  stages: Stage[];
  lanes: Lane[];
}

/** A sticky note in one cell: its lane is the lane doc holding it, its stage is `stageId`. */
export interface Card {
  id: CardId;
  stageId: StageId;
  text: string;
  colour: CardColour;
  order: string;
  createdAt: number;
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

/** A lane doc's `cards` map: card id → card entry. */
export function cardsMap(laneDoc: Y.Doc): Y.Map<unknown> {
  return laneDoc.getMap('cards');
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
  if (typeof name !== 'string' || !isOrderKey(order)) return null;
  return { id, name, order };
}

/** A lane entry as stored, or `null` when malformed; an unknown kind reads as `notes`. */
export function readLaneEntry(id: string, value: unknown): Lane | null {
  if (!isValidId(id) || !(value instanceof Y.Map)) return null;
  const name: unknown = value.get('name');
  const kind: unknown = value.get('kind');
  const order: unknown = value.get('order');
  if (typeof name !== 'string' || typeof kind !== 'string' || !isOrderKey(order)) return null;
  return { id, name, kind: isLaneKind(kind) ? kind : FALLBACK_KIND, order };
}

/** A card entry as stored, or `null` when malformed; an unknown colour reads as yellow. */
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
  return { id, stageId, text, colour: isCardColour(colour) ? colour : DEFAULT_COLOUR, order, createdAt };
}

/** A new stage entry, to be set into `stagesMap`. */
export function stageEntry(stage: Omit<Stage, 'id'>): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['name', stage.name],
    ['order', stage.order],
  ]);
}

/** A new lane entry, to be set into `lanesMap`. */
export function laneEntry(lane: Omit<Lane, 'id'>): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['name', lane.name],
    ['kind', lane.kind],
    ['order', lane.order],
  ]);
}

/** A new card entry, to be set into `cardsMap`. */
export function cardEntry(card: Omit<Card, 'id'>): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['stageId', card.stageId],
    ['text', card.text],
    ['colour', card.colour],
    ['order', card.order],
    ['createdAt', card.createdAt],
  ]);
}

/** The stored entry of an item a reader returned, for writing to it. */
export function entryOf(map: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const entry = map.get(id);
  if (!(entry instanceof Y.Map)) throw new Error(`Entry "${id}" vanished between reading and writing`);
  return entry;
}
