import { type Kpi, LIMITS } from '@journeyboard/board-model';

// A KPI card's numbers, as a person reads and types them in their language: "1,234.5" in English,
// "1.234,5" in Vietnamese. What `formatKpiNumber` shows, `parseKpiNumber` reads back.

/** The most fraction digits a KPI value shows on a card (the editor shows all of them). */
const SHOWN_FRACTION_DIGITS = 2;

/** A KPI value as a card shows it: grouped, at most two decimals, in `locale`'s way. */
export function formatKpiNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: SHOWN_FRACTION_DIGITS }).format(value);
}

/** A KPI value as the editor shows it to be changed: every digit, no grouping, `locale`'s decimal mark. */
export function editableKpiNumber(value: number | null, locale: string): string {
  if (value === null) return '';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 20, useGrouping: false }).format(value);
}

/**
 * What `parseKpiNumber` read: a number, nothing (an empty field clears the value), not a number,
 * or a number larger than a KPI may hold (`LIMITS.kpiMagnitude` either way).
 */
export type ParsedKpiNumber = { value: number | null } | { error: 'notANumber' | 'tooLarge' };

/**
 * Reads a number typed in `locale`'s way: an optional sign, digits grouped by the locale's group
 * mark (in groups of three, so that "1.5" in Vietnamese, where "." groups, is refused rather than
 * read as 15) or not grouped at all, and one decimal mark. Spaces around and inside are ignored,
 * as is the "−" Intl writes in some locales. An empty field is no value.
 */
export function parseKpiNumber(text: string, locale: string): ParsedKpiNumber {
  const { group, decimal } = separatorsOf(locale);
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/\u2212/g, '-');
  if (compact === '') return { value: null };
  const sign = /^[+-]/.test(compact) ? compact[0] : '';
  const unsigned = sign ? compact.slice(1) : compact;
  const parts = unsigned.split(decimal);
  if (parts.length > 2) return { error: 'notANumber' };
  const [whole = '', fraction] = parts;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return { error: 'notANumber' };
  if (fraction === undefined && whole === '') return { error: 'notANumber' };
  if (!wellGrouped(whole, group)) return { error: 'notANumber' };
  const digits = whole.split(group).join('');
  const value = Number(
    `${sign === '-' ? '-' : ''}${digits || '0'}${fraction === undefined ? '' : `.${fraction}`}`,
  );
  if (!Number.isFinite(value)) return { error: 'notANumber' };
  if (Math.abs(value) > LIMITS.kpiMagnitude) return { error: 'tooLarge' };
  // Never "-0": a person who typed "-0" means zero.
  return { value: value === 0 ? 0 : value };
}

/** Digits, either ungrouped or in groups of three after a first group of one to three. */
function wellGrouped(whole: string, group: string): boolean {
  if (whole === '') return true;
  if (!whole.includes(group)) return /^\d+$/.test(whole);
  const groups = whole.split(group);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

function separatorsOf(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = parts.find((part) => part.type === 'group')?.value ?? ',';
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  // Some locales group with a no-break space, which the parser has already taken out.
  return { group: /\s/.test(group) ? ' ' : group, decimal };
}

/**
 * How far a KPI's current value is towards its target: the current value as a share of the
 * target, for a meter from 0 to the target. It says nothing of whether higher or lower is better
 * (the trend is where the value is heading, not which way is good): "8 of 5 %" for a churn rate
 * reads 160 % of its target, and the person reading the card knows that is bad. There is no share
 * when either number is missing, when the target is 0 or below, or when the current value is
 * below 0 (an NPS of −20 towards +30 is no share of it): the card shows the numbers alone then.
 */
export interface KpiProgress {
  /** current ÷ target: 1 at the target, above 1 past it. */
  share: number;
  /** The share as a whole percentage, for reading out. */
  percent: number;
  /** The meter's fill, 0 to 1: the share, no further than the target. */
  fill: number;
}

export function kpiProgress(kpi: Pick<Kpi, 'current' | 'target'> | null): KpiProgress | null {
  if (!kpi || kpi.current === null || kpi.target === null) return null;
  if (kpi.target <= 0 || kpi.current < 0) return null;
  const share = kpi.current / kpi.target;
  return { share, percent: Math.round(share * 100), fill: Math.min(1, share) };
}

/** A formatted KPI value with its unit: "12 days", "35%" (a per cent sign sits on the number). */
export function withUnit(formatted: string, unit: string): string {
  if (unit === '') return formatted;
  return unit === '%' ? `${formatted}%` : `${formatted} ${unit}`;
}
