import type * as Y from 'yjs';
import {
  isEmotionScore,
  isKpiNumber,
  isKpiTrend,
  isSeverity,
  KPI_FIELDS,
  KPI_TRENDS,
  SEVERITIES,
  type AttachmentId,
  type CardTypedField,
  type Kpi,
  type PersonaId,
  type Severity,
} from './card-fields.ts';
import { BoardModelError } from './errors.ts';
import { isValidId, newId, type CardId, type DepartmentId, type StageId } from './ids.ts';
import { findCard, cardsInCell } from './lane.ts';
import { LIMITS } from './limits.ts';
import { orderKeyAt } from './order.ts';
import { DEFAULT_COLOUR, cardEntry, cardsMap, entryOf, type CardAuthor } from './schema.ts';
import { checkCardAuthor, checkStageIdShape, cleanOptionalText, cleanText } from './validation.ts';

// Operations on a card's typed fields (card-fields.ts). Like every lane operation they see only
// their lane doc: a persona, department, linked card or attachment is checked for the shape of its
// id, not for existence (the page offers only what the board has, and shows nothing for an id that
// names nothing). Each validates first, writes its fields in one transaction, and skips a write that
// changes nothing.

/**
 * Sets (or, with `undefined`, removes) typed fields of one card in one transaction, skipping those
 * already as asked. Lists compare by content.
 */
function writeFields(
  laneDoc: Y.Doc,
  cardId: CardId,
  fields: Partial<Record<CardTypedField, unknown>>,
  origin: unknown,
): void {
  const entry = entryOf(cardsMap(laneDoc), cardId);
  const changes = (Object.entries(fields) as [CardTypedField, unknown][]).filter(
    ([field, value]) => !sameValue(entry.has(field) ? entry.get(field) : undefined, value),
  );
  if (changes.length === 0) return;
  laneDoc.transact(() => {
    for (const [field, value] of changes) {
      if (value === undefined) entry.delete(field);
      else entry.set(field, value);
    }
  }, origin);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** A list of ids checked for shape and size, without repeats, in the order given. */
function checkIdList(ids: unknown, max: number, field: string, what: string): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !isValidId(id))) {
    throw new BoardModelError(
      field === 'personas' ? 'UNKNOWN_PERSONA' : 'INVALID_REFERENCE',
      `Each ${what} must be the id of a ${what} of the board: reload the board and retry`,
      { field },
    );
  }
  const unique = [...new Set(ids as string[])];
  if (unique.length > max) {
    throw new BoardModelError(
      'TOO_MANY',
      `A card can name at most ${max} ${what}s and this would make ${unique.length}: remove one first`,
      { field, limit: max },
    );
  }
  return unique;
}

/** An empty list is stored as no field at all. */
const listOrNone = (list: string[]): string[] | undefined => (list.length > 0 ? list : undefined);

/**
 * Sets a touchpoint's channel: one of `CHANNELS`, or a name of its own (1–40 characters); null
 * removes it. @throws BoardModelError UNKNOWN_CARD, EMPTY_TEXT, TEXT_TOO_LONG.
 */
export function setCardChannel(
  laneDoc: Y.Doc,
  cardId: CardId,
  channel: string | null,
  origin?: unknown,
): void {
  findCard(laneDoc, cardId);
  const cleaned = channel === null ? undefined : cleanText(channel, 'channelName');
  writeFields(laneDoc, cardId, { channel: cleaned }, origin);
}

/** Sets a pain point's severity; null removes it. @throws BoardModelError UNKNOWN_CARD, INVALID_SEVERITY. */
export function setCardSeverity(
  laneDoc: Y.Doc,
  cardId: CardId,
  severity: Severity | null,
  origin?: unknown,
): void {
  findCard(laneDoc, cardId);
  if (severity !== null && !isSeverity(severity)) {
    throw new BoardModelError(
      'INVALID_SEVERITY',
      `Severity ${JSON.stringify(severity) ?? String(severity)} is not known: use one of ${SEVERITIES.join(', ')}`,
      { field: 'severity' },
    );
  }
  writeFields(laneDoc, cardId, { severity: severity ?? undefined }, origin);
}

function checkScore(score: unknown): number {
  if (!isEmotionScore(score)) {
    throw new BoardModelError(
      'INVALID_SCORE',
      `An emotion score is a whole number from -${LIMITS.emotionScore} to +${LIMITS.emotionScore}, not ${JSON.stringify(score) ?? String(score)}`,
      { field: 'score', limit: LIMITS.emotionScore },
    );
  }
  return score;
}

function checkPersonaId(persona: unknown): PersonaId | null {
  if (persona === null) return null;
  if (typeof persona !== 'string' || !isValidId(persona)) {
    throw new BoardModelError(
      'UNKNOWN_PERSONA',
      `Persona ${JSON.stringify(persona) ?? String(persona)} is not a persona of the board: reload the board and retry`,
      { field: 'persona' },
    );
  }
  return persona;
}

/**
 * Adds a point of the emotion curve: a card with a score (−3 to +3) at a stage, on the line of
 * `persona` (null for the board's own line), with `text` as the label of what causes it (may be
 * empty). It goes at the end of its cell. Returns its id.
 *
 * @throws BoardModelError INVALID_SCORE, UNKNOWN_PERSONA (a malformed id), TEXT_TOO_LONG,
 * UNKNOWN_STAGE (a malformed id), INVALID_AUTHOR.
 */
export function addEmotionPoint(
  laneDoc: Y.Doc,
  point: { stageId: StageId; score: number; persona: PersonaId | null; text?: string; author: CardAuthor },
  origin?: unknown,
): CardId {
  const stageId = checkStageIdShape(point.stageId);
  const score = checkScore(point.score);
  const persona = checkPersonaId(point.persona);
  const text = cleanOptionalText(point.text, 'cardText');
  const author = checkCardAuthor(point.author);
  const cell = cardsInCell(laneDoc, stageId);
  const id = newId();
  const order = orderKeyAt(cell, cell.length);
  laneDoc.transact(() => {
    cardsMap(laneDoc).set(
      id,
      cardEntry({
        stageId,
        text,
        colour: DEFAULT_COLOUR,
        order,
        createdAt: Date.now(),
        author,
        score,
        persona,
      }),
    );
  }, origin);
  return id;
}

/**
 * Sets the score of a point of the emotion curve (any card: a card with a score is a point).
 * @throws BoardModelError UNKNOWN_CARD, INVALID_SCORE.
 */
export function setEmotionScore(laneDoc: Y.Doc, cardId: CardId, score: number, origin?: unknown): void {
  findCard(laneDoc, cardId);
  writeFields(laneDoc, cardId, { score: checkScore(score) }, origin);
}

/** Moves an emotion point to another persona's line (null: the board's own). */
export function setEmotionPersona(
  laneDoc: Y.Doc,
  cardId: CardId,
  persona: PersonaId | null,
  origin?: unknown,
): void {
  findCard(laneDoc, cardId);
  writeFields(laneDoc, cardId, { persona: checkPersonaId(persona) ?? undefined }, origin);
}

/**
 * Tags a card with the personas it concerns (replacing its tags; [] removes them all).
 * @throws BoardModelError UNKNOWN_CARD, UNKNOWN_PERSONA (a malformed id), TOO_MANY (over 5).
 */
export function setCardPersonas(
  laneDoc: Y.Doc,
  cardId: CardId,
  personaIds: readonly PersonaId[],
  origin?: unknown,
): void {
  findCard(laneDoc, cardId);
  const ids = checkIdList(personaIds, LIMITS.cardPersonas, 'personas', 'persona');
  writeFields(laneDoc, cardId, { personas: listOrNone(ids) }, origin);
}

/**
 * Links a card to another card of the board, in any lane (a pain point to the backstage process
 * that causes it, an opportunity to the pain point it answers). The link is stored on `cardId`.
 * Linking again is a no-op.
 *
 * @throws BoardModelError UNKNOWN_CARD, INVALID_LINK (to itself, or a malformed id), TOO_MANY.
 */
export function linkCards(laneDoc: Y.Doc, cardId: CardId, targetCardId: CardId, origin?: unknown): void {
  const card = findCard(laneDoc, cardId);
  if (typeof targetCardId !== 'string' || !isValidId(targetCardId) || targetCardId === cardId) {
    throw new BoardModelError(
      'INVALID_LINK',
      targetCardId === cardId
        ? 'A card cannot be linked to itself: pick another card'
        : `Card ${JSON.stringify(targetCardId) ?? String(targetCardId)} is not a card of the board: pick another card`,
      { field: 'links' },
    );
  }
  if (card.links.includes(targetCardId)) return;
  if (card.links.length >= LIMITS.cardLinks) {
    throw new BoardModelError(
      'TOO_MANY',
      `A card can link to at most ${LIMITS.cardLinks} cards: remove a link first`,
      { field: 'links', limit: LIMITS.cardLinks },
    );
  }
  writeFields(laneDoc, cardId, { links: [...card.links, targetCardId] }, origin);
}

/** Removes a link from `cardId` to `targetCardId` (a no-op when there is none). @throws UNKNOWN_CARD. */
export function unlinkCards(laneDoc: Y.Doc, cardId: CardId, targetCardId: CardId, origin?: unknown): void {
  const card = findCard(laneDoc, cardId);
  writeFields(laneDoc, cardId, { links: listOrNone(card.links.filter((id) => id !== targetCardId)) }, origin);
}

/** Marks a card as a moment of truth, or unmarks it. @throws BoardModelError UNKNOWN_CARD. */
export function setMomentOfTruth(laneDoc: Y.Doc, cardId: CardId, on: boolean, origin?: unknown): void {
  findCard(laneDoc, cardId);
  writeFields(laneDoc, cardId, { moment: on === true ? true : undefined }, origin);
}

/**
 * Changes a card's KPI: the fields of `patch` that are given (a null value or target, an empty
 * unit or a null trend clears that field); `null` removes the whole KPI. The card's text is the
 * KPI's name.
 *
 * @throws BoardModelError UNKNOWN_CARD, INVALID_NUMBER (not a finite number within ±10¹²),
 * TEXT_TOO_LONG (unit over 16 characters), INVALID_TREND.
 */
export function setCardKpi(
  laneDoc: Y.Doc,
  cardId: CardId,
  patch: Partial<Kpi> | null,
  origin?: unknown,
): void {
  findCard(laneDoc, cardId);
  if (patch === null) {
    writeFields(laneDoc, cardId, Object.fromEntries(KPI_FIELDS.map((field) => [field, undefined])), origin);
    return;
  }
  const fields: Partial<Record<CardTypedField, unknown>> = {};
  for (const key of ['current', 'target'] as const) {
    if (!(key in patch)) continue;
    const value = patch[key];
    if (value !== null && !isKpiNumber(value)) {
      throw new BoardModelError(
        'INVALID_NUMBER',
        `The KPI's ${key === 'current' ? 'current value' : 'target'} must be a number (at most ${LIMITS.kpiMagnitude.toExponential()} either way), not ${JSON.stringify(value) ?? String(value)}`,
        { field: key === 'current' ? 'kpiCurrent' : 'kpiTarget', limit: LIMITS.kpiMagnitude },
      );
    }
    fields[key === 'current' ? 'kpiCurrent' : 'kpiTarget'] = value ?? undefined;
  }
  if ('unit' in patch) {
    const unit = cleanOptionalText(patch.unit, 'kpiUnit');
    fields.kpiUnit = unit === '' ? undefined : unit;
  }
  if ('trend' in patch) {
    const trend = patch.trend;
    if (trend != null && !isKpiTrend(trend)) {
      throw new BoardModelError(
        'INVALID_TREND',
        `Trend ${JSON.stringify(trend) ?? String(trend)} is not known: use one of ${KPI_TRENDS.join(', ')}`,
        { field: 'kpiTrend' },
      );
    }
    fields.kpiTrend = trend ?? undefined;
  }
  writeFields(laneDoc, cardId, fields, origin);
}

/**
 * Names the departments responsible on a card (replacing those it named; [] removes them).
 * @throws BoardModelError UNKNOWN_CARD, INVALID_REFERENCE (a malformed id), TOO_MANY (over 20).
 */
export function setCardDepartments(
  laneDoc: Y.Doc,
  cardId: CardId,
  departmentIds: readonly DepartmentId[],
  origin?: unknown,
): void {
  findCard(laneDoc, cardId);
  const ids = checkIdList(departmentIds, LIMITS.cardDepartments, 'departments', 'department');
  writeFields(laneDoc, cardId, { departments: listOrNone(ids) }, origin);
}

/**
 * Attaches a file the server keeps for the board to a card (a no-op when it is attached already).
 * @throws BoardModelError UNKNOWN_CARD, INVALID_REFERENCE (a malformed id), TOO_MANY (over 10).
 */
export function attachToCard(
  laneDoc: Y.Doc,
  cardId: CardId,
  attachmentId: AttachmentId,
  origin?: unknown,
): void {
  const card = findCard(laneDoc, cardId);
  const ids = checkIdList(
    [...card.attachments, attachmentId],
    LIMITS.cardAttachments,
    'attachments',
    'attachment',
  );
  writeFields(laneDoc, cardId, { attachments: ids }, origin);
}

/** Takes a file off a card (the server keeps the file). @throws BoardModelError UNKNOWN_CARD. */
export function detachFromCard(
  laneDoc: Y.Doc,
  cardId: CardId,
  attachmentId: AttachmentId,
  origin?: unknown,
): void {
  const card = findCard(laneDoc, cardId);
  writeFields(
    laneDoc,
    cardId,
    { attachments: listOrNone(card.attachments.filter((id) => id !== attachmentId)) },
    origin,
  );
}

/**
 * Clears what a card stores that no reader can trust (`Card.invalid`: a field of the wrong shape, or
 * one no card has), in one transaction: the server refuses every change to a card while it stores
 * such a field, so this is the one change that mends it. A malformed score becomes 0, so that a
 * point of the emotion curve stays a point; every other such field is removed (it read as its
 * default already). @throws BoardModelError UNKNOWN_CARD.
 */
export function clearInvalidFields(laneDoc: Y.Doc, cardId: CardId, origin?: unknown): void {
  const card = findCard(laneDoc, cardId);
  if (card.invalid.length === 0) return;
  const entry = entryOf(cardsMap(laneDoc), cardId);
  laneDoc.transact(() => {
    for (const field of card.invalid) {
      if (field === 'score') entry.set('score', 0);
      else entry.delete(field);
    }
  }, origin);
}
