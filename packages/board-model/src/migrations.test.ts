import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expectRefusal } from './expectRefusal.ts';
import { readCards } from './lane.ts';
import { migrateStructure } from './migrations.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { addStage, initBoard, readBoard } from './structure.ts';
import { defaultBoard } from './templates.ts';

// A board and one of its lane docs as schema version 1 saved them (defaultBoard('vi', …) and two
// cards), frozen as Yjs updates. Every later schema version must still open them.
const V1_STRUCTURE =
  'ASEBACgBBG1ldGENc2NoZW1hVmVyc2lvbgF9ASgBBG1ldGEFdGl0bGUBdxZIw6BuaCB0csOsbmggbXVhIGjDoG5nJwEGc3RhZ2VzDGh1Z1g5azZpY2RVVwEoAAECBG5hbWUBdw1OaOG6rW4gYmnhur90KAABAgVvcmRlcgF3AmEwJwEGc3RhZ2VzDHVyVkZ2Z3hFbmpiNAEoAAEFBG5hbWUBdwtDw6JuIG5o4bqvYygAAQUFb3JkZXIBdwJhMScBBnN0YWdlcwx1VjJvNVFVWXJxR2sBKAABCARuYW1lAXcPUXV54bq/dCDEkeG7i25oKAABCAVvcmRlcgF3AmEyJwEGc3RhZ2VzDFpENHR0bEM3dkMySgEoAAELBG5hbWUBdwhEdXkgdHLDrCgAAQsFb3JkZXIBdwJhMycBBnN0YWdlcwxVMWc0TVRWUVU0M0oBKAABDgRuYW1lAXcK4bumbmcgaOG7mSgAAQ4Fb3JkZXIBdwJhNCcBBWxhbmVzDEdobGlvYmdEQ2FXYwEoAAERBG5hbWUBdw7EkGnhu4NtIGNo4bqhbSgAAREEa2luZAF3C3RvdWNocG9pbnRzKAABEQVvcmRlcgF3AmEwJwEFbGFuZXMMTllPRzhKTVZMYTZzASgAARUEbmFtZQF3IEjDoG5oIMSR4buZbmcgY+G7p2Ega2jDoWNoIGjDoG5nKAABFQRraW5kAXcHYWN0aW9ucygAARUFb3JkZXIBdwJhMScBBWxhbmVzDHVwQjY1dG8zVzExcAEoAAEZBG5hbWUBdwzEkGnhu4NtIMSRYXUoAAEZBGtpbmQBdwpwYWluUG9pbnRzKAABGQVvcmRlcgF3AmEyJwEFbGFuZXMMb3lsd25vUGpMVGZMASgAAR0EbmFtZQF3CUPGoSBo4buZaSgAAR0Ea2luZAF3DW9wcG9ydHVuaXRpZXMoAAEdBW9yZGVyAXcCYTMA';
const V1_LANE =
  'AQwCACcBBWNhcmRzDE9OQUtCMWM2Mm1vWAEoAAIAB3N0YWdlSWQBdwxodWdYOWs2aWNkVVcoAAIABHRleHQBdyJUaOG6pXkgcXXhuqNuZyBjw6FvIHRyw6puIEZhY2Vib29rKAACAAZjb2xvdXIBdwRibHVlKAACAAVvcmRlcgF3BWEwampBKAACAAljcmVhdGVkQXQBe0J6IZfW3QAAJwEFY2FyZHMMZmJ1bXA4UkdLdHNBASgAAgYHc3RhZ2VJZAF3DHVWMm81UVVZcnFHaygAAgYEdGV4dAF3F0tow7RuZyB0aOG6pXkgdOG7k24ga2hvKAACBgZjb2xvdXIBdwZ5ZWxsb3coAAIGBW9yZGVyAXcFYTBoeXooAAIGCWNyZWF0ZWRBdAF7Qnohl9bdAAAA';

function docFrom(base64: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Uint8Array.from(Buffer.from(base64, 'base64')));
  return doc;
}

describe('a board saved by schema version 1', () => {
  it('opens, migrates and reads as it was written', () => {
    const doc = docFrom(V1_STRUCTURE);
    expect(migrateStructure(doc)).toEqual({ from: 1, to: SCHEMA_VERSION, changed: SCHEMA_VERSION !== 1 });
    const board = readBoard(doc);
    expect(board.schemaVersion).toBe(SCHEMA_VERSION);
    expect(board.title).toBe('Hành trình mua hàng');
    expect(board.stages.map((stage) => [stage.id, stage.name])).toEqual([
      ['hugX9k6icdUW', 'Nhận biết'],
      ['urVFvgxEnjb4', 'Cân nhắc'],
      ['uV2o5QUYrqGk', 'Quyết định'],
      ['ZD4ttlC7vC2J', 'Duy trì'],
      ['U1g4MTVQU43J', 'Ủng hộ'],
    ]);
    expect(board.lanes.map((lane) => [lane.id, lane.name, lane.kind])).toEqual([
      ['GhliobgDCaWc', 'Điểm chạm', 'touchpoints'],
      ['NYOG8JMVLa6s', 'Hành động của khách hàng', 'actions'],
      ['upB65to3W11p', 'Điểm đau', 'painPoints'],
      ['oylwnoPjLTfL', 'Cơ hội', 'opportunities'],
    ]);
  });

  it('keeps its lane docs readable', () => {
    const lane = docFrom(V1_LANE);
    expect(readCards(lane)).toEqual([
      {
        id: 'fbump8RGKtsA',
        stageId: 'uV2o5QUYrqGk',
        text: 'Không thấy tồn kho',
        colour: 'yellow',
        order: 'a0hyz',
        createdAt: 1795723980240,
      },
      {
        id: 'ONAKB1c62moX',
        stageId: 'hugX9k6icdUW',
        text: 'Thấy quảng cáo trên Facebook',
        colour: 'blue',
        order: 'a0jjA',
        createdAt: 1795723980240,
      },
    ]);
  });
});

describe('migrateStructure', () => {
  it('stamps the version on a version-1 board that lacks it, in one transaction', () => {
    const doc = new Y.Doc();
    initBoard(doc, defaultBoard('en', 'Old board'));
    doc.getMap('meta').delete('schemaVersion');
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(migrateStructure(doc)).toEqual({ from: 1, to: SCHEMA_VERSION, changed: true });
    expect(transactions).toBe(1);
    expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(readBoard(doc).title).toBe('Old board');
  });

  it('replaces a malformed version with the current one', () => {
    const doc = new Y.Doc();
    initBoard(doc, defaultBoard('en', 'Odd board'));
    doc.getMap('meta').set('schemaVersion', '1');
    expect(migrateStructure(doc).changed).toBe(true);
    expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
  });

  it('writes nothing on a current board', () => {
    const doc = new Y.Doc();
    initBoard(doc, defaultBoard('en', 'Current'));
    const before = Y.encodeStateAsUpdate(doc);
    expect(migrateStructure(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, changed: false });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('gives the same board when two replicas migrate concurrently', () => {
    const a = new Y.Doc();
    initBoard(a, defaultBoard('en', 'Shared'));
    a.getMap('meta').delete('schemaVersion');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateStructure(a);
    migrateStructure(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('refuses a board saved by a newer schema version', () => {
    const doc = new Y.Doc();
    initBoard(doc, defaultBoard('en', 'From the future'));
    doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
    const error = expectRefusal(doc, () => migrateStructure(doc), 'NEWER_SCHEMA');
    expect(error.limit).toBe(SCHEMA_VERSION);
    expectRefusal(doc, () => addStage(doc, 'Nope'), 'NEWER_SCHEMA');
  });

  it('refuses a doc that holds no board', () => {
    const doc = new Y.Doc();
    expectRefusal(doc, () => migrateStructure(doc), 'NOT_A_BOARD');
  });
});
