import type { Card, DepartmentId, Kpi, KpiTrend, LaneKind, Severity } from '@journeyboard/board-model';
import { isListedChannel, type ListedChannel } from './labels.ts';
import { editableKpiNumber, parseKpiNumber } from './kpi-format.ts';

/** A field the card details editor offers. */
export type DetailField = 'channel' | 'severity' | 'kpi' | 'departments';

/** The fields a lane of each kind offers its cards. */
const FIELDS_OF_KIND: Partial<Record<LaneKind, readonly DetailField[]>> = {
  touchpoints: ['channel'],
  channels: ['channel'],
  painPoints: ['severity'],
  kpis: ['kpi'],
  departments: ['departments'],
};

const FIELD_ORDER: readonly DetailField[] = ['channel', 'severity', 'kpi', 'departments'];

/**
 * The fields the details editor offers a card of a lane of `kind`: those of its kind, and any the
 * card has although its lane is of another kind (it was moved here), so that they can be changed
 * or cleared too. In one order whatever the kind.
 */
export function detailFields(kind: LaneKind, card: Card): DetailField[] {
  const ofKind = FIELDS_OF_KIND[kind] ?? [];
  const has: Record<DetailField, boolean> = {
    channel: card.channel !== null,
    severity: card.severity !== null,
    kpi: card.kpi !== null,
    departments: card.departments.length > 0,
  };
  return FIELD_ORDER.filter((field) => ofKind.includes(field) || has[field]);
}

/** The channel picker's choice: none, a listed channel, or another one, named in `custom`. */
export interface ChannelChoice {
  choice: '' | ListedChannel | 'other';
  custom: string;
}

/** What the channel picker shows for a card's channel. */
export function channelChoice(channel: string | null): ChannelChoice {
  if (channel === null) return { choice: '', custom: '' };
  if (isListedChannel(channel)) return { choice: channel, custom: '' };
  return { choice: 'other', custom: channel };
}

/** The channel a choice names: null for none, or another one whose name is left empty. */
export function channelOf({ choice, custom }: ChannelChoice): string | null {
  if (choice === '') return null;
  if (choice !== 'other') return choice;
  return custom.trim() === '' ? null : custom;
}

/** A KPI as its editor's fields hold it: numbers as typed, in the reader's language. */
export interface KpiDraft {
  current: string;
  target: string;
  unit: string;
  trend: KpiTrend | null;
}

/** The editor's fields for a card's KPI (empty for a card with none). */
export function kpiDraft(kpi: Kpi | null, locale: string): KpiDraft {
  return {
    current: editableKpiNumber(kpi?.current ?? null, locale),
    target: editableKpiNumber(kpi?.target ?? null, locale),
    unit: kpi?.unit ?? '',
    trend: kpi?.trend ?? null,
  };
}

/** A KPI editor's number field that does not hold a number a KPI can have, and why. */
export type KpiProblems = Partial<Record<'current' | 'target', 'notANumber' | 'tooLarge'>>;

/**
 * The KPI the editor's fields say: null when every field is empty (the card keeps no KPI), or
 * the number fields that hold no number a KPI can have.
 */
export function readKpiDraft(
  draft: KpiDraft,
  locale: string,
): { kpi: Kpi | null } | { problems: KpiProblems } {
  const current = parseKpiNumber(draft.current, locale);
  const target = parseKpiNumber(draft.target, locale);
  if ('error' in current || 'error' in target) {
    const problems: KpiProblems = {};
    if ('error' in current) problems.current = current.error;
    if ('error' in target) problems.target = target.error;
    return { problems };
  }
  const kpi: Kpi = {
    current: current.value,
    target: target.value,
    unit: draft.unit.trim(),
    trend: draft.trend,
  };
  const empty = kpi.current === null && kpi.target === null && kpi.unit === '' && kpi.trend === null;
  return { kpi: empty ? null : kpi };
}

/** Whether two KPIs say the same. */
export function sameKpi(a: Kpi | null, b: Kpi | null): boolean {
  if (a === null || b === null) return a === b;
  return a.current === b.current && a.target === b.target && a.unit === b.unit && a.trend === b.trend;
}

/** Whether two lists of departments name the same ones, in any order. */
export function sameDepartments(a: readonly DepartmentId[], b: readonly DepartmentId[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/** What saving the editor changes on the card: only the fields that differ from what it has. */
export interface DetailChanges {
  channel?: string | null;
  severity?: Severity | null;
  kpi?: Kpi | null;
  departments?: DepartmentId[];
}

/**
 * The changes between a card and what its editor holds, for the fields it offered. The card's
 * departments are compared as the page shows them, those of `boardDepartments` alone: an id that
 * names no department of the board (one removed since) is no change of the person's.
 */
export function detailChanges(
  card: Card,
  fields: readonly DetailField[],
  wanted: { channel: string | null; severity: Severity | null; kpi: Kpi | null; departments: DepartmentId[] },
  boardDepartments: readonly DepartmentId[],
): DetailChanges {
  const shownDepartments = card.departments.filter((id) => boardDepartments.includes(id));
  const changes: DetailChanges = {};
  if (fields.includes('channel') && wanted.channel !== card.channel) changes.channel = wanted.channel;
  if (fields.includes('severity') && wanted.severity !== card.severity) changes.severity = wanted.severity;
  if (fields.includes('kpi') && !sameKpi(wanted.kpi, card.kpi)) changes.kpi = wanted.kpi;
  if (fields.includes('departments') && !sameDepartments(wanted.departments, shownDepartments)) {
    changes.departments = wanted.departments;
  }
  return changes;
}
