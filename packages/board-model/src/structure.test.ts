import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expectRefusal } from './expectRefusal.ts';
import { addCard, readCards } from './lane.ts';
import { LIMITS, SCHEMA_VERSION, SHARED_DEPARTMENT } from './schema.ts';
import {
  addLane,
  addStage,
  initBoard,
  moveLane,
  moveStage,
  readBoard,
  removeLane,
  removeStage,
  renameBoard,
  renameLane,
  renameStage,
  restoreLane,
  type NewBoard,
} from './structure.ts';
import { countTransactions, replicaOf, syncBoth, TEST_AUTHOR } from './replicas.ts';

const BOARD: NewBoard = {
  title: 'Checkout journey',
  stages: ['Awareness', 'Consideration', 'Decision'],
  lanes: [
    { name: 'Touchpoints', kind: 'touchpoints' },
    { name: 'Pain points', kind: 'painPoints' },
  ],
  departments: [{ name: 'Sales' }, { name: 'Support' }],
};

function newBoard(board: NewBoard = BOARD): {
  doc: Y.Doc;
  stageIds: string[];
  laneIds: string[];
  departmentIds: string[];
} {
  const doc = new Y.Doc();
  return { doc, ...initBoard(doc, board) };
}

function stageNames(doc: Y.Doc): string[] {
  return readBoard(doc).stages.map((stage) => stage.name);
}

function laneNames(doc: Y.Doc): string[] {
  return readBoard(doc).lanes.map((lane) => lane.name);
}

describe('initBoard', () => {
  it('writes the title, the stages and the lanes in the order given, and stamps the schema version', () => {
    const { doc, stageIds, laneIds } = newBoard();
    const board = readBoard(doc);
    expect(board.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(board.title).toBe('Checkout journey');
    expect(board.stages.map((stage) => stage.id)).toEqual(stageIds);
    expect(stageNames(doc)).toEqual(['Awareness', 'Consideration', 'Decision']);
    expect(board.lanes.map((lane) => lane.id)).toEqual(laneIds);
    expect(board.lanes.map((lane) => [lane.name, lane.kind])).toEqual([
      ['Touchpoints', 'touchpoints'],
      ['Pain points', 'painPoints'],
    ]);
  });

  it('writes the departments in the order given, and every lane shared', () => {
    const { doc, departmentIds } = newBoard();
    const board = readBoard(doc);
    expect(board.departments.map((department) => [department.id, department.name])).toEqual([
      [departmentIds[0], 'Sales'],
      [departmentIds[1], 'Support'],
    ]);
    expect(board.lanes.map((lane) => lane.department)).toEqual([SHARED_DEPARTMENT, SHARED_DEPARTMENT]);
    for (const lane of board.lanes) {
      expect((doc.getMap('lanes').get(lane.id) as Y.Map<unknown>).get('department')).toBe(SHARED_DEPARTMENT);
    }
  });

  it('keeps the department ids it is given and makes up the others', () => {
    const { departmentIds } = newBoard({
      ...BOARD,
      departments: [{ id: 'dept-sales', name: 'Sales' }, { name: 'Legal' }],
    });
    expect(departmentIds[0]).toBe('dept-sales');
    expect(departmentIds[1]).toMatch(/^[0-9A-Za-z]{12}$/);
  });

  it('refuses department ids that are malformed, shared or given twice, writing nothing', () => {
    const bad = [
      [{ id: 'x', name: 'Short' }],
      [{ id: 'bad id!', name: 'Spaces' }],
      [{ id: SHARED_DEPARTMENT, name: 'Everyone' }],
      [
        { id: 'dept-sales', name: 'Sales' },
        { id: 'dept-sales', name: 'Sales again' },
      ],
    ];
    for (const departments of bad) {
      const doc = new Y.Doc();
      const before = Y.encodeStateAsUpdate(doc);
      expect(() => initBoard(doc, { ...BOARD, departments })).toThrow(/Department id/);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    }
  });

  it('refuses an empty or too long department name', () => {
    const doc = new Y.Doc();
    const empty = expectRefusal(
      doc,
      () => initBoard(doc, { ...BOARD, departments: [{ name: ' ' }] }),
      'EMPTY_TEXT',
    );
    expect(empty.field).toBe('departmentName');
    const long = expectRefusal(
      doc,
      () => initBoard(doc, { ...BOARD, departments: [{ name: 'x'.repeat(LIMITS.departmentName + 1) }] }),
      'TEXT_TOO_LONG',
    );
    expect(long).toMatchObject({ field: 'departmentName', limit: LIMITS.departmentName });
  });

  it('refuses more departments than the limit', () => {
    const doc = new Y.Doc();
    const departments = Array.from({ length: LIMITS.departments + 1 }, (_, i) => ({ name: `D${i}` }));
    const error = expectRefusal(doc, () => initBoard(doc, { ...BOARD, departments }), 'TOO_MANY');
    expect(error).toMatchObject({ field: 'departments', limit: LIMITS.departments });
  });

  it('writes everything in one transaction', () => {
    const doc = new Y.Doc();
    expect(countTransactions(doc, () => initBoard(doc, BOARD))).toBe(1);
  });

  it('trims the title and the names', () => {
    const { doc } = newBoard({
      title: '  Trip  ',
      stages: [' One '],
      lanes: [{ name: ' Notes\n', kind: 'notes' }],
      departments: [{ name: ' Sales\t' }],
    });
    expect(readBoard(doc).title).toBe('Trip');
    expect(stageNames(doc)).toEqual(['One']);
    expect(laneNames(doc)).toEqual(['Notes']);
    expect(readBoard(doc).departments.map((department) => department.name)).toEqual(['Sales']);
  });

  it('accepts a board without lanes', () => {
    const { doc } = newBoard({ title: 'Bare', stages: ['Only'], lanes: [], departments: [] });
    expect(readBoard(doc).lanes).toEqual([]);
    expect(readBoard(doc).departments).toEqual([]);
  });

  it('refuses an empty title and writes nothing', () => {
    const doc = new Y.Doc();
    const error = expectRefusal(doc, () => initBoard(doc, { ...BOARD, title: '   ' }), 'EMPTY_TEXT');
    expect(error.field).toBe('title');
  });

  it('refuses a title over the limit', () => {
    const doc = new Y.Doc();
    const error = expectRefusal(
      doc,
      () => initBoard(doc, { ...BOARD, title: 'x'.repeat(LIMITS.title + 1) }),
      'TEXT_TOO_LONG',
    );
    expect(error.field).toBe('title');
    expect(error.limit).toBe(LIMITS.title);
  });

  it('refuses a board whose last stage name is empty, writing nothing', () => {
    const doc = new Y.Doc();
    expectRefusal(doc, () => initBoard(doc, { ...BOARD, stages: ['Awareness', ''] }), 'EMPTY_TEXT');
  });

  it('refuses a lane name over the limit', () => {
    const doc = new Y.Doc();
    const lanes = [{ name: 'x'.repeat(LIMITS.laneName + 1), kind: 'notes' as const }];
    expectRefusal(doc, () => initBoard(doc, { ...BOARD, lanes }), 'TEXT_TOO_LONG');
  });

  it('refuses an unknown lane kind', () => {
    const doc = new Y.Doc();
    const lanes = [{ name: 'Feelings', kind: 'feelings' as 'emotions' }];
    expectRefusal(doc, () => initBoard(doc, { ...BOARD, lanes }), 'INVALID_LANE_KIND');
  });

  it('refuses a board without stages', () => {
    const doc = new Y.Doc();
    expectRefusal(doc, () => initBoard(doc, { ...BOARD, stages: [] }), 'LAST_STAGE');
  });

  it('refuses more stages or lanes than the limits', () => {
    const doc = new Y.Doc();
    const stages = Array.from({ length: LIMITS.stages + 1 }, (_, i) => `Stage ${i}`);
    const lanes = Array.from({ length: LIMITS.lanes + 1 }, (_, i) => ({
      name: `Lane ${i}`,
      kind: 'notes' as const,
    }));
    expect(expectRefusal(doc, () => initBoard(doc, { ...BOARD, stages }), 'TOO_MANY').limit).toBe(
      LIMITS.stages,
    );
    expect(expectRefusal(doc, () => initBoard(doc, { ...BOARD, lanes }), 'TOO_MANY').limit).toBe(
      LIMITS.lanes,
    );
  });

  it('accepts exactly the limits', () => {
    const stages = Array.from({ length: LIMITS.stages }, (_, i) => `Stage ${i}`);
    const lanes = Array.from({ length: LIMITS.lanes }, (_, i) => ({
      name: `Lane ${i}`,
      kind: 'notes' as const,
    }));
    const departments = Array.from({ length: LIMITS.departments }, (_, i) => ({ name: `Department ${i}` }));
    const { doc } = newBoard({ title: 'Full', stages, lanes, departments });
    expect(stageNames(doc)).toEqual(stages);
    expect(readBoard(doc).lanes).toHaveLength(LIMITS.lanes);
    expect(readBoard(doc).departments).toHaveLength(LIMITS.departments);
  });

  it('refuses a doc that already holds a board', () => {
    const { doc } = newBoard();
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => initBoard(doc, BOARD)).toThrow(/already holds a board/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('readBoard', () => {
  it('refuses a doc that holds no board', () => {
    const doc = new Y.Doc();
    expectRefusal(doc, () => readBoard(doc), 'NOT_A_BOARD');
  });

  it('refuses a board saved by a newer schema version', () => {
    const { doc } = newBoard();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    const error = expectRefusal(doc, () => readBoard(doc), 'NEWER_SCHEMA');
    expect(error.message).toMatch(/newer Journeyboard/);
  });

  it('reads a board without a version field as version 1', () => {
    const { doc } = newBoard();
    doc.getMap('meta').delete('schemaVersion');
    expect(readBoard(doc).schemaVersion).toBe(1);
    doc.getMap('meta').set('schemaVersion', 'two');
    expect(readBoard(doc).schemaVersion).toBe(1);
  });

  it('reads a malformed title as empty', () => {
    const { doc } = newBoard();
    doc.getMap('meta').set('title', 42);
    expect(readBoard(doc).title).toBe('');
  });

  it('skips malformed stages and lanes instead of throwing', () => {
    const { doc } = newBoard();
    const stages = doc.getMap('stages');
    const lanes = doc.getMap('lanes');
    doc.transact(() => {
      stages.set(
        'numberName',
        new Y.Map<unknown>([
          ['name', 7],
          ['order', 'a5'],
        ]),
      );
      stages.set(
        'badOrderKey',
        new Y.Map<unknown>([
          ['name', 'Bad'],
          ['order', 'a00'],
        ]),
      );
      stages.set('noOrderKey', new Y.Map<unknown>([['name', 'Bad']]));
      stages.set('plainObject', { name: 'Bad', order: 'a6' });
      stages.set(
        'bad id!',
        new Y.Map<unknown>([
          ['name', 'Bad'],
          ['order', 'a7'],
        ]),
      );
      lanes.set(
        'numberKind',
        new Y.Map<unknown>([
          ['name', 'Bad'],
          ['kind', 3],
          ['order', 'a5'],
        ]),
      );
      lanes.set('arrayLane', new Y.Array());
    });
    expect(stageNames(doc)).toEqual(['Awareness', 'Consideration', 'Decision']);
    expect(laneNames(doc)).toEqual(['Touchpoints', 'Pain points']);
  });

  it('reads a lane whose department is missing, malformed or unknown as shared', () => {
    const { doc, laneIds, departmentIds } = newBoard();
    const lanes = doc.getMap('lanes');
    const [first, second] = laneIds as [string, string];
    (lanes.get(first) as Y.Map<unknown>).set('department', departmentIds[0]);
    expect(readBoard(doc).lanes[0]?.department).toBe(departmentIds[0]);
    for (const department of ['removedDept', 7, undefined, SHARED_DEPARTMENT]) {
      const entry = lanes.get(second) as Y.Map<unknown>;
      if (department === undefined) entry.delete('department');
      else entry.set('department', department);
      expect(readBoard(doc).lanes[1]?.department, String(department)).toBe(SHARED_DEPARTMENT);
    }
  });

  it('skips malformed departments, and any stored under the shared key', () => {
    const { doc } = newBoard();
    const departments = doc.getMap('departments');
    doc.transact(() => {
      departments.set(
        SHARED_DEPARTMENT,
        new Y.Map<unknown>([
          ['name', 'Everyone'],
          ['order', 'a5'],
        ]),
      );
      departments.set(
        'numberName',
        new Y.Map<unknown>([
          ['name', 1],
          ['order', 'a6'],
        ]),
      );
      departments.set('noOrderKey', new Y.Map<unknown>([['name', 'Bad']]));
      departments.set('plainObject', { name: 'Bad', order: 'a7' });
      departments.set(
        'bad id!',
        new Y.Map<unknown>([
          ['name', 'Bad'],
          ['order', 'a8'],
        ]),
      );
    });
    expect(readBoard(doc).departments.map((department) => department.name)).toEqual(['Sales', 'Support']);
  });

  it('reads a lane of a kind it does not know as notes', () => {
    const { doc, laneIds } = newBoard();
    (doc.getMap('lanes').get(laneIds[0] ?? '') as Y.Map<unknown>).set('kind', 'heatmap');
    expect(readBoard(doc).lanes[0]?.kind).toBe('notes');
  });

  it('sorts stages with equal order keys by id', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getMap('meta').set('title', 'Ties');
      doc.getMap('stages').set(
        'stageB',
        new Y.Map<unknown>([
          ['name', 'B'],
          ['order', 'a0'],
        ]),
      );
      doc.getMap('stages').set(
        'stageA',
        new Y.Map<unknown>([
          ['name', 'A'],
          ['order', 'a0'],
        ]),
      );
    });
    expect(stageNames(doc)).toEqual(['A', 'B']);
  });
});

describe('renameBoard', () => {
  it('renames the board, trimmed', () => {
    const { doc } = newBoard();
    renameBoard(doc, '  New title ');
    expect(readBoard(doc).title).toBe('New title');
  });

  it('refuses an empty title', () => {
    const { doc } = newBoard();
    expectRefusal(doc, () => renameBoard(doc, ''), 'EMPTY_TEXT');
  });

  it('refuses a title over the limit', () => {
    const { doc } = newBoard();
    expectRefusal(doc, () => renameBoard(doc, 'x'.repeat(LIMITS.title + 1)), 'TEXT_TOO_LONG');
  });

  it('refuses a doc that holds no board', () => {
    const doc = new Y.Doc();
    expectRefusal(doc, () => renameBoard(doc, 'Title'), 'NOT_A_BOARD');
  });

  it('refuses to write to a board of a newer schema', () => {
    const { doc } = newBoard();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expectRefusal(doc, () => renameBoard(doc, 'Title'), 'NEWER_SCHEMA');
  });
});

describe('addStage', () => {
  it('adds a stage at the end by default and returns its id', () => {
    const { doc } = newBoard();
    const id = addStage(doc, ' Advocacy ');
    const stages = readBoard(doc).stages;
    expect(stages.at(-1)).toMatchObject({ id, name: 'Advocacy' });
  });

  it('adds a stage at the given position', () => {
    const { doc } = newBoard();
    addStage(doc, 'First', 0);
    addStage(doc, 'Middle', 2);
    addStage(doc, 'Last', 5);
    expect(stageNames(doc)).toEqual(['First', 'Awareness', 'Middle', 'Consideration', 'Decision', 'Last']);
  });

  it('writes in one transaction', () => {
    const { doc } = newBoard();
    expect(countTransactions(doc, () => addStage(doc, 'One more'))).toBe(1);
  });

  it('refuses an empty stage name', () => {
    const { doc } = newBoard();
    const error = expectRefusal(doc, () => addStage(doc, ' '), 'EMPTY_TEXT');
    expect(error.field).toBe('stageName');
  });

  it('refuses a stage name over the limit', () => {
    const { doc } = newBoard();
    const error = expectRefusal(doc, () => addStage(doc, 'x'.repeat(LIMITS.stageName + 1)), 'TEXT_TOO_LONG');
    expect(error).toMatchObject({ field: 'stageName', limit: LIMITS.stageName });
  });

  it('refuses a position out of range', () => {
    const { doc } = newBoard();
    for (const index of [-1, 4, 1.5, Number.NaN])
      expectRefusal(doc, () => addStage(doc, 'X', index), 'INVALID_INDEX');
  });

  it('refuses a stage beyond the limit', () => {
    const { doc } = newBoard();
    while (readBoard(doc).stages.length < LIMITS.stages) addStage(doc, 'More');
    const error = expectRefusal(doc, () => addStage(doc, 'One too many'), 'TOO_MANY');
    expect(error).toMatchObject({ field: 'stages', limit: LIMITS.stages });
  });

  it('refuses a doc that holds no board', () => {
    const doc = new Y.Doc();
    expectRefusal(doc, () => addStage(doc, 'X'), 'NOT_A_BOARD');
  });
});

describe('renameStage', () => {
  it('renames a stage', () => {
    const { doc, stageIds } = newBoard();
    renameStage(doc, stageIds[1] ?? '', 'Comparison');
    expect(stageNames(doc)).toEqual(['Awareness', 'Comparison', 'Decision']);
  });

  it('refuses an unknown stage', () => {
    const { doc } = newBoard();
    const error = expectRefusal(doc, () => renameStage(doc, 'x1x1x1', 'Name'), 'UNKNOWN_STAGE');
    expect(error.message).toBe('Stage "x1x1x1" not found: it may have been removed by someone else');
  });

  it('refuses an empty stage name', () => {
    const { doc, stageIds } = newBoard();
    expectRefusal(doc, () => renameStage(doc, stageIds[0] ?? '', ''), 'EMPTY_TEXT');
  });

  it('refuses a stage name over the limit', () => {
    const { doc, stageIds } = newBoard();
    expectRefusal(doc, () => renameStage(doc, stageIds[0] ?? '', 'x'.repeat(61)), 'TEXT_TOO_LONG');
  });

  it('writes nothing when the name is unchanged', () => {
    const { doc, stageIds } = newBoard();
    const before = Y.encodeStateAsUpdate(doc);
    renameStage(doc, stageIds[0] ?? '', ' Awareness ');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('moveStage', () => {
  it('moves a stage to its final position in the sorted list', () => {
    const { doc, stageIds } = newBoard();
    const [awareness, consideration, decision] = stageIds as [string, string, string];
    moveStage(doc, awareness, 2);
    expect(stageNames(doc)).toEqual(['Consideration', 'Decision', 'Awareness']);
    moveStage(doc, awareness, 0);
    expect(stageNames(doc)).toEqual(['Awareness', 'Consideration', 'Decision']);
    moveStage(doc, decision, 1);
    expect(stageNames(doc)).toEqual(['Awareness', 'Decision', 'Consideration']);
    moveStage(doc, consideration, 0);
    expect(stageNames(doc)).toEqual(['Consideration', 'Awareness', 'Decision']);
  });

  it('writes nothing when the stage is already there', () => {
    const { doc, stageIds } = newBoard();
    const before = Y.encodeStateAsUpdate(doc);
    moveStage(doc, stageIds[1] ?? '', 1);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('refuses a position past the end of the list', () => {
    const { doc, stageIds } = newBoard();
    expectRefusal(doc, () => moveStage(doc, stageIds[0] ?? '', 3), 'INVALID_INDEX');
    expectRefusal(doc, () => moveStage(doc, stageIds[0] ?? '', -1), 'INVALID_INDEX');
  });

  it('refuses an unknown stage', () => {
    const { doc } = newBoard();
    expectRefusal(doc, () => moveStage(doc, 'nostage', 0), 'UNKNOWN_STAGE');
  });
});

describe('removeStage', () => {
  it("removes a stage and that stage's cards from the given lane docs", () => {
    const { doc, stageIds } = newBoard();
    const [awareness, consideration] = stageIds as [string, string];
    const laneA = new Y.Doc();
    const laneB = new Y.Doc();
    addCard(laneA, { stageId: awareness, text: 'Sees an ad', author: TEST_AUTHOR });
    const kept = addCard(laneA, { stageId: consideration, text: 'Compares prices', author: TEST_AUTHOR });
    addCard(laneB, { stageId: awareness, text: 'Hears from a friend', author: TEST_AUTHOR });
    laneB.getMap('cards').set('brokenCard', new Y.Map<unknown>([['stageId', awareness]]));

    removeStage(doc, awareness, [laneA, laneB]);

    expect(stageNames(doc)).toEqual(['Consideration', 'Decision']);
    expect(readCards(laneA).map((card) => card.id)).toEqual([kept]);
    expect(readCards(laneB)).toEqual([]);
    expect(laneB.getMap('cards').size).toBe(0);
  });

  it('refuses to remove the last stage', () => {
    const { doc, stageIds } = newBoard({ title: 'One', stages: ['Only'], lanes: [], departments: [] });
    const lane = new Y.Doc();
    addCard(lane, { stageId: stageIds[0] ?? '', text: 'Card', author: TEST_AUTHOR });
    const error = expectRefusal([doc, lane], () => removeStage(doc, stageIds[0] ?? '', [lane]), 'LAST_STAGE');
    expect(error.message).toMatch(/"Only" is the board's only stage/);
  });

  it('refuses an unknown stage', () => {
    const { doc } = newBoard();
    const lane = new Y.Doc();
    expectRefusal([doc, lane], () => removeStage(doc, 'nostage', [lane]), 'UNKNOWN_STAGE');
  });
});

describe('addLane', () => {
  it('adds a lane at the end by default and returns its id', () => {
    const { doc } = newBoard();
    const id = addLane(doc, { name: 'Emotions', kind: 'emotions' });
    expect(readBoard(doc).lanes.at(-1)).toMatchObject({ id, name: 'Emotions', kind: 'emotions' });
  });

  it('adds a lane at the given position', () => {
    const { doc } = newBoard();
    addLane(doc, { name: 'Channels', kind: 'channels' }, 1);
    addLane(doc, { name: 'KPIs', kind: 'kpis' }, 0);
    expect(laneNames(doc)).toEqual(['KPIs', 'Touchpoints', 'Channels', 'Pain points']);
  });

  it('adds a shared lane unless a department is given', () => {
    const { doc, departmentIds } = newBoard();
    const shared = addLane(doc, { name: 'Notes', kind: 'notes' });
    const sales = addLane(doc, { name: 'Deals', kind: 'kpis', department: departmentIds[0] ?? '' });
    const everyone = addLane(doc, { name: 'Ideas', kind: 'notes', department: SHARED_DEPARTMENT });
    const lanes = readBoard(doc).lanes;
    expect(lanes.find((lane) => lane.id === shared)?.department).toBe(SHARED_DEPARTMENT);
    expect(lanes.find((lane) => lane.id === sales)?.department).toBe(departmentIds[0]);
    expect(lanes.find((lane) => lane.id === everyone)?.department).toBe(SHARED_DEPARTMENT);
  });

  it('refuses a department the board does not have', () => {
    const { doc } = newBoard();
    for (const department of ['noSuchDept', 'bad id!', '', 42 as unknown as string]) {
      const error = expectRefusal(
        doc,
        () => addLane(doc, { name: 'X', kind: 'notes', department }),
        'UNKNOWN_DEPARTMENT',
      );
      expect(error.field).toBe('department');
    }
  });

  it('refuses an empty lane name', () => {
    const { doc } = newBoard();
    expectRefusal(doc, () => addLane(doc, { name: '', kind: 'notes' }), 'EMPTY_TEXT');
  });

  it('refuses a lane name over the limit', () => {
    const { doc } = newBoard();
    const error = expectRefusal(
      doc,
      () => addLane(doc, { name: 'x'.repeat(61), kind: 'notes' }),
      'TEXT_TOO_LONG',
    );
    expect(error).toMatchObject({ field: 'laneName', limit: LIMITS.laneName });
  });

  it('refuses an unknown lane kind', () => {
    const { doc } = newBoard();
    expectRefusal(doc, () => addLane(doc, { name: 'X', kind: 'feelings' as 'notes' }), 'INVALID_LANE_KIND');
  });

  it('refuses a position out of range', () => {
    const { doc } = newBoard();
    expectRefusal(doc, () => addLane(doc, { name: 'X', kind: 'notes' }, 3), 'INVALID_INDEX');
  });

  it('refuses a lane beyond the limit', () => {
    const { doc } = newBoard();
    while (readBoard(doc).lanes.length < LIMITS.lanes) addLane(doc, { name: 'More', kind: 'notes' });
    const error = expectRefusal(doc, () => addLane(doc, { name: 'One too many', kind: 'notes' }), 'TOO_MANY');
    expect(error).toMatchObject({ field: 'lanes', limit: LIMITS.lanes });
  });
});

describe('renameLane', () => {
  it('renames a lane', () => {
    const { doc, laneIds } = newBoard();
    renameLane(doc, laneIds[1] ?? '', 'Barriers');
    expect(laneNames(doc)).toEqual(['Touchpoints', 'Barriers']);
  });

  it('refuses an unknown lane', () => {
    const { doc } = newBoard();
    const error = expectRefusal(doc, () => renameLane(doc, 'nolane', 'X'), 'UNKNOWN_LANE');
    expect(error.message).toMatch(/not found: it may have been removed by someone else/);
  });

  it('refuses an empty lane name', () => {
    const { doc, laneIds } = newBoard();
    expectRefusal(doc, () => renameLane(doc, laneIds[0] ?? '', '\n'), 'EMPTY_TEXT');
  });

  it('refuses a lane name over the limit', () => {
    const { doc, laneIds } = newBoard();
    expectRefusal(doc, () => renameLane(doc, laneIds[0] ?? '', 'x'.repeat(61)), 'TEXT_TOO_LONG');
  });
});

describe('moveLane', () => {
  it('moves a lane to its final position in the sorted list', () => {
    const { doc, laneIds } = newBoard();
    moveLane(doc, laneIds[0] ?? '', 1);
    expect(laneNames(doc)).toEqual(['Pain points', 'Touchpoints']);
  });

  it('refuses a position past the end of the list', () => {
    const { doc, laneIds } = newBoard();
    expectRefusal(doc, () => moveLane(doc, laneIds[0] ?? '', 2), 'INVALID_INDEX');
  });

  it('refuses an unknown lane', () => {
    const { doc } = newBoard();
    expectRefusal(doc, () => moveLane(doc, 'nolane', 0), 'UNKNOWN_LANE');
  });
});

describe('removeLane', () => {
  it('removes lanes, down to none', () => {
    const { doc, laneIds } = newBoard();
    removeLane(doc, laneIds[0] ?? '');
    expect(laneNames(doc)).toEqual(['Pain points']);
    removeLane(doc, laneIds[1] ?? '');
    expect(readBoard(doc).lanes).toEqual([]);
  });

  it('refuses an unknown lane', () => {
    const { doc } = newBoard();
    expectRefusal(doc, () => removeLane(doc, 'nolane'), 'UNKNOWN_LANE');
  });
});

describe('undo', () => {
  it('lets a Y.UndoManager with default tracked origins undo a local edit', () => {
    const { doc } = newBoard();
    const undo = new Y.UndoManager([doc.getMap('meta'), doc.getMap('stages'), doc.getMap('lanes')]);
    addStage(doc, 'Retention');
    undo.stopCapturing();
    renameBoard(doc, 'Renamed');
    undo.undo();
    expect(readBoard(doc).title).toBe('Checkout journey');
    undo.undo();
    expect(stageNames(doc)).toEqual(['Awareness', 'Consideration', 'Decision']);
  });
});

describe('concurrent edits', () => {
  it('converge when two people add stages at the same place', () => {
    const { doc: a } = newBoard();
    const b = replicaOf(a);
    addStage(a, 'From A', 1);
    addStage(b, 'From B', 1);
    syncBoth(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(stageNames(a).slice(1, 3).sort()).toEqual(['From A', 'From B']);
  });

  it('converge when two people rename and move the same stage', () => {
    const { doc: a, stageIds } = newBoard();
    const b = replicaOf(a);
    const id = stageIds[0] ?? '';
    renameStage(a, id, 'Seen');
    moveStage(a, id, 2);
    renameStage(b, id, 'Noticed');
    moveStage(b, id, 1);
    syncBoth(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).stages).toHaveLength(3);
  });

  it('converge when one person removes a stage another renames', () => {
    const { doc: a, stageIds } = newBoard();
    const b = replicaOf(a);
    removeStage(a, stageIds[1] ?? '', []);
    renameStage(b, stageIds[1] ?? '', 'Renamed');
    addLane(b, { name: 'Channels', kind: 'channels' });
    syncBoth(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(stageNames(a)).toEqual(['Awareness', 'Decision']);
    expect(laneNames(a)).toEqual(['Touchpoints', 'Pain points', 'Channels']);
  });

  it('keeps working between stages whose keys tied', () => {
    const { doc: a, stageIds } = newBoard();
    // Another client gave two stages the same key; inserting between them must still work.
    const stages = a.getMap('stages');
    const order = (stages.get(stageIds[0] ?? '') as Y.Map<unknown>).get('order');
    (stages.get(stageIds[1] ?? '') as Y.Map<unknown>).set('order', order);
    const b = replicaOf(a);
    expect(() => addStage(a, 'Between', 1)).not.toThrow();
    expect(() => moveStage(b, stageIds[2] ?? '', 1)).not.toThrow();
    syncBoth(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).stages).toHaveLength(4);
  });
});

describe('restoreLane', () => {
  it('puts a removed lane back with its id, name, kind, department and place', () => {
    const { doc, departmentIds } = newBoard();
    addLane(doc, { name: 'Sales KPIs', kind: 'kpis', department: departmentIds[0]! }, 1);
    const before = readBoard(doc).lanes;
    const lane = before[1]!;
    removeLane(doc, lane.id);
    restoreLane(doc, lane);
    expect(readBoard(doc).lanes).toEqual(before);
  });

  it('writes nothing for a lane that is on the board already', () => {
    const { doc } = newBoard();
    const lane = readBoard(doc).lanes[0]!;
    expect(countTransactions(doc, () => restoreLane(doc, { ...lane, name: 'Other' }))).toBe(0);
    expect(readBoard(doc).lanes[0]!.name).toBe(lane.name);
  });

  it('refuses a lane whose department is gone, or a malformed id', () => {
    const { doc } = newBoard();
    const lane = readBoard(doc).lanes[0]!;
    removeLane(doc, lane.id);
    expectRefusal(
      doc,
      () => restoreLane(doc, { ...lane, department: 'no-such-department' }),
      'UNKNOWN_DEPARTMENT',
    );
    expectRefusal(doc, () => restoreLane(doc, { ...lane, id: 'not an id' }), 'UNKNOWN_LANE');
    expect(readBoard(doc).lanes.map((l) => l.id)).not.toContain(lane.id);
  });
});
