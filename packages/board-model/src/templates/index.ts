import type * as Y from 'yjs';
import {
  addEmotionPoint,
  setCardChannel,
  setCardDepartments,
  setCardKpi,
  setCardSeverity,
  setMomentOfTruth,
} from '../card-field-ops.ts';
import type { CardId, LaneId, StageId } from '../ids.ts';
import { addCard, setCardColour } from '../lane.ts';
import { DEFAULT_DEPARTMENT_IDS, SHARED_DEPARTMENT, type CardAuthor } from '../schema.ts';
import type { NewBoard } from '../structure.ts';
import { inLocale } from '../suggestions.ts';
import { B2B_SAAS } from './b2b-saas.ts';
import { B2C_RETAIL } from './b2c-retail.ts';
import { BLANK } from './blank.ts';
import { DEPARTMENT_NAMES } from './common.ts';
import { CURRENT_JOURNEY } from './current.ts';
import { SERVICE_BLUEPRINT } from './service-blueprint.ts';
import type { Locale, TemplateCardFields, TemplateDeclaration } from './types.ts';

export type { Locale, TemplateCardFields } from './types.ts';

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

/** A template built in one language: the board `initBoard` writes, and the cards `writeTemplateCards` writes. */
export interface BuiltTemplate {
  /**
   * Title, stages (with their time frames), lanes (with their owners) and the five default
   * departments, with their fixed ids.
   */
  board: NewBoard;
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
      stages: template.stages.map((stage) =>
        stage.timeFrame
          ? { name: inLocale(stage.name, locale), timeFrame: inLocale(stage.timeFrame, locale) }
          : inLocale(stage.name, locale),
      ),
      lanes: template.lanes.map((lane) => ({
        name: inLocale(lane.name, locale),
        kind: lane.kind,
        ...(lane.department === SHARED_DEPARTMENT ? {} : { department: lane.department }),
      })),
      departments: DEFAULT_DEPARTMENT_IDS.map((departmentId, i) => ({
        id: departmentId,
        name: inLocale(DEPARTMENT_NAMES[i]!, locale),
      })),
    },
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

/**
 * Writes a built template's cards into the lane docs of the board `initBoard` made of it (`ids` is
 * what `initBoard` returned; `laneDoc` gives the doc of a lane id), under `author`: the person
 * creating the board, as the board access describes them (`cardAuthorOf`). Each card is added, or
 * for a card with a score added as an emotion point (on the board's own line), and its typed
 * fields are set by their operations; one transaction per lane doc. Returns the cards written.
 *
 * @throws what the operations throw (a template that breaks a limit: the templates' tests build
 * every one in both languages).
 */
export function writeTemplateCards(
  built: BuiltTemplate,
  ids: { stageIds: readonly StageId[]; laneIds: readonly LaneId[] },
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
        written.push({
          laneId,
          cardId: writeCard(doc, ids.stageIds[card.stageIndex] as StageId, card, author),
        });
      }
    }, origin);
  });
  return written;
}

function writeCard(doc: Y.Doc, stageId: StageId, card: TemplateCard, author: CardAuthor): CardId {
  const { colour, channel, severity, score, kpi, departments, moment } = card.fields;
  const cardId =
    score === undefined
      ? addCard(doc, { stageId, text: card.text, author, ...(colour ? { colour } : {}) })
      : addEmotionPoint(doc, { stageId, score, persona: null, text: card.text, author });
  if (colour && score !== undefined) setCardColour(doc, cardId, colour);
  if (channel !== undefined) setCardChannel(doc, cardId, channel);
  if (severity !== undefined) setCardSeverity(doc, cardId, severity);
  if (kpi !== undefined) setCardKpi(doc, cardId, { unit: kpi.unit });
  if (departments !== undefined) setCardDepartments(doc, cardId, departments);
  if (moment) setMomentOfTruth(doc, cardId, true);
  return cardId;
}
