import { SHARED_DEPARTMENT } from '../schema.ts';
import { FIVE_STAGES } from './common.ts';
import { words, type TemplateDeclaration } from './types.ts';

/**
 * Current journey: the board every new board was before there were templates, for mapping how
 * customers go through the journey today. The five default stages and four shared lanes
 * (touchpoints, customer actions, pain points, opportunities), empty.
 */
export const CURRENT_JOURNEY: TemplateDeclaration = {
  stages: FIVE_STAGES,
  lanes: [
    {
      key: 'touchpoints',
      name: words('Touchpoints', 'Điểm chạm'),
      kind: 'touchpoints',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'actions',
      name: words('Customer actions', 'Hành động của khách hàng'),
      kind: 'actions',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'painPoints',
      name: words('Pain points', 'Điểm đau'),
      kind: 'painPoints',
      department: SHARED_DEPARTMENT,
    },
    {
      key: 'opportunities',
      name: words('Opportunities', 'Cơ hội'),
      kind: 'opportunities',
      department: SHARED_DEPARTMENT,
    },
  ],
  cards: [],
};
