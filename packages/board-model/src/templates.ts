import type { LaneKind } from './schema.ts';
import type { NewBoard } from './structure.ts';

/** The languages a board template comes in. */
export type Locale = 'en' | 'vi';

interface Template {
  stages: string[];
  lanes: { name: string; kind: LaneKind }[];
}

// Stage names are the five default stages of a journey map; lane names are what each row holds,
// in the words Vietnamese marketing and CX teams use (see DOMAIN.md).
const TEMPLATES: Record<Locale, Template> = {
  en: {
    stages: ['Awareness', 'Consideration', 'Decision', 'Retention', 'Advocacy'],
    lanes: [
      { name: 'Touchpoints', kind: 'touchpoints' },
      { name: 'Customer actions', kind: 'actions' },
      { name: 'Pain points', kind: 'painPoints' },
      { name: 'Opportunities', kind: 'opportunities' },
    ],
  },
  vi: {
    stages: ['Nhận biết', 'Cân nhắc', 'Quyết định', 'Duy trì', 'Ủng hộ'],
    lanes: [
      { name: 'Điểm chạm', kind: 'touchpoints' },
      { name: 'Hành động của khách hàng', kind: 'actions' },
      { name: 'Điểm đau', kind: 'painPoints' },
      { name: 'Cơ hội', kind: 'opportunities' },
    ],
  },
};

/**
 * A new board with the five default stages (Awareness → Advocacy) and four lanes (touchpoints,
 * customer actions, pain points, opportunities), named in `locale` (English for any other value).
 * The title is passed through as given; `initBoard` validates it.
 */
export function defaultBoard(locale: Locale, title: string): NewBoard {
  const template = TEMPLATES[locale] ?? TEMPLATES.en;
  return {
    title,
    stages: [...template.stages],
    lanes: template.lanes.map((lane) => ({ ...lane })),
  };
}
