import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expectRefusal } from './expectRefusal.ts';
import { DocumentGuard, type DocumentWriter } from './kinds/document-guard.ts';
import { structureKind } from './kinds/structure-kind.ts';
import { migrateStructure } from './migrations.ts';
import { PERSONA_COLOURS, personaEntry, personasMap } from './persona-record.ts';
import { newPersonaValue } from './personas.ts';
import { TEST_AUTHOR, updateFrom } from './replicas.ts';
import { LIMITS, metaMap, SCHEMA_VERSION, stagesMap } from './schema.ts';
import {
  addPersona,
  initBoard,
  movePersona,
  readBoard,
  removePersona,
  setJourneyLoop,
  setStageTimeFrame,
  updatePersona,
} from './structure.ts';
import { defaultBoard } from './templates/index.ts';

const OWNER: DocumentWriter = {
  userId: TEST_AUTHOR.id,
  displayName: TEST_AUTHOR.name,
  role: 'owner',
  departmentId: null,
  guest: false,
};

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, defaultBoard('en', 'Checkout'));
  return doc;
}

const checkStructure = (doc: Y.Doc, update: Uint8Array) =>
  DocumentGuard.checkOnce(doc, structureKind.content, update, OWNER);

describe('personas', () => {
  it('are added with a name, their other fields empty, each in a colour of its own', () => {
    const doc = board();
    const admin = addPersona(doc, { name: ' Lan, IT admin ', role: 'Admin', goals: 'Roll out fast' });
    const user = addPersona(doc, { name: 'Minh' }, 0);
    const { personas } = readBoard(doc);
    expect(personas.map((persona) => persona.id)).toEqual([user, admin]);
    expect(personas[1]).toMatchObject({
      name: 'Lan, IT admin',
      role: 'Admin',
      goals: 'Roll out fast',
      needs: '',
      quote: '',
      photo: null,
      colour: PERSONA_COLOURS[0],
    });
    expect(personas[0]!.colour).toBe(PERSONA_COLOURS[1]);
  });

  it('are changed field by field, moved and removed', () => {
    const doc = board();
    const a = addPersona(doc, { name: 'Lan' });
    const b = addPersona(doc, { name: 'Minh' });
    updatePersona(doc, a, { quote: '“I need it to just work.”', photo: 'attachment01', role: '' });
    movePersona(doc, a, 1);
    expect(readBoard(doc).personas.map((p) => [p.id, p.quote, p.photo])).toEqual([
      [b, '', null],
      [a, '“I need it to just work.”', 'attachment01'],
    ]);
    removePersona(doc, b);
    expect(readBoard(doc).personas.map((p) => p.id)).toEqual([a]);
    // The colour of a removed persona is free again.
    expect(readBoard(doc).personas[0]!.colour).toBe(PERSONA_COLOURS[0]);
    const c = addPersona(doc, { name: 'Hoa' });
    expect(readBoard(doc).personas.find((p) => p.id === c)?.colour).toBe(PERSONA_COLOURS[1]);
  });

  it('refuse what does not fit, writing nothing', () => {
    const doc = board();
    const a = addPersona(doc, { name: 'Lan' });
    expectRefusal(doc, () => addPersona(doc, { name: ' ' }), 'EMPTY_TEXT');
    expectRefusal(doc, () => addPersona(doc, { name: 'x'.repeat(LIMITS.personaName + 1) }), 'TEXT_TOO_LONG');
    expectRefusal(doc, () => updatePersona(doc, a, { name: '' }), 'EMPTY_TEXT');
    expectRefusal(
      doc,
      () => updatePersona(doc, a, { goals: 'x'.repeat(LIMITS.personaText + 1) }),
      'TEXT_TOO_LONG',
    );
    expectRefusal(doc, () => updatePersona(doc, a, { photo: 'bad id' }), 'INVALID_REFERENCE');
    expectRefusal(doc, () => updatePersona(doc, 'missing0001', { name: 'X' }), 'UNKNOWN_PERSONA');
    expectRefusal(doc, () => removePersona(doc, 'missing0001'), 'UNKNOWN_PERSONA');
    for (let i = 1; i < LIMITS.personas; i++) addPersona(doc, { name: `Persona ${i}` });
    expectRefusal(doc, () => addPersona(doc, { name: 'One too many' }), 'TOO_MANY');
  });

  it('start a board when a template gives them', () => {
    const doc = new Y.Doc();
    initBoard(doc, {
      ...defaultBoard('vi', 'Hành trình'),
      personas: [{ name: 'Quản trị viên' }, { name: 'Người dùng' }],
    });
    expect(readBoard(doc).personas.map((p) => [p.name, p.colour])).toEqual([
      ['Quản trị viên', PERSONA_COLOURS[0]],
      ['Người dùng', PERSONA_COLOURS[1]],
    ]);
  });

  it('the server passes them as the operations write them, and refuses them malformed', () => {
    const doc = board();
    expect(
      checkStructure(
        doc,
        updateFrom(doc, (c) => addPersona(c, { name: 'Lan', goals: 'Fast' })),
      ),
    ).toBeNull();
    Y.applyUpdate(
      doc,
      updateFrom(doc, (c) => addPersona(c, { name: 'Lan' })),
    );
    const id = readBoard(doc).personas[0]!.id;
    const setField = (field: string, value: unknown) =>
      checkStructure(
        doc,
        updateFrom(doc, (c) => (personasMap(c).get(id) as Y.Map<unknown>).set(field, value)),
      );
    expect(setField('goals', 'x'.repeat(LIMITS.personaText + 1))).toBe('malformed-entry');
    expect(setField('name', '')).toBe('malformed-entry');
    expect(setField('colour', 'gold')).toBe('malformed-entry');
    expect(setField('photo', 42)).toBe('malformed-entry');
    expect(setField('secret', 'x')).toBe('malformed-entry');
    expect(setField('quote', '')).toBeNull();
    // Two editors each adding personas up to the limit at once: more than the limit is refused.
    const more = updateFrom(doc, (c) => {
      for (let i = 0; i < LIMITS.personas; i++) {
        personasMap(c).set(
          `extraPersona${i}`,
          personaEntry(newPersonaValue({ name: `P${i}` }, PERSONA_COLOURS[i]!, `a${i + 5}`)),
        );
      }
    });
    expect(checkStructure(doc, more)).toBe('too-many-entries');
  });
});

describe('stage time frames and the loyalty loop', () => {
  it('a stage takes a time frame, and loses it when emptied', () => {
    const doc = board();
    const stage = readBoard(doc).stages[0]!;
    expect(stage.timeFrame).toBeNull();
    setStageTimeFrame(doc, stage.id, ' day 30–60 ');
    expect(readBoard(doc).stages[0]!.timeFrame).toBe('day 30–60');
    setStageTimeFrame(doc, stage.id, '');
    expect((stagesMap(doc).get(stage.id) as Y.Map<unknown>).has('timeFrame')).toBe(false);
    expectRefusal(
      doc,
      () => setStageTimeFrame(doc, stage.id, 'x'.repeat(LIMITS.timeFrame + 1)),
      'TEXT_TOO_LONG',
    );
    expectRefusal(doc, () => setStageTimeFrame(doc, 'missing0001', 'week 1'), 'UNKNOWN_STAGE');
  });

  it('a new board can give its stages time frames', () => {
    const doc = new Y.Doc();
    initBoard(doc, {
      ...defaultBoard('en', 'Trial'),
      stages: [{ name: 'Trial', timeFrame: 'week 1' }, 'Paid'],
    });
    expect(readBoard(doc).stages.map((s) => [s.name, s.timeFrame])).toEqual([
      ['Trial', 'week 1'],
      ['Paid', null],
    ]);
  });

  it('the loop is on or off', () => {
    const doc = board();
    expect(readBoard(doc).loop).toBe(false);
    setJourneyLoop(doc, true);
    expect(readBoard(doc).loop).toBe(true);
    setJourneyLoop(doc, false);
    expect(metaMap(doc).has('loop')).toBe(false);
  });

  it('the server passes both as written, and refuses them malformed', () => {
    const doc = board();
    const stage = readBoard(doc).stages[0]!.id;
    expect(
      checkStructure(
        doc,
        updateFrom(doc, (c) => setStageTimeFrame(c, stage, 'week 1')),
      ),
    ).toBeNull();
    expect(
      checkStructure(
        doc,
        updateFrom(doc, (c) => setJourneyLoop(c, true)),
      ),
    ).toBeNull();
    const raw = (write: (c: Y.Doc) => void) => checkStructure(doc, updateFrom(doc, write));
    expect(raw((c) => (stagesMap(c).get(stage) as Y.Map<unknown>).set('timeFrame', 'x'.repeat(41)))).toBe(
      'malformed-entry',
    );
    expect(raw((c) => (stagesMap(c).get(stage) as Y.Map<unknown>).set('timeFrame', 7))).toBe(
      'malformed-entry',
    );
    expect(raw((c) => metaMap(c).set('loop', 'yes'))).toBe('malformed-entry');
  });
});

describe('a board of schema version 3', () => {
  it('migrates by its stamp alone, with no personas and no loop', () => {
    const doc = board();
    metaMap(doc).set('schemaVersion', 3);
    const before = readBoard(doc);
    expect(migrateStructure(doc)).toEqual({ from: 3, to: SCHEMA_VERSION, changed: true });
    expect(readBoard(doc)).toEqual({ ...before, schemaVersion: 4, personas: [], loop: false });
  });
});
