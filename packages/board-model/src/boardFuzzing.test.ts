// Random concurrent operations on several replicas of a board, in the style of tldraw's
// recordStoreFuzzing: updates travel between replicas in random order and at random times, some
// clients write junk, and at the end every replica must hold the same board and every invariant.
// Half the seeds start from a version-1 board, which replicas migrate at random times.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  addDepartment,
  laneDepartment,
  removeDepartment,
  renameDepartment,
  setLaneDepartment,
} from './departments.ts';
import { BoardModelError } from './errors.ts';
import { isValidId, newId } from './ids.ts';
import {
  addCard,
  cardsInCell,
  moveCard,
  moveCardToLane,
  readCards,
  removeCard,
  setCardColour,
  updateCardText,
} from './lane.ts';
import { migrateStructure } from './migrations.ts';
import {
  addEmotionPoint,
  linkCards,
  setCardKpi,
  setCardPersonas,
  setCardSeverity,
  setEmotionScore,
  setMomentOfTruth,
  unlinkCards,
} from './card-field-ops.ts';
import { KPI_TRENDS, SEVERITIES } from './card-fields.ts';
import { TEST_AUTHOR } from './replicas.ts';
import { compareOrdered, isOrderKey, type Ordered } from './order.ts';
import {
  CARD_COLOURS,
  LANE_KINDS,
  SCHEMA_VERSION,
  SHARED_DEPARTMENT,
  type BoardStructure,
  type Card,
  type CardComment,
} from './schema.ts';
import {
  addLane,
  addPersona,
  addStage,
  initBoard,
  moveLane,
  moveStage,
  readBoard,
  removeLane,
  removePersona,
  removeStage,
  renameBoard,
  renameLane,
  renameStage,
  setStageTimeFrame,
  updatePersona,
} from './structure.ts';
import { addComment, commentsOnCard, readComments, removeComment } from './talk.ts';
import { defaultBoard } from './templates/index.ts';

const SEEDS = [1, 2, 3, 5, 8, 13, 21, 34];
const REPLICAS = 4;
const STEPS = 400;
const LANE_DOCS = 2;
const FROM_NETWORK = Symbol('network');

/** mulberry32: a small seeded PRNG, so a failing seed replays exactly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Random {
  next: () => number;
  int: (below: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T | undefined;
}

function makeRandom(seed: number): Random {
  const next = seededRandom(seed);
  const int = (below: number): number => Math.floor(next() * below);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)],
  };
}

interface Replica {
  structure: Y.Doc;
  lanes: Y.Doc[];
  talk: Y.Doc;
}

function docsOf(replica: Replica): Y.Doc[] {
  return [replica.structure, replica.talk, ...replica.lanes];
}

interface Message {
  to: number;
  doc: number;
  update: Uint8Array;
}

// Invariants are gathered as messages and asserted once: one `expect` per item would dominate
// the run time.
function orderedListViolations(what: string, items: readonly Ordered[]): string[] {
  const violations: string[] = [];
  if (new Set(items.map((item) => item.id)).size !== items.length) violations.push(`${what}: duplicate ids`);
  items.forEach((item, i) => {
    const previous = items[i - 1];
    if (previous !== undefined && compareOrdered(previous, item) >= 0)
      violations.push(`${what}: ${item.id} out of order`);
    if (!isValidId(item.id)) violations.push(`${what}: invalid id ${item.id}`);
    if (!isOrderKey(item.order)) violations.push(`${what}: invalid order key ${item.order}`);
  });
  return violations;
}

function expectBoardInvariants(structure: Y.Doc): BoardStructure {
  const board = readBoard(structure);
  const violations = [
    ...orderedListViolations('stages', board.stages),
    ...orderedListViolations('lanes', board.lanes),
    ...orderedListViolations('departments', board.departments),
  ];
  for (const stage of board.stages) {
    if (typeof stage.name !== 'string') violations.push(`stage ${stage.id}: name`);
  }
  const departmentIds = new Set(board.departments.map((department) => department.id));
  if (departmentIds.has(SHARED_DEPARTMENT)) violations.push('a department is stored under the shared key');
  for (const department of board.departments) {
    if (typeof department.name !== 'string') violations.push(`department ${department.id}: name`);
  }
  for (const lane of board.lanes) {
    if (typeof lane.name !== 'string') violations.push(`lane ${lane.id}: name`);
    if (!LANE_KINDS.includes(lane.kind)) violations.push(`lane ${lane.id}: kind ${lane.kind}`);
    if (lane.department !== SHARED_DEPARTMENT && !departmentIds.has(lane.department)) {
      violations.push(`lane ${lane.id}: department ${lane.department} is not on the board`);
    }
    if (laneDepartment(structure, lane.id) !== lane.department) {
      violations.push(`lane ${lane.id}: laneDepartment disagrees with readBoard`);
    }
  }
  expect(violations).toEqual([]);
  return board;
}

function expectCommentInvariants(talkDoc: Y.Doc): CardComment[] {
  const comments = readComments(talkDoc);
  const violations: string[] = [];
  if (new Set(comments.map((comment) => comment.id)).size !== comments.length)
    violations.push('duplicate ids');
  comments.forEach((comment, i) => {
    const previous = comments[i - 1];
    if (
      previous !== undefined &&
      (previous.createdAt > comment.createdAt ||
        (previous.createdAt === comment.createdAt && previous.id >= comment.id))
    ) {
      violations.push(`comment ${comment.id} out of order`);
    }
    for (const id of [comment.id, comment.cardId, comment.laneId, comment.authorId]) {
      if (!isValidId(id)) violations.push(`comment ${comment.id}: invalid id ${id}`);
    }
  });
  let onCards = 0;
  for (const cardId of new Set(comments.map((comment) => comment.cardId)))
    onCards += commentsOnCard(talkDoc, cardId).length;
  if (onCards !== comments.length)
    violations.push(`cards hold ${onCards} comments, the doc ${comments.length}`);
  expect(violations).toEqual([]);
  return comments;
}

function expectCardInvariants(laneDoc: Y.Doc): Card[] {
  const cards = readCards(laneDoc);
  const violations = orderedListViolations('cards', cards);
  for (const card of cards) {
    if (!isValidId(card.stageId)) violations.push(`card ${card.id}: stage id ${card.stageId}`);
    if (typeof card.text !== 'string') violations.push(`card ${card.id}: text`);
    if (!CARD_COLOURS.includes(card.colour)) violations.push(`card ${card.id}: colour`);
    if (!Number.isFinite(card.createdAt)) violations.push(`card ${card.id}: createdAt`);
    // Only the operations write typed fields here, and they write only what the server passes.
    if (card.invalid.length > 0) violations.push(`card ${card.id}: invalid ${card.invalid.join(', ')}`);
    if (card.score !== null && (!Number.isInteger(card.score) || Math.abs(card.score) > 3))
      violations.push(`card ${card.id}: score ${card.score}`);
    if (card.links.includes(card.id)) violations.push(`card ${card.id}: links to itself`);
  }
  let inCells = 0;
  for (const stageId of new Set(cards.map((card) => card.stageId))) {
    const cell = cardsInCell(laneDoc, stageId);
    inCells += cell.length;
    violations.push(...orderedListViolations(`cell ${stageId}`, cell));
  }
  if (inCells !== cards.length) violations.push(`cells hold ${inCells} cards, the lane ${cards.length}`);
  expect(violations).toEqual([]);
  return cards;
}

function runScenario(seed: number): { operations: number; refusals: number } {
  const random = makeRandom(seed);

  const replicas: Replica[] = Array.from({ length: REPLICAS }, (_, r) => {
    const replica = {
      structure: new Y.Doc(),
      lanes: Array.from({ length: LANE_DOCS }, () => new Y.Doc()),
      talk: new Y.Doc(),
    };
    for (const doc of docsOf(replica)) doc.clientID = r + 1;
    return replica;
  });

  const inFlight: Message[] = [];
  let localWrites = 0;
  replicas.forEach((replica, from) => {
    docsOf(replica).forEach((doc, docIndex) => {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === FROM_NETWORK) return;
        localWrites++;
        for (let to = 0; to < REPLICAS; to++) if (to !== from) inFlight.push({ to, doc: docIndex, update });
      });
    });
  });

  const deliver = (count: number): void => {
    for (let i = 0; i < count && inFlight.length > 0; i++) {
      const [message] = inFlight.splice(random.int(inFlight.length), 1) as [Message];
      const doc = docsOf(replicas[message.to] as Replica)[message.doc] as Y.Doc;
      Y.applyUpdate(doc, message.update, FROM_NETWORK);
    }
  };

  const first = (replicas[0] as Replica).structure;
  const startsAtVersion1 = random.chance(0.5);
  const template = defaultBoard(random.chance(0.5) ? 'en' : 'vi', 'Fuzzed board');
  initBoard(first, startsAtVersion1 ? { ...template, departments: [] } : template);
  if (startsAtVersion1) {
    // What version 1 saved: no departments, lanes without one.
    first.transact(() => {
      first.getMap('meta').set('schemaVersion', 1);
      first.getMap('lanes').forEach((lane) => (lane as Y.Map<unknown>).delete('department'));
    });
  }
  deliver(inFlight.length);

  const words = ['Ad', 'Review', 'Demo', 'Invoice', 'Call', 'Churn', 'NPS', 'Điểm chạm', 'Cơ hội', '😀'];
  const text = (limit: number): string => {
    if (random.chance(0.04)) return random.chance(0.5) ? '' : '   ';
    if (random.chance(0.03)) return 'x'.repeat(limit + 1);
    return Array.from({ length: 1 + random.int(3) }, () => random.pick(words)).join(' ');
  };
  // Mostly valid positions, sometimes the default, sometimes out of range.
  const position = (max: number): number | undefined => {
    if (random.chance(0.2)) return undefined;
    if (random.chance(0.05)) return random.pick([-1, max + 1, 0.5]);
    return random.int(max + 1);
  };
  const target = (max: number): number => (random.chance(0.05) ? max + 1 : random.int(max + 1));
  const someId = (ids: readonly string[]): string =>
    random.chance(0.05) ? newId() : (random.pick(ids) ?? newId());

  let operations = 0;
  let refusals = 0;

  for (let step = 0; step < STEPS; step++) {
    const r = random.int(REPLICAS);
    const replica = replicas[r] as Replica;
    const { structure } = replica;
    const board = readBoard(structure);
    const stageIds = board.stages.map((stage) => stage.id);
    const laneIds = board.lanes.map((lane) => lane.id);
    const departmentIds = board.departments.map((department) => department.id);
    const { talk } = replica;
    const commentIds = readComments(talk).map((comment) => comment.id);
    // A lane's department: mostly one of the board's or shared, sometimes one it does not have.
    const someDepartment = (): string => (random.chance(0.3) ? SHARED_DEPARTMENT : someId(departmentIds));
    const laneIndex = random.int(LANE_DOCS);
    const laneDoc = replica.lanes[laneIndex] as Y.Doc;
    const otherLaneDoc = replica.lanes[(laneIndex + 1) % LANE_DOCS] as Y.Doc;
    const cardIds = readCards(laneDoc).map((card) => card.id);
    const stageId = someId(stageIds);

    // Where an operation with an index must put its item, unless the list already holds equal
    // keys (then orderKeyAt may land it beside the tie: see order.ts).
    const expectAt = (before: Ordered[], after: Ordered[], id: string, index: number): void => {
      if (before.some((item, k) => item.order === before[k + 1]?.order)) return;
      const position = after.findIndex((item) => item.id === id);
      expect(position, `${id} position`).toBe(index);
    };

    const copyNeighbourKey = (): void => {
      // A client of its own copies a neighbour's order key: ties must not break anything.
      const [map, list] = random.chance(0.5)
        ? [structure.getMap('stages'), board.stages]
        : [laneDoc.getMap('cards'), readCards(laneDoc)];
      const i = random.int(list.length);
      const [item, neighbour] = [list[i], list[i + 1] ?? list[i - 1]];
      const entry = item === undefined ? undefined : map.get(item.id);
      if (entry instanceof Y.Map && neighbour !== undefined) entry.set('order', neighbour.order);
    };

    const writeJunk = (): void => {
      // A client writing what the schema does not allow: readers must skip it.
      const entry = (fields: Record<string, unknown>): Y.Map<unknown> => new Y.Map(Object.entries(fields));
      const junk: [Y.Map<unknown>, unknown][] = [
        [structure.getMap('stages'), entry({ name: 42, order: 'a0' })],
        [structure.getMap('lanes'), entry({ name: 'Lane', kind: 7, order: 'a0' })],
        [structure.getMap('stages'), 'not a map'],
        [structure.getMap('departments'), entry({ name: 'Dept', order: 7 })],
        [structure.getMap('departments'), 'not a map'],
        [talk.getMap('comments'), entry({ cardId: 'x', laneId: 'lane01', authorId: 'author', text: 'x' })],
        [laneDoc.getMap('cards'), entry({ stageId, text: 'x', colour: 'red', order: 'a00', createdAt: 1 })],
        [laneDoc.getMap('cards'), { stageId, text: 'plain', colour: 'blue', order: 'a1', createdAt: 1 }],
      ];
      const [map, value] = junk[random.int(junk.length)] as [Y.Map<unknown>, unknown];
      map.set(random.chance(0.2) ? 'bad:id' : newId(), value);
    };

    const writeJunkDepartment = (): void => {
      // A lane naming a department that is not on the board, or not a string: it reads as shared.
      const lane = random.pick(laneIds);
      const entry = lane === undefined ? undefined : structure.getMap('lanes').get(lane);
      if (entry instanceof Y.Map) entry.set('department', random.chance(0.5) ? 42 : newId());
    };

    const operationsByWeight: [number, string, () => void][] = [
      [1, 'renameBoard', () => renameBoard(structure, text(120))],
      [
        4,
        'addStage',
        () => {
          const index = position(stageIds.length);
          const id = addStage(structure, text(60), index);
          expectAt(board.stages, readBoard(structure).stages, id, index ?? stageIds.length);
        },
      ],
      [2, 'renameStage', () => renameStage(structure, someId(stageIds), text(60))],
      [
        4,
        'moveStage',
        () => {
          const [id, index] = [someId(stageIds), target(stageIds.length - 1)];
          moveStage(structure, id, index);
          const others = board.stages.filter((stage) => stage.id !== id);
          expectAt(others, readBoard(structure).stages, id, index);
        },
      ],
      [2, 'removeStage', () => removeStage(structure, someId(stageIds), replica.lanes)],
      [
        2,
        'addLane',
        () => {
          const kind = random.pick(LANE_KINDS) ?? 'notes';
          const department = random.chance(0.5) ? undefined : someDepartment();
          const id = addLane(structure, { name: text(60), kind, department }, position(laneIds.length));
          expect(laneDepartment(structure, id)).toBe(department ?? SHARED_DEPARTMENT);
        },
      ],
      [1, 'renameLane', () => renameLane(structure, someId(laneIds), text(60))],
      [2, 'moveLane', () => moveLane(structure, someId(laneIds), target(laneIds.length - 1))],
      [1, 'removeLane', () => removeLane(structure, someId(laneIds))],
      [
        2,
        'addDepartment',
        () => {
          const index = position(departmentIds.length);
          const id = addDepartment(structure, text(60), index);
          expectAt(board.departments, readBoard(structure).departments, id, index ?? departmentIds.length);
        },
      ],
      [1, 'renameDepartment', () => renameDepartment(structure, someId(departmentIds), text(60))],
      [2, 'removeDepartment', () => removeDepartment(structure, someId(departmentIds))],
      [
        4,
        'setLaneDepartment',
        () => {
          const [lane, department] = [someId(laneIds), someDepartment()];
          setLaneDepartment(structure, lane, department);
          expect(laneDepartment(structure, lane)).toBe(department);
        },
      ],
      [
        1,
        'migrate',
        () => {
          migrateStructure(structure);
          expect(readBoard(structure).schemaVersion).toBe(SCHEMA_VERSION);
        },
      ],
      [
        10,
        'addCard',
        () => {
          const cell = cardsInCell(laneDoc, stageId);
          const index = position(cell.length);
          const id = addCard(
            laneDoc,
            { stageId, text: text(1000), colour: random.pick(CARD_COLOURS), author: TEST_AUTHOR },
            index,
          );
          expectAt(cell, cardsInCell(laneDoc, stageId), id, index ?? cell.length);
        },
      ],
      [3, 'updateCardText', () => updateCardText(laneDoc, someId(cardIds), text(1000))],
      [
        2,
        'setCardColour',
        () => setCardColour(laneDoc, someId(cardIds), random.pick(CARD_COLOURS) ?? 'grey'),
      ],
      [
        6,
        'moveCard',
        () => {
          const id = someId(cardIds);
          const others = cardsInCell(laneDoc, stageId).filter((card) => card.id !== id);
          const index = target(others.length);
          moveCard(laneDoc, id, { stageId, index });
          expectAt(others, cardsInCell(laneDoc, stageId), id, index);
        },
      ],
      [
        3,
        'moveCardToLane',
        () => {
          const id = someId(cardIds);
          const cell = cardsInCell(otherLaneDoc, stageId).filter((card) => card.id !== id);
          const index = target(cell.length);
          moveCardToLane(laneDoc, otherLaneDoc, id, { stageId, index });
          expectAt(cell, cardsInCell(otherLaneDoc, stageId), id, index);
        },
      ],
      [3, 'removeCard', () => removeCard(laneDoc, someId(cardIds))],
      [
        2,
        'addEmotionPoint',
        () =>
          void addEmotionPoint(laneDoc, {
            stageId,
            score: random.int(9) - 4,
            persona: random.pick(board.personas.map((persona) => persona.id)) ?? null,
            text: random.chance(0.5) ? '' : text(1000),
            author: TEST_AUTHOR,
          }),
      ],
      [1, 'setEmotionScore', () => setEmotionScore(laneDoc, someId(cardIds), random.int(9) - 4)],
      [
        1,
        'setCardSeverity',
        () => setCardSeverity(laneDoc, someId(cardIds), random.pick(SEVERITIES) ?? null),
      ],
      [
        1,
        'setCardKpi',
        () =>
          setCardKpi(laneDoc, someId(cardIds), {
            current: random.chance(0.1) ? Number.NaN : random.int(1000),
            trend: random.pick(KPI_TRENDS) ?? null,
          }),
      ],
      [2, 'linkCards', () => linkCards(laneDoc, someId(cardIds), random.pick(cardIds) ?? newId())],
      [1, 'unlinkCards', () => unlinkCards(laneDoc, someId(cardIds), random.pick(cardIds) ?? newId())],
      [1, 'setMomentOfTruth', () => setMomentOfTruth(laneDoc, someId(cardIds), random.chance(0.7))],
      [
        1,
        'setCardPersonas',
        () =>
          setCardPersonas(
            laneDoc,
            someId(cardIds),
            board.personas.filter(() => random.chance(0.5)).map((persona) => persona.id),
          ),
      ],
      [1, 'addPersona', () => void addPersona(structure, { name: text(60), goals: text(500) })],
      [
        1,
        'updatePersona',
        () => updatePersona(structure, someId(board.personas.map((p) => p.id)), { quote: text(280) }),
      ],
      [1, 'removePersona', () => removePersona(structure, someId(board.personas.map((p) => p.id)))],
      [
        1,
        'setStageTimeFrame',
        () => setStageTimeFrame(structure, stageId, random.chance(0.3) ? null : text(40)),
      ],
      [
        2,
        'addComment',
        () => {
          const cardId = random.chance(0.05) ? 'bad:id' : (random.pick(cardIds) ?? newId());
          const authorId = random.chance(0.03) ? 'no' : `author${r}`;
          void addComment(talk, {
            cardId,
            laneId: someId(laneIds),
            authorId,
            authorName: text(80),
            text: text(2000),
          });
        },
      ],
      [1, 'removeComment', () => removeComment(talk, someId(commentIds))],
      [2, 'tie', copyNeighbourKey],
      [1, 'junk', writeJunk],
      [1, 'junkDepartment', writeJunkDepartment],
    ];

    const totalWeight = operationsByWeight.reduce((sum, [weight]) => sum + weight, 0);
    let roll = random.next() * totalWeight;
    const [, name, operation] =
      operationsByWeight.find(([weight]) => (roll -= weight) < 0) ?? operationsByWeight[0]!;

    const writesBefore = localWrites;
    try {
      operation();
      operations++;
    } catch (error) {
      if (!(error instanceof BoardModelError)) {
        throw new Error(`seed ${seed}, step ${step}, replica ${r}: ${name} threw ${String(error)}`, {
          cause: error,
        });
      }
      refusals++;
      // Every transaction that changes a doc emits one update: a refusal must emit none.
      expect(localWrites, `${name} refused but wrote`).toBe(writesBefore);
    }

    expectBoardInvariants(structure);
    for (const doc of replica.lanes) expectCardInvariants(doc);
    expectCommentInvariants(talk);

    if (random.chance(0.3)) deliver(1 + random.int(8));
  }

  deliver(inFlight.length);

  const [reference, ...others] = replicas as [Replica, ...Replica[]];
  const expectedBoard = expectBoardInvariants(reference.structure);
  const expectedCards = reference.lanes.map((doc) => expectCardInvariants(doc));
  const expectedComments = expectCommentInvariants(reference.talk);
  for (const replica of others) {
    expect(readBoard(replica.structure)).toEqual(expectedBoard);
    replica.lanes.forEach((doc, i) => expect(readCards(doc)).toEqual(expectedCards[i]));
    expect(readComments(replica.talk)).toEqual(expectedComments);
    docsOf(replica).forEach((doc, i) =>
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(docsOf(reference)[i] as Y.Doc)),
    );
  }
  return { operations, refusals };
}

describe('board fuzzing', () => {
  // Ids and order-key jitter come from crypto.getRandomValues: seed it too, so a run replays.
  let cryptoRandom: Random;
  beforeEach(() => {
    cryptoRandom = makeRandom(0);
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array) => {
      if (!(array instanceof Uint8Array)) throw new Error('board-model only draws random bytes');
      for (let i = 0; i < array.length; i++) array[i] = cryptoRandom.int(256);
      return array;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const seed of SEEDS) {
    it(`replicas converge and keep every invariant (seed ${seed})`, () => {
      cryptoRandom = makeRandom(seed * 7919);
      const { operations, refusals } = runScenario(seed);
      expect(operations).toBeGreaterThan(STEPS / 2);
      expect(refusals).toBeGreaterThan(0);
    });
  }
});
