import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, readBoard } from './structure.ts';
import { defaultBoard, type Locale } from './templates.ts';

describe('defaultBoard', () => {
  it('has the five default stages and four lanes in English', () => {
    expect(defaultBoard('en', 'Onboarding')).toEqual({
      title: 'Onboarding',
      stages: ['Awareness', 'Consideration', 'Decision', 'Retention', 'Advocacy'],
      lanes: [
        { name: 'Touchpoints', kind: 'touchpoints' },
        { name: 'Customer actions', kind: 'actions' },
        { name: 'Pain points', kind: 'painPoints' },
        { name: 'Opportunities', kind: 'opportunities' },
      ],
    });
  });

  it('has the same stages and lanes in Vietnamese', () => {
    expect(defaultBoard('vi', 'Hành trình')).toEqual({
      title: 'Hành trình',
      stages: ['Nhận biết', 'Cân nhắc', 'Quyết định', 'Duy trì', 'Ủng hộ'],
      lanes: [
        { name: 'Điểm chạm', kind: 'touchpoints' },
        { name: 'Hành động của khách hàng', kind: 'actions' },
        { name: 'Điểm đau', kind: 'painPoints' },
        { name: 'Cơ hội', kind: 'opportunities' },
      ],
    });
  });

  it('spells Vietnamese names in precomposed form (NFC), as the operations store them', () => {
    const board = defaultBoard('vi', 'x');
    for (const name of [...board.stages, ...board.lanes.map((lane) => lane.name)]) {
      expect(name).toBe(name.normalize('NFC'));
    }
  });

  it('makes a board initBoard accepts, in either language', () => {
    for (const locale of ['en', 'vi'] as Locale[]) {
      const doc = new Y.Doc();
      initBoard(doc, defaultBoard(locale, 'Board'));
      expect(readBoard(doc).stages).toHaveLength(5);
      expect(readBoard(doc).lanes).toHaveLength(4);
    }
  });

  it('falls back to English for a locale it does not know', () => {
    expect(defaultBoard('fr' as Locale, 'Tableau').stages[0]).toBe('Awareness');
  });

  it('returns a fresh copy each time', () => {
    const first = defaultBoard('en', 'A');
    first.stages.push('Mutated');
    first.lanes[0]!.name = 'Mutated';
    expect(defaultBoard('en', 'A').stages).toHaveLength(5);
    expect(defaultBoard('en', 'A').lanes[0]?.name).toBe('Touchpoints');
  });
});
