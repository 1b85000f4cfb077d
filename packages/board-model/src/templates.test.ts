import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_DEPARTMENT_IDS, SHARED_DEPARTMENT } from './schema.ts';
import { initBoard, readBoard } from './structure.ts';
import { defaultBoard, type Locale } from './templates.ts';

describe('defaultBoard', () => {
  it('has the five default stages, four lanes and five departments in English', () => {
    expect(defaultBoard('en', 'Onboarding')).toEqual({
      title: 'Onboarding',
      stages: ['Awareness', 'Consideration', 'Decision', 'Retention', 'Advocacy'],
      lanes: [
        { name: 'Touchpoints', kind: 'touchpoints' },
        { name: 'Customer actions', kind: 'actions' },
        { name: 'Pain points', kind: 'painPoints' },
        { name: 'Opportunities', kind: 'opportunities' },
      ],
      departments: [
        { id: 'dept-sales', name: 'Sales' },
        { id: 'dept-marketing', name: 'Marketing' },
        { id: 'dept-support', name: 'Support' },
        { id: 'dept-hr', name: 'HR' },
        { id: 'dept-product', name: 'Product' },
      ],
    });
  });

  it('has the same stages, lanes and departments in Vietnamese, with the same department ids', () => {
    expect(defaultBoard('vi', 'Hành trình')).toEqual({
      title: 'Hành trình',
      stages: ['Nhận biết', 'Cân nhắc', 'Quyết định', 'Duy trì', 'Ủng hộ'],
      lanes: [
        { name: 'Điểm chạm', kind: 'touchpoints' },
        { name: 'Hành động của khách hàng', kind: 'actions' },
        { name: 'Điểm đau', kind: 'painPoints' },
        { name: 'Cơ hội', kind: 'opportunities' },
      ],
      departments: [
        { id: 'dept-sales', name: 'Kinh doanh' },
        { id: 'dept-marketing', name: 'Marketing' },
        { id: 'dept-support', name: 'Chăm sóc khách hàng' },
        { id: 'dept-hr', name: 'Nhân sự' },
        { id: 'dept-product', name: 'Sản phẩm' },
      ],
    });
  });

  it('spells Vietnamese names in precomposed form (NFC), as the operations store them', () => {
    const board = defaultBoard('vi', 'x');
    const names = [
      ...board.stages.map((stage) => (typeof stage === 'string' ? stage : stage.name)),
      ...board.lanes.map((lane) => lane.name),
      ...board.departments.map((department) => department.name),
    ];
    for (const name of names) {
      expect(name).toBe(name.normalize('NFC'));
    }
  });

  it('makes a board initBoard accepts, in either language', () => {
    for (const locale of ['en', 'vi'] as Locale[]) {
      const doc = new Y.Doc();
      initBoard(doc, defaultBoard(locale, 'Board'));
      expect(readBoard(doc).stages).toHaveLength(5);
      expect(readBoard(doc).lanes).toHaveLength(4);
      expect(readBoard(doc).departments.map((department) => department.id)).toEqual([
        ...DEFAULT_DEPARTMENT_IDS,
      ]);
      expect(readBoard(doc).lanes.every((lane) => lane.department === SHARED_DEPARTMENT)).toBe(true);
    }
  });

  it('falls back to English for a locale it does not know', () => {
    expect(defaultBoard('fr' as Locale, 'Tableau').stages[0]).toBe('Awareness');
  });

  it('returns a fresh copy each time', () => {
    const first = defaultBoard('en', 'A');
    first.stages.push('Mutated');
    first.lanes[0]!.name = 'Mutated';
    first.departments[0]!.name = 'Mutated';
    expect(defaultBoard('en', 'A').stages).toHaveLength(5);
    expect(defaultBoard('en', 'A').lanes[0]?.name).toBe('Touchpoints');
    expect(defaultBoard('en', 'A').departments[0]?.name).toBe('Sales');
  });
});
