import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentGuard, type DocumentWriter } from '../kinds/document-guard.ts';
import { laneKind } from '../kinds/lane-kind.ts';
import { structureKind } from '../kinds/structure-kind.ts';
import { readCards } from '../lane.ts';
import {
  DEFAULT_DEPARTMENT_IDS,
  LIMITS,
  SHARED_DEPARTMENT,
  type CardAuthor,
  type LaneKind,
} from '../schema.ts';
import { initBoard, readBoard } from '../structure.ts';
import {
  buildTemplate,
  defaultBoard,
  isTemplateId,
  TEMPLATE_IDS,
  writeTemplateCards,
  type BuiltTemplate,
  type Locale,
  type TemplateId,
} from './index.ts';

const LOCALES: Locale[] = ['en', 'vi'];
const OWNER: CardAuthor = { id: 'owner-1', name: 'Linh', departmentId: null, guest: false };
const WRITER: DocumentWriter = {
  userId: OWNER.id,
  displayName: OWNER.name,
  role: 'owner',
  departmentId: null,
  guest: false,
};

/** The names of a built template's stages. */
const stageNames = (built: BuiltTemplate) =>
  built.board.stages.map((stage) => (typeof stage === 'string' ? stage : stage.name));
/** The time frame of each stage of a built template, null for none. */
const timeFrames = (built: BuiltTemplate) =>
  built.board.stages.map((stage) => (typeof stage === 'string' ? null : (stage.timeFrame ?? null)));
/** The department owning each lane of a built template. */
const owners = (built: BuiltTemplate) =>
  built.board.lanes.map((lane) => lane.department ?? SHARED_DEPARTMENT);

/** A template made into a structure doc and its lane docs, as the server makes a new board. */
function made(id: TemplateId, locale: Locale) {
  const built = buildTemplate(id, locale, 'Board');
  const structure = new Y.Doc();
  const ids = initBoard(structure, built.board);
  const lanes = new Map<string, Y.Doc>();
  const written = writeTemplateCards(
    built,
    ids,
    (laneId) => {
      const doc = lanes.get(laneId) ?? new Y.Doc();
      lanes.set(laneId, doc);
      return doc;
    },
    OWNER,
  );
  return { built, structure, ids, lanes, written, board: readBoard(structure) };
}

/** The kinds of the lanes holding a card at each stage of a built template. */
function kindsByStage(built: BuiltTemplate): Set<LaneKind>[] {
  const kinds = built.board.stages.map(() => new Set<LaneKind>());
  for (const card of built.cards) kinds[card.stageIndex]!.add(built.board.lanes[card.laneIndex]!.kind);
  return kinds;
}

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

  it('makes a board initBoard accepts, in either language', () => {
    for (const locale of LOCALES) {
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

describe.each(TEMPLATE_IDS.flatMap((id) => LOCALES.map((locale) => [id, locale] as const)))(
  'template %s in %s',
  (id, locale) => {
    it('makes a board with its lanes owned as declared and every card in its lane and stage', () => {
      const { built, board, lanes, written } = made(id, locale);
      expect(board.title).toBe('Board');
      expect(board.stages.map((stage) => [stage.name, stage.timeFrame])).toEqual(
        stageNames(built).map((name, i) => [name, timeFrames(built)[i]]),
      );
      expect(board.lanes.map((lane) => [lane.name, lane.kind, lane.department])).toEqual(
        built.board.lanes.map((lane, i) => [lane.name, lane.kind, owners(built)[i]]),
      );
      expect(board.departments.map((department) => department.id)).toEqual([...DEFAULT_DEPARTMENT_IDS]);
      expect(written).toHaveLength(built.cards.length);
      for (const card of built.cards) {
        const lane = board.lanes[card.laneIndex]!;
        const stage = board.stages[card.stageIndex]!;
        const found = readCards(lanes.get(lane.id)!).filter(
          (stored) => stored.stageId === stage.id && stored.text === card.text,
        );
        expect(found, `${card.text} in ${lane.name} × ${stage.name}`).toHaveLength(1);
        const stored = found[0]!;
        expect(stored.author).toEqual(OWNER);
        // Each typed field as declared, the others at their defaults.
        const { fields } = card;
        expect({
          channel: stored.channel,
          severity: stored.severity,
          score: stored.score,
          persona: stored.persona,
          moment: stored.moment,
          departments: stored.departments,
          unit: stored.kpi?.unit ?? '',
          invalid: stored.invalid,
        }).toEqual({
          channel: fields.channel ?? null,
          severity: fields.severity ?? null,
          score: fields.score ?? null,
          persona: null,
          moment: fields.moment ?? false,
          departments: fields.departments ?? [],
          unit: fields.kpi?.unit ?? '',
          invalid: [],
        });
      }
    });

    it('writes documents the server accepts from the person creating the board', () => {
      const { structure, lanes } = made(id, locale);
      const check = (doc: Y.Doc, rules: typeof laneKind.content) =>
        DocumentGuard.checkOnce(new Y.Doc(), rules, Y.encodeStateAsUpdate(doc), WRITER);
      expect(check(structure, structureKind.content)).toBeNull();
      for (const doc of lanes.values()) expect(check(doc, laneKind.content)).toBeNull();
    });

    it('stays within the limits and writes text as the operations store it (trimmed, NFC)', () => {
      const { built } = made(id, locale);
      expect(built.board.stages.length).toBeGreaterThan(0);
      expect(built.board.stages.length).toBeLessThanOrEqual(LIMITS.stages);
      expect(built.board.lanes.length).toBeLessThanOrEqual(LIMITS.lanes);
      const texts = [
        ...stageNames(built).map((name) => [name, LIMITS.stageName] as const),
        ...timeFrames(built).flatMap((timeFrame) =>
          timeFrame === null ? [] : [[timeFrame, LIMITS.timeFrame] as const],
        ),
        ...built.board.lanes.map((lane) => [lane.name, LIMITS.laneName] as const),
        ...built.board.departments.map((department) => [department.name, LIMITS.departmentName] as const),
        ...built.cards.map((card) => [card.text, LIMITS.cardText] as const),
      ];
      for (const [text, limit] of texts) {
        expect(text).toBe(text.normalize('NFC').trim());
        expect([...text].length).toBeGreaterThan(0);
        expect([...text].length).toBeLessThanOrEqual(limit);
      }
      for (const card of built.cards) {
        expect(card.laneIndex).toBeGreaterThanOrEqual(0);
        expect(card.laneIndex).toBeLessThan(built.board.lanes.length);
        expect(card.stageIndex).toBeGreaterThanOrEqual(0);
        expect(card.stageIndex).toBeLessThan(built.board.stages.length);
      }
    });
  },
);

describe('the templates', () => {
  it('have the same shape in English and Vietnamese: stages, lanes, owners and cards', () => {
    const shape = (built: BuiltTemplate) => ({
      stages: built.board.stages.length,
      timeFrames: timeFrames(built).map((timeFrame) => timeFrame !== null),
      lanes: built.board.lanes.map((lane) => lane.kind),
      owners: owners(built),
      departments: built.board.departments.map((department) => department.id),
      cards: built.cards.map(({ laneIndex, stageIndex, fields }) => ({
        laneIndex,
        stageIndex,
        fields: { ...fields, kpi: fields.kpi !== undefined },
      })),
    });
    for (const id of TEMPLATE_IDS) {
      expect(shape(buildTemplate(id, 'vi', 'x')), id).toEqual(shape(buildTemplate(id, 'en', 'x')));
    }
  });

  it('are told apart from other values', () => {
    expect(TEMPLATE_IDS.every(isTemplateId)).toBe(true);
    expect(isTemplateId('b2b')).toBe(false);
    expect(isTemplateId(undefined)).toBe(false);
  });

  it('current journey is the board of defaultBoard, without cards', () => {
    for (const locale of LOCALES) {
      const built = buildTemplate('current', locale, 'T');
      expect(built.board).toEqual(defaultBoard(locale, 'T'));
      expect(built.cards).toEqual([]);
    }
  });

  it('blank has the five default stages and no lanes', () => {
    const built = buildTemplate('blank', 'vi', 'T');
    expect(stageNames(built)).toEqual(['Nhận biết', 'Cân nhắc', 'Quyết định', 'Duy trì', 'Ủng hộ']);
    expect(built.board.lanes).toEqual([]);
    expect(built.cards).toEqual([]);
  });
});

describe('B2B SaaS', () => {
  const built = buildTemplate('b2bSaas', 'en', 'T');
  const SEVEN_ASPECTS: LaneKind[] = [
    'actions',
    'emotions',
    'opportunities',
    'painPoints',
    'touchpoints',
    'departments',
    'kpis',
  ];

  it('fills all seven aspects of the worked map at all five stages', () => {
    expect(stageNames(built)).toEqual(['Awareness', 'Consideration', 'Decision', 'Retention', 'Advocacy']);
    for (const [i, kinds] of kindsByStage(built).entries()) {
      expect([...kinds].sort(), stageNames(built)[i]).toEqual([...SEVEN_ASPECTS].sort());
    }
  });

  it('gives each responsible department a lane of its opportunities, at the stages the departments row names it', () => {
    const owned = built.board.lanes.flatMap((lane) =>
      lane.department === undefined ? [] : [[lane.kind, lane.department]],
    );
    expect(owned).toEqual([
      ['opportunities', 'dept-marketing'],
      ['opportunities', 'dept-sales'],
      ['opportunities', 'dept-support'],
      ['opportunities', 'dept-product'],
    ]);
    stageNames(built).forEach((stage, stageIndex) => {
      const named = built.cards.find(
        (card) => card.stageIndex === stageIndex && built.board.lanes[card.laneIndex]!.kind === 'departments',
      );
      const acting = new Set(
        built.cards
          .filter(
            (card) => card.stageIndex === stageIndex && owners(built)[card.laneIndex] !== SHARED_DEPARTMENT,
          )
          .map((card) => owners(built)[card.laneIndex]),
      );
      expect([...acting].sort(), stage).toEqual([...(named?.fields.departments ?? [])].sort());
    });
    // Each opportunity names its lane's department as the one responsible.
    for (const card of built.cards) {
      const owner = owners(built)[card.laneIndex]!;
      if (owner !== SHARED_DEPARTMENT) expect(card.fields.departments).toEqual([owner]);
    }
  });

  it('draws the emotion row as points, whole scores from −3 to +3 labelled with the table’s words', () => {
    const points = built.cards.filter((card) => card.fields.score !== undefined);
    expect(points.map((point) => point.text)).toEqual([
      'Actively looking for a fix',
      'Actively seeking help',
      'Ready to start',
      'Eager to solve the problem',
      'Satisfied',
    ]);
    for (const point of points) {
      expect(Number.isInteger(point.fields.score)).toBe(true);
      expect(Math.abs(point.fields.score!)).toBeLessThanOrEqual(3);
      expect(built.board.lanes[point.laneIndex]!.kind).toBe('emotions');
    }
  });

  it('has the metrics row as KPI cards, in Vietnamese too', () => {
    const kpis = (locale: Locale) =>
      buildTemplate('b2bSaas', locale, 'T')
        .cards.filter((card) => card.fields.kpi !== undefined)
        .map((card) => card.text);
    expect(kpis('en')).toEqual([
      'Leads',
      'MQLs',
      'Stage conversion rate',
      'Purchase conversion rate',
      'SQLs',
      'Customer acquisition cost',
      'Lifetime value',
      'Closed deals',
      'Revenue',
      'Average deal size',
      'Support requests',
      'Transaction data',
      'CSAT',
      'NPS',
      'Renewals',
      'Cancellation / churn rate',
    ]);
    expect(kpis('vi')).toContain('Tỷ lệ chuyển đổi giai đoạn');
    expect(
      built.cards
        .filter((card) => card.fields.kpi)
        .every((card) => built.board.lanes[card.laneIndex]!.kind === 'kpis'),
    ).toBe(true);
  });

  it('gives every barrier a severity and every touchpoint a channel', () => {
    for (const card of built.cards) {
      const kind = built.board.lanes[card.laneIndex]!.kind;
      if (kind === 'painPoints') expect(card.fields.severity).toBeDefined();
      if (kind === 'touchpoints') expect(card.fields.channel).toBeDefined();
    }
  });
});

describe('B2C retail', () => {
  it("holds the dental-care retailer's seven pain points, three of shoppers and four of business buyers, each with a severity", () => {
    const built = buildTemplate('b2cRetail', 'en', 'T');
    const pains = (laneName: string) =>
      built.cards.filter((card) => built.board.lanes[card.laneIndex]!.name === laneName);
    expect(pains('Pain points: shoppers (B2C)').map((card) => card.text)).toEqual([
      'No buying directly from the Facebook or Instagram shop',
      'Out-of-stock items vanish from the site entirely',
      'After promotions, bulk orders cannot be fulfilled',
    ]);
    expect(pains('Pain points: business buyers (B2B)')).toHaveLength(4);
    for (const card of built.cards.filter((c) => built.board.lanes[c.laneIndex]!.kind === 'painPoints')) {
      expect(card.fields.severity).toBeDefined();
    }
    const kinds = new Set(built.cards.map((card) => built.board.lanes[card.laneIndex]!.kind));
    expect(kinds).toEqual(new Set(['touchpoints', 'actions', 'painPoints', 'opportunities']));
  });
});

describe('Service blueprint', () => {
  it('has customer actions, frontstage, backstage and support lanes in that order, with a card in each cell', () => {
    const built = buildTemplate('serviceBlueprint', 'vi', 'T');
    expect(built.board.lanes.map((lane) => lane.kind)).toEqual([
      'actions',
      'frontstage',
      'backstage',
      'support',
    ]);
    for (const kinds of kindsByStage(built)) expect(kinds.size).toBe(4);
  });
});
