import { NO_CARD_FIELDS, type Card } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import {
  channelChoice,
  channelOf,
  detailChanges,
  detailFields,
  kpiDraft,
  readKpiDraft,
  sameKpi,
} from './card-details.ts';

function card(fields: Partial<Card> = {}): Card {
  return {
    id: 'card',
    stageId: 'stage',
    text: 'Reads a review',
    colour: 'yellow',
    order: 'a',
    createdAt: 0,
    author: null,
    ...NO_CARD_FIELDS,
    ...fields,
  };
}

describe('the fields a card’s details offer', () => {
  it('follow its lane’s kind', () => {
    expect(detailFields('touchpoints', card())).toEqual(['channel']);
    expect(detailFields('channels', card())).toEqual(['channel']);
    expect(detailFields('painPoints', card())).toEqual(['severity']);
    expect(detailFields('kpis', card())).toEqual(['kpi']);
    expect(detailFields('departments', card())).toEqual(['departments']);
    expect(detailFields('notes', card())).toEqual([]);
    expect(detailFields('frontstage', card())).toEqual([]);
  });

  it('include what a card moved from a lane of another kind still has', () => {
    const moved = card({ severity: 'high', kpi: { current: 1, target: 2, unit: '', trend: null } });
    expect(detailFields('touchpoints', moved)).toEqual(['channel', 'severity', 'kpi']);
    expect(detailFields('notes', card({ departments: ['dept-sales'] }))).toEqual(['departments']);
  });
});

describe('the channel picker', () => {
  it('shows a listed channel as chosen, and another one by its name', () => {
    expect(channelChoice(null)).toEqual({ choice: '', custom: '' });
    expect(channelChoice('liveChat')).toEqual({ choice: 'liveChat', custom: '' });
    expect(channelChoice('Zalo OA')).toEqual({ choice: 'other', custom: 'Zalo OA' });
  });

  it('names the channel chosen, none for another one left unnamed', () => {
    expect(channelOf({ choice: 'store', custom: 'ignored' })).toBe('store');
    expect(channelOf({ choice: 'other', custom: 'Zalo OA' })).toBe('Zalo OA');
    expect(channelOf({ choice: 'other', custom: '  ' })).toBeNull();
    expect(channelOf({ choice: '', custom: 'Zalo OA' })).toBeNull();
  });
});

describe('the KPI editor', () => {
  it('shows the numbers in the reader’s way, and reads them back', () => {
    const kpi = { current: 1234.5, target: 2000, unit: 'VND', trend: 'up' as const };
    const draft = kpiDraft(kpi, 'vi');
    expect(draft).toEqual({ current: '1234,5', target: '2000', unit: 'VND', trend: 'up' });
    expect(readKpiDraft(draft, 'vi')).toEqual({ kpi });
  });

  it('says which fields hold no number a KPI can have', () => {
    expect(readKpiDraft({ current: '12a', target: '1.5', unit: '', trend: null }, 'vi')).toEqual({
      problems: { current: 'notANumber', target: 'notANumber' },
    });
    expect(readKpiDraft({ current: '3', target: 'ten', unit: '', trend: null }, 'en')).toEqual({
      problems: { target: 'notANumber' },
    });
    expect(readKpiDraft({ current: '2000000000000', target: '', unit: '', trend: null }, 'en')).toEqual({
      problems: { current: 'tooLarge' },
    });
  });

  it('keeps no KPI when every field is empty, and a KPI with a field or two', () => {
    expect(readKpiDraft({ current: '', target: ' ', unit: '  ', trend: null }, 'en')).toEqual({ kpi: null });
    expect(readKpiDraft({ current: '', target: '', unit: '', trend: 'down' }, 'en')).toEqual({
      kpi: { current: null, target: null, unit: '', trend: 'down' },
    });
  });

  it('compares KPIs by what they say', () => {
    const kpi = { current: 1, target: 2, unit: '%', trend: null };
    expect(sameKpi(kpi, { ...kpi })).toBe(true);
    expect(sameKpi(kpi, { ...kpi, unit: '' })).toBe(false);
    expect(sameKpi(null, null)).toBe(true);
    expect(sameKpi(kpi, null)).toBe(false);
  });
});

describe('what saving the details changes', () => {
  const nothing = { channel: null, severity: null, kpi: null, departments: [] };

  it('is only what differs, among the fields offered', () => {
    const before = card({ channel: 'email', severity: 'low' });
    expect(
      detailChanges(before, ['channel'], { ...nothing, channel: 'email', severity: 'high' }, []),
    ).toEqual({});
    expect(
      detailChanges(before, ['channel', 'severity'], { ...nothing, channel: null, severity: 'low' }, []),
    ).toEqual({ channel: null });
  });

  it('compares departments in any order, as the board knows them', () => {
    const before = card({ departments: ['dept-sales', 'dept-gone', 'dept-support'] });
    const board = ['dept-sales', 'dept-support', 'dept-hr'];
    expect(
      detailChanges(
        before,
        ['departments'],
        { ...nothing, departments: ['dept-support', 'dept-sales'] },
        board,
      ),
    ).toEqual({});
    expect(detailChanges(before, ['departments'], { ...nothing, departments: ['dept-hr'] }, board)).toEqual({
      departments: ['dept-hr'],
    });
  });

  it('writes a KPI only when it says something else', () => {
    const kpi = { current: 10, target: 20, unit: '', trend: 'flat' as const };
    expect(detailChanges(card({ kpi }), ['kpi'], { ...nothing, kpi: { ...kpi } }, [])).toEqual({});
    expect(detailChanges(card({ kpi }), ['kpi'], { ...nothing, kpi: null }, [])).toEqual({ kpi: null });
  });
});
