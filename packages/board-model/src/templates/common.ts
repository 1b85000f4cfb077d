import { DEFAULT_DEPARTMENT_IDS } from '../schema.ts';
import { words, type Words } from './types.ts';

// What every template shares: the five default stages of a journey map and the five default
// departments, in the words Vietnamese marketing and CX teams use (see DOMAIN.md).

/** The five default stages, Awareness → Advocacy. */
export const FIVE_STAGES: readonly { name: Words }[] = [
  { name: words('Awareness', 'Nhận biết') },
  { name: words('Consideration', 'Cân nhắc') },
  { name: words('Decision', 'Quyết định') },
  { name: words('Retention', 'Duy trì') },
  { name: words('Advocacy', 'Ủng hộ') },
];

/**
 * The names of the default departments, in the order of `DEFAULT_DEPARTMENT_IDS`: the teams a
 * workshop brings together. Every template has all five, with their fixed ids, so that a board
 * made from any template can be shared by department the same way.
 */
export const DEPARTMENT_NAMES: readonly Words[] = [
  words('Sales', 'Kinh doanh'),
  words('Marketing', 'Marketing'),
  words('Support', 'Chăm sóc khách hàng'),
  words('HR', 'Nhân sự'),
  words('Product', 'Sản phẩm'),
];

/** The default departments' fixed ids, by name, for the templates' lane owners and cards. */
export const [SALES, MARKETING, SUPPORT, HR, PRODUCT] = DEFAULT_DEPARTMENT_IDS;
