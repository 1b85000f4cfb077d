import { describe, expect, it } from 'vitest';
import { editableKpiNumber, formatKpiNumber, kpiProgress, parseKpiNumber, withUnit } from './kpi-format.ts';

describe('a KPI value as a card shows it', () => {
  it('is grouped and has at most two decimals, in the reader’s language', () => {
    expect(formatKpiNumber(1234567.891, 'en')).toBe('1,234,567.89');
    expect(formatKpiNumber(1234567.891, 'vi')).toBe('1.234.567,89');
    expect(formatKpiNumber(-0.5, 'vi')).toBe('-0,5');
    expect(formatKpiNumber(42, 'en')).toBe('42');
  });

  it('is shown in the editor with every digit and no grouping', () => {
    expect(editableKpiNumber(1234.5678, 'en')).toBe('1234.5678');
    expect(editableKpiNumber(1234.5678, 'vi')).toBe('1234,5678');
    expect(editableKpiNumber(null, 'vi')).toBe('');
  });
});

describe('a KPI value as a person types it', () => {
  it('reads what the card and the editor show, in both languages', () => {
    for (const locale of ['en', 'vi']) {
      for (const value of [0, 7, -3.25, 1234567.89, 0.05, 1e12]) {
        expect(parseKpiNumber(formatKpiNumber(value, locale), locale)).toEqual({ value });
        expect(parseKpiNumber(editableKpiNumber(value, locale), locale)).toEqual({ value });
      }
    }
  });

  it('reads the Vietnamese decimal comma and group dot', () => {
    expect(parseKpiNumber('3,5', 'vi')).toEqual({ value: 3.5 });
    expect(parseKpiNumber('12.000', 'vi')).toEqual({ value: 12000 });
    expect(parseKpiNumber('1.234.567,8', 'vi')).toEqual({ value: 1234567.8 });
  });

  it('refuses a group mark where it cannot group, rather than guess', () => {
    // In Vietnamese "." groups thousands: "1.5" is no number, not fifteen.
    expect(parseKpiNumber('1.5', 'vi')).toEqual({ error: 'notANumber' });
    expect(parseKpiNumber('1,5', 'en')).toEqual({ error: 'notANumber' });
    expect(parseKpiNumber('12,34,567', 'en')).toEqual({ error: 'notANumber' });
  });

  it('takes signs, spaces and a bare decimal part', () => {
    expect(parseKpiNumber('  +42 ', 'en')).toEqual({ value: 42 });
    expect(parseKpiNumber('\u22124,5', 'vi')).toEqual({ value: -4.5 });
    expect(parseKpiNumber('.5', 'en')).toEqual({ value: 0.5 });
    expect(parseKpiNumber('1 000', 'en')).toEqual({ value: 1000 });
    expect(parseKpiNumber('-0', 'en')).toEqual({ value: 0 });
    expect(Object.is((parseKpiNumber('-0', 'en') as { value: number }).value, 0)).toBe(true);
  });

  it('refuses a number larger than a KPI may hold', () => {
    expect(parseKpiNumber('1000000000001', 'en')).toEqual({ error: 'tooLarge' });
    expect(parseKpiNumber('-2.000.000.000.000', 'vi')).toEqual({ error: 'tooLarge' });
    expect(parseKpiNumber('9'.repeat(400), 'en')).toEqual({ error: 'notANumber' });
  });

  it('reads an empty field as no value', () => {
    expect(parseKpiNumber('', 'en')).toEqual({ value: null });
    expect(parseKpiNumber('   ', 'vi')).toEqual({ value: null });
  });

  it('refuses what is not a number', () => {
    for (const text of [
      'abc',
      '12a',
      '1.2.3',
      '--1',
      '+',
      '-',
      '1e5',
      '5%',
      '1,2,3',
      'Infinity',
      'NaN',
      '.',
    ]) {
      expect(parseKpiNumber(text, 'en'), text).toEqual({ error: 'notANumber' });
    }
    expect(parseKpiNumber('3,5,1', 'vi')).toEqual({ error: 'notANumber' });
  });
});

describe('how far a KPI is towards its target', () => {
  it('is the current value as a share of the target', () => {
    expect(kpiProgress({ current: 30, target: 120 })).toEqual({ share: 0.25, percent: 25, fill: 0.25 });
    expect(kpiProgress({ current: 120, target: 120 })).toEqual({ share: 1, percent: 100, fill: 1 });
  });

  it('goes past the target in its share, not in its fill', () => {
    // A churn rate of 8 % towards 5 % is 160 % of its target: the meter is full, the text says 160 %.
    expect(kpiProgress({ current: 8, target: 5 })).toEqual({ share: 1.6, percent: 160, fill: 1 });
  });

  it('is not shown without both numbers, for a target of 0 or below, or below 0', () => {
    expect(kpiProgress(null)).toBeNull();
    expect(kpiProgress({ current: null, target: 100 })).toBeNull();
    expect(kpiProgress({ current: 50, target: null })).toBeNull();
    expect(kpiProgress({ current: 3, target: 0 })).toBeNull();
    expect(kpiProgress({ current: -20, target: 30 })).toBeNull();
    expect(kpiProgress({ current: 5, target: -10 })).toBeNull();
  });

  it('starts at nothing for a current value of 0', () => {
    expect(kpiProgress({ current: 0, target: 40 })).toEqual({ share: 0, percent: 0, fill: 0 });
  });
});

describe('a KPI value with its unit', () => {
  it('puts the unit after the number, a per cent sign right on it', () => {
    expect(withUnit('12', 'days')).toBe('12 days');
    expect(withUnit('3,5', '%')).toBe('3,5%');
    expect(withUnit('1.200.000', 'VND')).toBe('1.200.000 VND');
    expect(withUnit('7', '')).toBe('7');
  });
});
