import { FIVE_STAGES } from './common.ts';
import type { TemplateDeclaration } from './types.ts';

/** Blank: the five default stages and no lane, for a team that builds its rows itself. */
export const BLANK: TemplateDeclaration = {
  stages: FIVE_STAGES,
  lanes: [],
  cards: [],
};
