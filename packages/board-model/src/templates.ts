import { DEFAULT_DEPARTMENT_IDS, type LaneKind } from './schema.ts';
import type { NewBoard } from './structure.ts';

/** The languages a board template comes in. */
export type Locale = 'en' | 'vi';

interface Template {
  stages: string[];
  lanes: { name: string; kind: LaneKind }[];
  /** Names of the default departments, in the order of `DEFAULT_DEPARTMENT_IDS`. */
  departments: readonly [string, string, string, string, string];
}

// Stage names are the five default stages of a journey map; lane names are what each row holds,
// in the words Vietnamese marketing and CX teams use (see DOMAIN.md); departments are the teams a
// workshop brings together (sales, marketing, support, HR, product).
const TEMPLATES: Record<Locale, Template> = {
  en: {
    stages: ['Awareness', 'Consideration', 'Decision', 'Retention', 'Advocacy'],
    lanes: [
      { name: 'Touchpoints', kind: 'touchpoints' },
      { name: 'Customer actions', kind: 'actions' },
      { name: 'Pain points', kind: 'painPoints' },
      { name: 'Opportunities', kind: 'opportunities' },
    ],
    departments: ['Sales', 'Marketing', 'Support', 'HR', 'Product'],
  },
  vi: {
    stages: ['Nhận biết', 'Cân nhắc', 'Quyết định', 'Duy trì', 'Ủng hộ'],
    lanes: [
      { name: 'Điểm chạm', kind: 'touchpoints' },
      { name: 'Hành động của khách hàng', kind: 'actions' },
      { name: 'Điểm đau', kind: 'painPoints' },
      { name: 'Cơ hội', kind: 'opportunities' },
    ],
    departments: ['Kinh doanh', 'Marketing', 'Chăm sóc khách hàng', 'Nhân sự', 'Sản phẩm'],
  },
};

/**
 * A new board with the five default stages (Awareness → Advocacy), four shared lanes (touchpoints,
 * customer actions, pain points, opportunities) and the five default departments (Sales,
 * Marketing, Support, HR, Product) with their fixed ids (`DEFAULT_DEPARTMENT_IDS`), named in
 * `locale` (English for any other value). The title is passed through as given; `initBoard`
 * validates it.
 */
export function defaultBoard(locale: Locale, title: string): NewBoard {
  const template = TEMPLATES[locale] ?? TEMPLATES.en;
  return {
    title,
    stages: [...template.stages],
    lanes: template.lanes.map((lane) => ({ ...lane })),
    departments: DEFAULT_DEPARTMENT_IDS.map((id, i) => ({ id, name: template.departments[i] as string })),
  };
}
