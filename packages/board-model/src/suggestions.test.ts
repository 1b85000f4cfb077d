import { describe, expect, it } from 'vitest';
import { LIMITS } from './schema.ts';
import {
  extraStages,
  kpiSuggestions,
  overlookedTouchpoints,
  STAGE_KEYS,
  stageKeyName,
  stageKeyOf,
  type StageKey,
} from './suggestions.ts';
import { buildTemplate, type Locale } from './templates/index.ts';

const LOCALES: Locale[] = ['en', 'vi'];

describe('stageKeyOf', () => {
  it.each<[string, StageKey | null]>([
    ['Awareness', 'awareness'],
    ['awareness', 'awareness'],
    ['Nhận biết', 'awareness'],
    ['NHẬN BIẾT', 'awareness'],
    ['nhan biet', 'awareness'],
    ['Nhận biết'.normalize('NFD'), 'awareness'],
    ['  Awareness (weeks 1–4) ', 'awareness'],
    ['Cân nhắc', 'consideration'],
    ['Decision', 'purchase'],
    ['Purchase', 'purchase'],
    ['Quyết định', 'purchase'],
    ['Mua hàng', 'purchase'],
    ['Duy trì', 'retention'],
    ['Ủng hộ', 'advocacy'],
    ['Service & support', 'service'],
    ['Service and support', 'service'],
    ['Dịch vụ và hỗ trợ', 'service'],
    ['Customer service', 'service'],
    ['Upsell / cross-sell', 'upsell'],
    ['Bán thêm', 'upsell'],
    ['Onboarding', null],
    ['Value realisation', null],
    ['Unawareness', null],
    ['', null],
    ['   ', null],
  ])('reads %j as %j', (name, key) => {
    expect(stageKeyOf(name)).toBe(key);
  });

  it('knows the five default stages in both languages', () => {
    for (const locale of LOCALES) {
      expect(
        buildTemplate('blank', locale, 'x').board.stages.map((stage) => stageKeyOf(String(stage))),
      ).toEqual(['awareness', 'consideration', 'purchase', 'retention', 'advocacy']);
    }
  });
});

describe('overlooked touchpoints', () => {
  it.each(STAGE_KEYS)('offers three at %s, the same in both languages but for the words', (key) => {
    const [en, vi] = LOCALES.map((locale) => overlookedTouchpoints(key, locale));
    expect(en).toHaveLength(3);
    expect(vi!.map((item) => item.channel)).toEqual(en!.map((item) => item.channel));
    for (const item of [...en!, ...vi!]) {
      expect(item.text).toBe(item.text.normalize('NFC').trim());
      expect([...item.text].length).toBeGreaterThan(0);
      expect([...item.text].length).toBeLessThanOrEqual(LIMITS.cardText);
    }
  });

  it('names the ones the article names', () => {
    expect(overlookedTouchpoints('awareness', 'en').map((item) => item.text)).toEqual([
      'Online reviews and forums',
      'Word of mouth',
      'Untagged social mentions',
    ]);
    expect(overlookedTouchpoints('upsell', 'vi').map((item) => item.text)).toContain(
      'Gợi ý được cá nhân hóa',
    );
  });
});

describe('KPI suggestions', () => {
  it('offers leads and MQLs at awareness and CSAT, NPS and churn at advocacy', () => {
    expect(kpiSuggestions('awareness', 'en').map((kpi) => kpi.text)).toEqual(
      expect.arrayContaining(['Leads', 'MQLs']),
    );
    expect(kpiSuggestions('advocacy', 'en').map((kpi) => kpi.text)).toEqual(
      expect.arrayContaining(['CSAT', 'NPS', 'Cancellation / churn rate']),
    );
  });

  it.each(STAGE_KEYS)('has KPIs at %s in both languages, with units of at most 16 characters', (key) => {
    const [en, vi] = LOCALES.map((locale) => kpiSuggestions(key, locale));
    expect(en!.length).toBeGreaterThan(0);
    expect(vi).toHaveLength(en!.length);
    for (const kpi of [...en!, ...vi!]) {
      expect(kpi.text.length).toBeGreaterThan(0);
      expect([...kpi.unit].length).toBeLessThanOrEqual(16);
    }
    expect(vi!.map((kpi) => kpi.unit === '%')).toEqual(en!.map((kpi) => kpi.unit === '%'));
  });
});

describe('extra stages', () => {
  it('are the five stages teams add, valid stage names, in both languages', () => {
    expect(extraStages('en')).toEqual([
      'Onboarding',
      'Purchase',
      'Service & support',
      'Upsell',
      'Value realisation',
    ]);
    for (const locale of LOCALES) {
      const names = extraStages(locale);
      expect(names).toHaveLength(5);
      for (const name of names) expect([...name].length).toBeLessThanOrEqual(LIMITS.stageName);
      // Those the suggestions know read as their kind of stage, in either language.
      expect(names.map(stageKeyOf)).toEqual([null, 'purchase', 'service', 'upsell', null]);
    }
  });

  it('every kind of stage has a name to pick it by', () => {
    for (const key of STAGE_KEYS) {
      expect(stageKeyOf(stageKeyName(key, 'en'))).toBe(key);
      expect(stageKeyOf(stageKeyName(key, 'vi'))).toBe(key);
    }
  });
});
