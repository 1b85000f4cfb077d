import type * as Y from 'yjs';
import { setLaneDepartment } from '../departments.ts';
import type { CardId, DepartmentId, LaneId, StageId } from '../ids.ts';
import { addCard } from '../lane.ts';
import { DEFAULT_DEPARTMENT_IDS, SHARED_DEPARTMENT, type CardAuthor } from '../schema.ts';
import { initBoard, type NewBoard } from '../structure.ts';
import { inLocale } from '../suggestions.ts';
import { B2B_SAAS } from './b2b-saas.ts';
import { B2C_RETAIL } from './b2c-retail.ts';
import { BLANK } from './blank.ts';
import { DEPARTMENT_NAMES } from './common.ts';
import { CURRENT_JOURNEY } from './current.ts';
import { SERVICE_BLUEPRINT } from './service-blueprint.ts';
import type { Locale, TemplateCardFields, TemplateDeclaration } from './types.ts';

export { LOCALES, type Locale, type TemplateCardFields, type TemplateSeverity } from './types.ts';

/**
 * The templates a new board starts from, in the order the new-board form offers them: the current
 * journey (what a board was before templates, and the default), blank, the worked B2B SaaS map,
 * the dental-care retailer's B2C map, and a service blueprint.
 */
export const TEMPLATE_IDS = ['current', 'blank', 'b2bSaas', 'b2cRetail', 'serviceBlueprint'] as const;
/** One of `TEMPLATE_IDS`. */
export type TemplateId = (typeof TEMPLATE_IDS)[number];
/** The template a new board starts from when none is asked for. */
export const DEFAULT_TEMPLATE: TemplateId = 'current';

const DECLARATIONS: Record<TemplateId, TemplateDeclaration> = {
  current: CURRENT_JOURNEY,
  blank: BLANK,
  b2bSaas: B2B_SAAS,
  b2cRetail: B2C_RETAIL,
  serviceBlueprint: SERVICE_BLUEPRINT,
};

/** Whether `value` is one of `TEMPLATE_IDS`. */
export function isTemplateId(value: unknown): value is TemplateId {
  return (TEMPLATE_IDS as readonly unknown[]).includes(value);
}

/** A card a template writes: in the lane and stage at those indexes of the built board. */
export interface TemplateCard {
  laneIndex: number;
  stageIndex: number;
  text: string;
  fields: TemplateCardFields;
}

/** A template built in one language: what `initTemplateBoard` and `writeTemplateCards` write. */
export interface BuiltTemplate {
  /** What `initBoard` takes: title, stages, lanes (all shared) and the five default departments. */
  board: NewBoard;
  /** The department of each lane of `board.lanes` (a default department's id, or `shared`). */
  laneDepartments: DepartmentId[];
  /** The time frame of each stage of `board.stages`, or null for none. */
  timeFrames: (string | null)[];
  cards: TemplateCard[];
}

/**
 * Template `id` in `locale` (English for any other value), titled `title` (passed through as
 * given: `initBoard` validates it). Pure, and a fresh copy each time.
 */
export function buildTemplate(id: TemplateId, locale: Locale, title: string): BuiltTemplate {
  const template = DECLARATIONS[id];
  const laneIndex = new Map(template.lanes.map((lane, i) => [lane.key, i]));
  return {
    board: {
      title,
      stages: template.stages.map((stage) => inLocale(stage.name, locale)),
      lanes: template.lanes.map((lane) => ({ name: inLocale(lane.name, locale), kind: lane.kind })),
      departments: DEFAULT_DEPARTMENT_IDS.map((departmentId, i) => ({
        id: departmentId,
        name: inLocale(DEPARTMENT_NAMES[i]!, locale),
      })),
    },
    laneDepartments: template.lanes.map((lane) => lane.department),
    timeFrames: template.stages.map((stage) => (stage.timeFrame ? inLocale(stage.timeFrame, locale) : null)),
    cards: template.cards.map((card) => {
      const { kpi, departments, ...fields } = card.fields ?? {};
      return {
        laneIndex: laneIndex.get(card.lane) ?? -1,
        stageIndex: card.stage,
        text: inLocale(card.text, locale),
        fields: {
          ...fields,
          ...(kpi ? { kpi: { unit: inLocale(kpi.unit, locale) } } : {}),
          ...(departments ? { departments: [...departments] } : {}),
        },
      };
    }),
  };
}

/**
 * A new board with the five default stages (Awareness → Advocacy), four shared lanes (touchpoints,
 * customer actions, pain points, opportunities) and the five default departments (Sales,
 * Marketing, Support, HR, Product) with their fixed ids (`DEFAULT_DEPARTMENT_IDS`), named in
 * `locale`: the current-journey template's board, without cards.
 */
export function defaultBoard(locale: Locale, title: string): NewBoard {
  return buildTemplate('current', locale, title).board;
}

/** The ids `initTemplateBoard` gave the built template's stages, lanes and departments, in order. */
export interface TemplateBoardIds {
  stageIds: StageId[];
  laneIds: LaneId[];
  departmentIds: DepartmentId[];
}

/**
 * Writes a built template's board into an empty structure doc, in one transaction: `initBoard`,
 * then each lane's department. (Stage time frames are written with the schema that has them.)
 *
 * @throws what `initBoard` and `setLaneDepartment` throw; nothing is written then.
 */
export function initTemplateBoard(doc: Y.Doc, built: BuiltTemplate, origin?: unknown): TemplateBoardIds {
  // Checked before anything is written: a transaction cannot be taken back.
  const departmentIds = new Set(built.board.departments.map((department) => department.id));
  for (const department of built.laneDepartments) {
    if (department !== SHARED_DEPARTMENT && !departmentIds.has(department)) {
      throw new Error(`Lane department ${JSON.stringify(department)} is not a department of the template`);
    }
  }
  let ids: TemplateBoardIds | null = null;
  doc.transact(() => {
    ids = initBoard(doc, built.board);
    const { laneIds } = ids;
    built.laneDepartments.forEach((department, i) => {
      if (department !== SHARED_DEPARTMENT) setLaneDepartment(doc, laneIds[i] as string, department, origin);
    });
  }, origin);
  return ids as unknown as TemplateBoardIds;
}

/**
 * Writes a built template's cards into the lane docs of the board `initTemplateBoard` made
 * (`laneDoc` gives the doc of a lane id), under `author`: the person creating the board, as the
 * board access describes them (`cardAuthorOf`). One transaction per lane doc. Returns the cards
 * written, by lane.
 */
export function writeTemplateCards(
  built: BuiltTemplate,
  ids: TemplateBoardIds,
  laneDoc: (laneId: LaneId) => Y.Doc,
  author: CardAuthor,
  origin?: unknown,
): { laneId: LaneId; cardId: CardId }[] {
  const written: { laneId: LaneId; cardId: CardId }[] = [];
  ids.laneIds.forEach((laneId, laneIndex) => {
    const cards = built.cards.filter((card) => card.laneIndex === laneIndex);
    if (cards.length === 0) return;
    const doc = laneDoc(laneId);
    doc.transact(() => {
      for (const card of cards) {
        const stageId = ids.stageIds[card.stageIndex] as StageId;
        const { colour } = card.fields;
        const cardId = addCard(
          doc,
          { stageId, text: card.text, author, ...(colour ? { colour } : {}) },
          undefined,
          origin,
        );
        written.push({ laneId, cardId });
      }
    }, origin);
  });
  return written;
}
