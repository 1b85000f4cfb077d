import { LANE_KINDS, TEMPLATE_IDS } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { LANE_KIND_MARKS, templatePreview } from './template-preview.ts';

describe('templatePreview', () => {
  it('draws a blank board as five stages and no row', () => {
    expect(templatePreview('blank', 'en')).toEqual({ stages: 5, rows: [], cards: 0 });
  });

  it('draws the current journey as its four empty shared lanes', () => {
    expect(templatePreview('current', 'vi').rows).toEqual([
      { kind: 'touchpoints', owned: false, cards: [0, 0, 0, 0, 0] },
      { kind: 'actions', owned: false, cards: [0, 0, 0, 0, 0] },
      { kind: 'painPoints', owned: false, cards: [0, 0, 0, 0, 0] },
      { kind: 'opportunities', owned: false, cards: [0, 0, 0, 0, 0] },
    ]);
  });

  it("counts the B2B map's cards per cell and marks the departments' lanes as owned", () => {
    const preview = templatePreview('b2bSaas', 'en');
    expect(preview.stages).toBe(5);
    expect(preview.rows.filter((row) => row.owned).map((row) => row.kind)).toEqual([
      'opportunities',
      'opportunities',
      'opportunities',
      'opportunities',
    ]);
    const metrics = preview.rows.find((row) => row.kind === 'kpis');
    expect(metrics?.cards).toEqual([4, 3, 3, 2, 4]);
    expect(preview.rows.reduce((sum, row) => sum + row.cards.reduce((a, b) => a + b, 0), 0)).toBe(
      preview.cards,
    );
  });

  it('is the same in both languages', () => {
    for (const id of TEMPLATE_IDS) expect(templatePreview(id, 'vi')).toEqual(templatePreview(id, 'en'));
  });

  it('gives every kind of lane a sign of its own, so that colour is not the only difference', () => {
    const signs = LANE_KINDS.map((kind) => LANE_KIND_MARKS[kind].sign);
    expect(new Set(signs).size).toBe(LANE_KINDS.length);
    const colours = LANE_KINDS.map((kind) => LANE_KIND_MARKS[kind].colour);
    expect(new Set(colours).size).toBe(LANE_KINDS.length);
  });
});
