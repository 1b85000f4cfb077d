import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addDepartment,
  laneDepartment,
  removeDepartment,
  renameDepartment,
  setLaneDepartment,
} from './departments.ts';
import { expectRefusal } from './expectRefusal.ts';
import { LIMITS, SCHEMA_VERSION, SHARED_DEPARTMENT } from './schema.ts';
import { initBoard, readBoard, removeLane, type NewBoard } from './structure.ts';
import { countTransactions, replicaOf, syncBoth } from './replicas.ts';

const BOARD: NewBoard = {
  title: 'Support journey',
  stages: ['Retention', 'Advocacy'],
  lanes: [
    { name: 'Touchpoints', kind: 'touchpoints' },
    { name: 'KPIs', kind: 'kpis' },
  ],
  departments: [{ name: 'Sales' }, { name: 'Support' }],
};

function newBoard(): { doc: Y.Doc; laneIds: string[]; departmentIds: string[] } {
  const doc = new Y.Doc();
  const { laneIds, departmentIds } = initBoard(doc, BOARD);
  return { doc, laneIds, departmentIds };
}

function departmentNames(doc: Y.Doc): string[] {
  return readBoard(doc).departments.map((department) => department.name);
}

describe('addDepartment', () => {
  it('adds a department at the end by default, trimmed, and returns its id', () => {
    const { doc } = newBoard();
    const id = addDepartment(doc, '  Marketing ');
    expect(readBoard(doc).departments.at(-1)).toMatchObject({ id, name: 'Marketing' });
    expect(id).not.toBe(SHARED_DEPARTMENT);
  });

  it('adds a department at the given position', () => {
    const { doc } = newBoard();
    addDepartment(doc, 'First', 0);
    addDepartment(doc, 'Middle', 2);
    expect(departmentNames(doc)).toEqual(['First', 'Sales', 'Middle', 'Support']);
  });

  it('writes in one transaction', () => {
    const { doc } = newBoard();
    expect(countTransactions(doc, () => addDepartment(doc, 'HR'))).toBe(1);
  });

  it('refuses an empty department name', () => {
    const { doc } = newBoard();
    const error = expectRefusal(doc, () => addDepartment(doc, ' \n'), 'EMPTY_TEXT');
    expect(error.field).toBe('departmentName');
  });

  it('refuses a department name over the limit', () => {
    const { doc } = newBoard();
    const error = expectRefusal(
      doc,
      () => addDepartment(doc, 'x'.repeat(LIMITS.departmentName + 1)),
      'TEXT_TOO_LONG',
    );
    expect(error).toMatchObject({ field: 'departmentName', limit: LIMITS.departmentName });
  });

  it('refuses a position out of range', () => {
    const { doc } = newBoard();
    for (const index of [-1, 3, 0.5])
      expectRefusal(doc, () => addDepartment(doc, 'X', index), 'INVALID_INDEX');
  });

  it('refuses a department beyond the limit', () => {
    const { doc } = newBoard();
    while (readBoard(doc).departments.length < LIMITS.departments) addDepartment(doc, 'More');
    const error = expectRefusal(doc, () => addDepartment(doc, 'One too many'), 'TOO_MANY');
    expect(error).toMatchObject({ field: 'departments', limit: LIMITS.departments });
    expect(error.message).toMatch(/remove a department first/);
  });

  it('refuses a doc that holds no board, or a board of a newer schema', () => {
    const empty = new Y.Doc();
    expectRefusal(empty, () => addDepartment(empty, 'X'), 'NOT_A_BOARD');
    const { doc } = newBoard();
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    expectRefusal(doc, () => addDepartment(doc, 'X'), 'NEWER_SCHEMA');
  });
});

describe('renameDepartment', () => {
  it('renames a department', () => {
    const { doc, departmentIds } = newBoard();
    renameDepartment(doc, departmentIds[1] ?? '', ' Chăm sóc khách hàng ');
    expect(departmentNames(doc)).toEqual(['Sales', 'Chăm sóc khách hàng']);
  });

  it('writes nothing when the name is unchanged', () => {
    const { doc, departmentIds } = newBoard();
    const before = Y.encodeStateAsUpdate(doc);
    renameDepartment(doc, departmentIds[0] ?? '', 'Sales ');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('refuses an unknown department, including the shared marker', () => {
    const { doc } = newBoard();
    const error = expectRefusal(doc, () => renameDepartment(doc, 'noSuchDept', 'X'), 'UNKNOWN_DEPARTMENT');
    expect(error).toMatchObject({ field: 'departmentId' });
    expect(error.message).toBe('Department "noSuchDept" not found: it may have been removed by someone else');
    expectRefusal(doc, () => renameDepartment(doc, SHARED_DEPARTMENT, 'X'), 'UNKNOWN_DEPARTMENT');
  });

  it('refuses an empty or too long name', () => {
    const { doc, departmentIds } = newBoard();
    expectRefusal(doc, () => renameDepartment(doc, departmentIds[0] ?? '', ''), 'EMPTY_TEXT');
    expectRefusal(doc, () => renameDepartment(doc, departmentIds[0] ?? '', 'x'.repeat(61)), 'TEXT_TOO_LONG');
  });
});

describe('removeDepartment', () => {
  it('removes departments no lane belongs to, down to none', () => {
    const { doc, departmentIds } = newBoard();
    removeDepartment(doc, departmentIds[0] ?? '');
    expect(departmentNames(doc)).toEqual(['Support']);
    removeDepartment(doc, departmentIds[1] ?? '');
    expect(readBoard(doc).departments).toEqual([]);
  });

  it('refuses a department a lane belongs to, naming the lanes', () => {
    const { doc, laneIds, departmentIds } = newBoard();
    const sales = departmentIds[0] ?? '';
    setLaneDepartment(doc, laneIds[0] ?? '', sales);
    const one = expectRefusal(doc, () => removeDepartment(doc, sales), 'DEPARTMENT_IN_USE');
    expect(one.field).toBe('departmentId');
    expect(one.message).toBe(
      'Department "Sales" still owns lane "Touchpoints": give it another department or make it shared first',
    );
    setLaneDepartment(doc, laneIds[1] ?? '', sales);
    const two = expectRefusal(doc, () => removeDepartment(doc, sales), 'DEPARTMENT_IN_USE');
    expect(two.message).toMatch(/still owns lanes "Touchpoints", "KPIs": give them/);
  });

  it('removes a department once its lanes are shared or gone', () => {
    const { doc, laneIds, departmentIds } = newBoard();
    const sales = departmentIds[0] ?? '';
    setLaneDepartment(doc, laneIds[0] ?? '', sales);
    setLaneDepartment(doc, laneIds[1] ?? '', sales);
    setLaneDepartment(doc, laneIds[0] ?? '', SHARED_DEPARTMENT);
    removeLane(doc, laneIds[1] ?? '');
    removeDepartment(doc, sales);
    expect(departmentNames(doc)).toEqual(['Support']);
  });

  it('refuses an unknown department', () => {
    const { doc } = newBoard();
    expectRefusal(doc, () => removeDepartment(doc, 'noSuchDept'), 'UNKNOWN_DEPARTMENT');
    expectRefusal(doc, () => removeDepartment(doc, SHARED_DEPARTMENT), 'UNKNOWN_DEPARTMENT');
  });
});

describe('setLaneDepartment', () => {
  it('gives a lane to a department and makes it shared again', () => {
    const { doc, laneIds, departmentIds } = newBoard();
    const lane = laneIds[1] ?? '';
    setLaneDepartment(doc, lane, departmentIds[1] ?? '');
    expect(readBoard(doc).lanes[1]?.department).toBe(departmentIds[1]);
    setLaneDepartment(doc, lane, SHARED_DEPARTMENT);
    expect(readBoard(doc).lanes[1]?.department).toBe(SHARED_DEPARTMENT);
  });

  it('writes in one transaction, and nothing when the department is unchanged', () => {
    const { doc, laneIds, departmentIds } = newBoard();
    expect(
      countTransactions(doc, () => setLaneDepartment(doc, laneIds[0] ?? '', departmentIds[0] ?? '')),
    ).toBe(1);
    const before = Y.encodeStateAsUpdate(doc);
    setLaneDepartment(doc, laneIds[0] ?? '', departmentIds[0] ?? '');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('refuses an unknown lane', () => {
    const { doc, departmentIds } = newBoard();
    expectRefusal(doc, () => setLaneDepartment(doc, 'noSuchLane', departmentIds[0] ?? ''), 'UNKNOWN_LANE');
  });

  it('refuses a department the board does not have', () => {
    const { doc, laneIds } = newBoard();
    for (const department of ['noSuchDept', 'SHARED', '', null as unknown as string]) {
      const error = expectRefusal(
        doc,
        () => setLaneDepartment(doc, laneIds[0] ?? '', department),
        'UNKNOWN_DEPARTMENT',
      );
      expect(error.field).toBe('department');
    }
  });
});

describe('laneDepartment', () => {
  it("gives a lane's department, shared, or null for a lane the board does not have", () => {
    const { doc, laneIds, departmentIds } = newBoard();
    setLaneDepartment(doc, laneIds[0] ?? '', departmentIds[1] ?? '');
    expect(laneDepartment(doc, laneIds[0] ?? '')).toBe(departmentIds[1]);
    expect(laneDepartment(doc, laneIds[1] ?? '')).toBe(SHARED_DEPARTMENT);
    expect(laneDepartment(doc, 'noSuchLane')).toBeNull();
    expect(laneDepartment(doc, 'bad id!')).toBeNull();
    removeLane(doc, laneIds[0] ?? '');
    expect(laneDepartment(doc, laneIds[0] ?? '')).toBeNull();
  });

  it('reads a lane whose department was removed as shared', () => {
    const { doc, laneIds, departmentIds } = newBoard();
    // What a concurrent removeDepartment and setLaneDepartment can leave behind.
    (doc.getMap('lanes').get(laneIds[0] ?? '') as Y.Map<unknown>).set('department', departmentIds[0]);
    doc.getMap('departments').delete(departmentIds[0] ?? '');
    expect(laneDepartment(doc, laneIds[0] ?? '')).toBe(SHARED_DEPARTMENT);
  });

  it('returns null for an unreadable lane entry', () => {
    const { doc } = newBoard();
    doc.getMap('lanes').set('brokenLane', new Y.Map<unknown>([['department', 'dept-sales']]));
    expect(laneDepartment(doc, 'brokenLane')).toBeNull();
  });

  it('reads every lane of an unmigrated version-1 board as shared', () => {
    const { doc, laneIds } = newBoard();
    // Version 1 had no departments: strip them as an old board would be.
    doc.transact(() => {
      doc.getMap('meta').set('schemaVersion', 1);
      for (const id of [...doc.getMap('departments').keys()]) doc.getMap('departments').delete(id);
      doc.getMap('lanes').forEach((lane) => (lane as Y.Map<unknown>).delete('department'));
    });
    expect(laneIds.map((id) => laneDepartment(doc, id))).toEqual([SHARED_DEPARTMENT, SHARED_DEPARTMENT]);
  });

  it('refuses a doc that holds no board', () => {
    const doc = new Y.Doc();
    expectRefusal(doc, () => laneDepartment(doc, 'someLane'), 'NOT_A_BOARD');
  });
});

describe('concurrent department edits', () => {
  it('converge to a shared lane when one person removes a department another gives a lane to', () => {
    const { doc: a, laneIds, departmentIds } = newBoard();
    const b = replicaOf(a);
    removeDepartment(a, departmentIds[0] ?? '');
    setLaneDepartment(b, laneIds[0] ?? '', departmentIds[0] ?? '');
    syncBoth(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(laneDepartment(a, laneIds[0] ?? '')).toBe(SHARED_DEPARTMENT);
  });

  it('converge when two people add departments at the same place', () => {
    const { doc: a } = newBoard();
    const b = replicaOf(a);
    addDepartment(a, 'From A', 1);
    addDepartment(b, 'From B', 1);
    syncBoth(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(departmentNames(a).slice(1, 3).sort()).toEqual(['From A', 'From B']);
  });
});
