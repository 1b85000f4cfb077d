import type * as Y from 'yjs';
import { isValidId, type CardId, type DepartmentId } from './ids.ts';
import { LIMITS } from './limits.ts';
import { isCleanText } from './text.ts';

// The typed fields of a card (since version 4): what makes a touchpoint, a pain point, a KPI or a
// point of the emotion curve more than a sticky note. They are kept apart from the card's base
// fields (schema.ts) because every one of them is optional: a card stores only the fields it uses,
// so a sticky note written by a version-3 client is a valid card of version 4 as it is.
//
// A lane doc does not know its lane's kind (the structure doc does), and a lane can change kind, so
// any card may carry any typed field: the page shows the ones its lane's kind uses. Each field is
// one Y.Map field of the card entry, so that two people setting a card's severity and its channel
// at once both win; a list (tags, links) is one plain array value, written whole (last writer wins).

/** An id of a persona of the board (structure doc's `personas`). */
export type PersonaId = string;
/** An id of a file the server keeps for the board (its metadata is the server's). */
export type AttachmentId = string;

/** How bad a pain point is, lowest first. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** One of `SEVERITIES`. */
export type Severity = (typeof SEVERITIES)[number];

/** Which way a KPI is going. */
export const KPI_TRENDS = ['up', 'down', 'flat'] as const;
/** One of `KPI_TRENDS`. */
export type KpiTrend = (typeof KPI_TRENDS)[number];

/**
 * The channels a touchpoint can name from a list (DOMAIN.md's channels); the page translates them.
 * A touchpoint may also name a channel of its own, stored as its name.
 */
export const CHANNELS = [
  'website',
  'landingPage',
  'app',
  'social',
  'email',
  'webinar',
  'liveChat',
  'callCentre',
  'store',
  'reviewSites',
  'community',
] as const;
/** One of `CHANNELS`. */
export type Channel = (typeof CHANNELS)[number];

/** A KPI on a card: the card's text is the KPI's name. */
export interface Kpi {
  current: number | null;
  target: number | null;
  /** '' when the KPI has no unit. */
  unit: string;
  trend: KpiTrend | null;
}

/** The typed fields of a card, as read (each at its default when the card does not store it). */
export interface CardFields {
  /** A touchpoint's channel: a `CHANNELS` id, or a name of its own (1–40 characters). */
  channel: string | null;
  /** A pain point's severity. */
  severity: Severity | null;
  /** A point of the emotion curve: a whole number from −3 to +3. A card with a score is a point. */
  score: number | null;
  /** The persona whose line an emotion point is on; null for the board's own line. */
  persona: PersonaId | null;
  /** The personas the card concerns (0–5, no repeats). */
  personas: PersonaId[];
  /** The cards, in any lane, this card links to (0–20, no repeats, never itself). */
  links: CardId[];
  /** Whether the card is a moment of truth. */
  moment: boolean;
  /** The KPI the card measures, or null when it stores none of the KPI fields. */
  kpi: Kpi | null;
  /** The departments responsible (0–20, no repeats). */
  departments: DepartmentId[];
  /** The files attached to it (0–10, no repeats). */
  attachments: AttachmentId[];
  /**
   * Names of the typed fields stored in a shape no reader can trust (an older client, a restored
   * backup): they read at their default and the page shows the card as invalid.
   */
  invalid: string[];
}

/** The typed fields as stored in a card entry, each optional. */
export const CARD_TYPED_FIELDS = [
  'channel',
  'severity',
  'score',
  'persona',
  'personas',
  'links',
  'moment',
  'kpiCurrent',
  'kpiTarget',
  'kpiUnit',
  'kpiTrend',
  'departments',
  'attachments',
] as const;
/** One of `CARD_TYPED_FIELDS`. */
export type CardTypedField = (typeof CARD_TYPED_FIELDS)[number];

/** The four stored fields of a KPI. */
export const KPI_FIELDS = ['kpiCurrent', 'kpiTarget', 'kpiUnit', 'kpiTrend'] as const;

/** A card's typed fields when it stores none. */
export const NO_CARD_FIELDS: Readonly<CardFields> = Object.freeze({
  channel: null,
  severity: null,
  score: null,
  persona: null,
  personas: [],
  links: [],
  moment: false,
  kpi: null,
  departments: [],
  attachments: [],
  invalid: [],
});

/** Whether `value` is one of `SEVERITIES`. */
export function isSeverity(value: unknown): value is Severity {
  return (SEVERITIES as readonly unknown[]).includes(value);
}

/** Whether `value` is one of `KPI_TRENDS`. */
export function isKpiTrend(value: unknown): value is KpiTrend {
  return (KPI_TRENDS as readonly unknown[]).includes(value);
}

/** Whether `value` is an emotion score: a whole number from −3 to +3. */
export function isEmotionScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= LIMITS.emotionScore;
}

/** Whether `value` can be a KPI's current value or target: a finite number within ±10¹². */
export function isKpiNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= LIMITS.kpiMagnitude;
}

/** Whether `value` is a list of 1 to `max` ids without repeats (an empty list is stored as none). */
export function isIdList(value: unknown, max: number): value is string[] {
  return (
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= max &&
    value.every((id) => typeof id === 'string' && isValidId(id)) &&
    new Set(value).size === value.length
  );
}

/**
 * Whether a stored value of `field` is one a writer may store: what the server enforces on every
 * update and what the reader trusts. `cardId` is the card's own id (a card never links to itself).
 */
export function isTypedFieldValue(field: CardTypedField, value: unknown, cardId: CardId): boolean {
  switch (field) {
    case 'channel':
      return isCleanText(value, 'channelName');
    case 'severity':
      return isSeverity(value);
    case 'score':
      return isEmotionScore(value);
    case 'persona':
      return typeof value === 'string' && isValidId(value);
    case 'personas':
      return isIdList(value, LIMITS.cardPersonas);
    case 'links':
      return isIdList(value, LIMITS.cardLinks) && !value.includes(cardId);
    case 'moment':
      return value === true;
    case 'kpiCurrent':
    case 'kpiTarget':
      return isKpiNumber(value);
    case 'kpiUnit':
      return isCleanText(value, 'kpiUnit');
    case 'kpiTrend':
      return isKpiTrend(value);
    case 'departments':
      return isIdList(value, LIMITS.cardDepartments);
    case 'attachments':
      return isIdList(value, LIMITS.cardAttachments);
  }
}

/** Whether `field` names one of a card's typed fields. */
export function isCardTypedField(field: string): field is CardTypedField {
  return (CARD_TYPED_FIELDS as readonly string[]).includes(field);
}

/**
 * The typed fields of a card entry. A field stored in a shape `isTypedFieldValue` refuses reads at
 * its default and is named in `invalid`, so the card stays on the board, shown as invalid, instead
 * of vanishing or breaking the page; so is a field that is none of `known` (the server refuses
 * every change to a card that stores one, so the page must be able to say why, and clear it).
 */
export function readCardFields(
  cardId: CardId,
  entry: Y.Map<unknown>,
  known?: ReadonlySet<string>,
): CardFields {
  const invalid: string[] = [];
  if (known) for (const field of entry.keys()) if (!known.has(field)) invalid.push(field);
  const stored = <F extends CardTypedField>(field: F): unknown => {
    if (!entry.has(field)) return undefined;
    const value: unknown = entry.get(field);
    if (isTypedFieldValue(field, value, cardId)) return value;
    invalid.push(field);
    return undefined;
  };
  const list = (field: 'personas' | 'links' | 'departments' | 'attachments'): string[] => {
    const value = stored(field);
    return Array.isArray(value) ? [...(value as string[])] : [];
  };
  const current = stored('kpiCurrent') as number | undefined;
  const target = stored('kpiTarget') as number | undefined;
  const unit = stored('kpiUnit') as string | undefined;
  const trend = stored('kpiTrend') as KpiTrend | undefined;
  const hasKpi = KPI_FIELDS.some((field) => entry.has(field));
  return {
    channel: (stored('channel') as string | undefined) ?? null,
    severity: (stored('severity') as Severity | undefined) ?? null,
    // A malformed score still makes the card a point (at 0), so that it stays on the curve and a
    // move writes it as one.
    score: (stored('score') as number | undefined) ?? (entry.has('score') ? 0 : null),
    persona: (stored('persona') as string | undefined) ?? null,
    personas: list('personas'),
    links: list('links'),
    moment: stored('moment') === true,
    kpi: hasKpi
      ? { current: current ?? null, target: target ?? null, unit: unit ?? '', trend: trend ?? null }
      : null,
    departments: list('departments'),
    attachments: list('attachments'),
    invalid,
  };
}

/**
 * The stored form of a card's typed fields: only those that differ from their default, as
 * `[field, value]` pairs for a card entry. A KPI with nothing set (no value, target, unit or trend)
 * stores nothing and reads as `kpi: null`: a KPI lane shows such a card as a KPI still to fill in.
 */
export function typedFieldEntries(fields: Partial<CardFields>): [CardTypedField, unknown][] {
  const entries: [CardTypedField, unknown][] = [];
  const add = (field: CardTypedField, value: unknown) => entries.push([field, value]);
  if (fields.channel != null) add('channel', fields.channel);
  if (fields.severity != null) add('severity', fields.severity);
  if (fields.score != null) add('score', fields.score);
  if (fields.persona != null) add('persona', fields.persona);
  for (const field of ['personas', 'links', 'departments', 'attachments'] as const) {
    const list = fields[field];
    if (list !== undefined && list.length > 0) add(field, [...list]);
  }
  if (fields.moment === true) add('moment', true);
  const { kpi } = fields;
  if (kpi != null) {
    if (kpi.current !== null) add('kpiCurrent', kpi.current);
    if (kpi.target !== null) add('kpiTarget', kpi.target);
    if (kpi.unit !== '') add('kpiUnit', kpi.unit);
    if (kpi.trend !== null) add('kpiTrend', kpi.trend);
  }
  return entries;
}
