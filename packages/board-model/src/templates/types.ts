import type { Channel, Severity } from '../card-fields.ts';
import type { DepartmentId } from '../ids.ts';
import type { CardColour, LaneKind } from '../schema.ts';

/** The languages a board template comes in. */
export type Locale = 'en' | 'vi';

/**
 * A text in every locale. Templates and suggestions are declared once with both languages side by
 * side, so that the English and the Vietnamese board cannot drift apart in shape.
 */
export type Words = Readonly<Record<Locale, string>>;

/** `en` and `vi` as one `Words`. */
export function words(en: string, vi: string): Words {
  return { en, vi };
}

/**
 * The typed fields a template card carries besides its text, each written by its own operation
 * after the card is added (see `writeTemplateCards`). A card with a `score` is an emotion point.
 */
export interface TemplateCardFields {
  colour?: CardColour;
  /** A touchpoint's channel. */
  channel?: Channel;
  /** A pain point's severity. */
  severity?: Severity;
  /** An emotion point's score, a whole number from −3 to +3; its text is the point's label. */
  score?: number;
  /** A KPI card (its text is the KPI's name), with the unit its numbers are in ('' for counts). */
  kpi?: { unit: string };
  /** The departments responsible, among `DEFAULT_DEPARTMENT_IDS`. */
  departments?: readonly DepartmentId[];
  /** A moment of truth. */
  moment?: boolean;
}

/** A lane of a template, as declared: `key` names it for the template's cards. */
export interface TemplateLaneDeclaration {
  key: string;
  name: Words;
  kind: LaneKind;
  /** A default department's id (the lane's owner), or `SHARED_DEPARTMENT`. */
  department: DepartmentId;
}

/** A template card's fields as declared: a KPI's unit in both languages (a wait time's minutes). */
export type DeclaredCardFields = Omit<TemplateCardFields, 'kpi'> & { kpi?: { unit: Words } };

/** A card of a template, as declared: in the lane `lane` (a lane key) at the stage `stage` (an index). */
export interface TemplateCardDeclaration {
  lane: string;
  stage: number;
  text: Words;
  fields?: DeclaredCardFields;
}

/** A template, as declared in its own file, in both languages at once. */
export interface TemplateDeclaration {
  stages: readonly { name: Words; timeFrame?: Words }[];
  lanes: readonly TemplateLaneDeclaration[];
  cards: readonly TemplateCardDeclaration[];
}
