import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expectRefusal } from './expectRefusal.ts';
import { addDepartment, laneDepartment, renameDepartment, setLaneDepartment } from './departments.ts';
import type { CardFacts } from './card-authors.ts';
import { DocumentGuard, type DocumentWriter } from './kinds/document-guard.ts';
import { laneKind } from './kinds/lane-kind.ts';
import { moveCardToLane, readCard, readCards, setCardColour, updateCardText } from './lane.ts';
import { NO_CARD_FIELDS } from './card-fields.ts';
import { migrateStructure } from './migrations.ts';
import { DEFAULT_DEPARTMENT_IDS, SCHEMA_VERSION, SHARED_DEPARTMENT } from './schema.ts';
import { addLane, addStage, initBoard, readBoard, renameBoard } from './structure.ts';
import { talkKind } from './kinds/talk-kind.ts';
import { addComment, editComment, readComments, resolveThread } from './talk.ts';
import { defaultBoard } from './templates/index.ts';
import { syncBoth, updateFrom } from './replicas.ts';

// A board and one of its lane docs as schema version 1 saved them (defaultBoard('vi', …) and two
// cards), frozen as Yjs updates. Every later schema version must still open them.
const V1_STRUCTURE =
  'ASEBACgBBG1ldGENc2NoZW1hVmVyc2lvbgF9ASgBBG1ldGEFdGl0bGUBdxZIw6BuaCB0csOsbmggbXVhIGjDoG5nJwEGc3RhZ2VzDGh1Z1g5azZpY2RVVwEoAAECBG5hbWUBdw1OaOG6rW4gYmnhur90KAABAgVvcmRlcgF3AmEwJwEGc3RhZ2VzDHVyVkZ2Z3hFbmpiNAEoAAEFBG5hbWUBdwtDw6JuIG5o4bqvYygAAQUFb3JkZXIBdwJhMScBBnN0YWdlcwx1VjJvNVFVWXJxR2sBKAABCARuYW1lAXcPUXV54bq/dCDEkeG7i25oKAABCAVvcmRlcgF3AmEyJwEGc3RhZ2VzDFpENHR0bEM3dkMySgEoAAELBG5hbWUBdwhEdXkgdHLDrCgAAQsFb3JkZXIBdwJhMycBBnN0YWdlcwxVMWc0TVRWUVU0M0oBKAABDgRuYW1lAXcK4bumbmcgaOG7mSgAAQ4Fb3JkZXIBdwJhNCcBBWxhbmVzDEdobGlvYmdEQ2FXYwEoAAERBG5hbWUBdw7EkGnhu4NtIGNo4bqhbSgAAREEa2luZAF3C3RvdWNocG9pbnRzKAABEQVvcmRlcgF3AmEwJwEFbGFuZXMMTllPRzhKTVZMYTZzASgAARUEbmFtZQF3IEjDoG5oIMSR4buZbmcgY+G7p2Ega2jDoWNoIGjDoG5nKAABFQRraW5kAXcHYWN0aW9ucygAARUFb3JkZXIBdwJhMScBBWxhbmVzDHVwQjY1dG8zVzExcAEoAAEZBG5hbWUBdwzEkGnhu4NtIMSRYXUoAAEZBGtpbmQBdwpwYWluUG9pbnRzKAABGQVvcmRlcgF3AmEyJwEFbGFuZXMMb3lsd25vUGpMVGZMASgAAR0EbmFtZQF3CUPGoSBo4buZaSgAAR0Ea2luZAF3DW9wcG9ydHVuaXRpZXMoAAEdBW9yZGVyAXcCYTMA';
const V1_LANE =
  'AQwCACcBBWNhcmRzDE9OQUtCMWM2Mm1vWAEoAAIAB3N0YWdlSWQBdwxodWdYOWs2aWNkVVcoAAIABHRleHQBdyJUaOG6pXkgcXXhuqNuZyBjw6FvIHRyw6puIEZhY2Vib29rKAACAAZjb2xvdXIBdwRibHVlKAACAAVvcmRlcgF3BWEwampBKAACAAljcmVhdGVkQXQBe0J6IZfW3QAAJwEFY2FyZHMMZmJ1bXA4UkdLdHNBASgAAgYHc3RhZ2VJZAF3DHVWMm81UVVZcnFHaygAAgYEdGV4dAF3F0tow7RuZyB0aOG6pXkgdOG7k24ga2hvKAACBgZjb2xvdXIBdwZ5ZWxsb3coAAIGBW9yZGVyAXcFYTBoeXooAAIGCWNyZWF0ZWRBdAF7Qnohl9bdAAAA';

// A board as schema version 2 saved it (defaultBoard('vi', …), a department added, one renamed,
// three lanes given to departments) and its talk doc with two comments, frozen as Yjs updates.
const V2_STRUCTURE =
  'ATu5tP7yBgAoAQRtZXRhDXNjaGVtYVZlcnNpb24BfQIoAQRtZXRhBXRpdGxlAXcWSMOgbmggdHLDrG5oIG11YSBow6BuZycBBnN0YWdlcwxhMUNVR0dLYXlmSjEBKAC5tP7yBgIEbmFtZQF3DU5o4bqtbiBiaeG6v3QoALm0/vIGAgVvcmRlcgF3AmEwJwEGc3RhZ2VzDGt0dXRYakpDeGNOUwEoALm0/vIGBQRuYW1lAXcLQ8OibiBuaOG6r2MoALm0/vIGBQVvcmRlcgF3AmExJwEGc3RhZ2VzDGRLQzU3SEJDM3dmdwEoALm0/vIGCARuYW1lAXcPUXV54bq/dCDEkeG7i25oKAC5tP7yBggFb3JkZXIBdwJhMicBBnN0YWdlcwxyYkIzQzNRV3dpQ2UBKAC5tP7yBgsEbmFtZQF3CER1eSB0csOsKAC5tP7yBgsFb3JkZXIBdwJhMycBBnN0YWdlcwxvUzJIRmNiNnVHcWEBKAC5tP7yBg4EbmFtZQF3CuG7pm5nIGjhu5koALm0/vIGDgVvcmRlcgF3AmE0JwEFbGFuZXMMV3ZaOFNodkNmWmI3ASgAubT+8gYRBG5hbWUBdw7EkGnhu4NtIGNo4bqhbSgAubT+8gYRBGtpbmQBdwt0b3VjaHBvaW50cygAubT+8gYRBW9yZGVyAXcCYTAhALm0/vIGEQpkZXBhcnRtZW50AScBBWxhbmVzDFZiUUZrRVc3MFdpQwEoALm0/vIGFgRuYW1lAXcgSMOgbmggxJHhu5luZyBj4bunYSBraMOhY2ggaMOgbmcoALm0/vIGFgRraW5kAXcHYWN0aW9ucygAubT+8gYWBW9yZGVyAXcCYTEoALm0/vIGFgpkZXBhcnRtZW50AXcGc2hhcmVkJwEFbGFuZXMMaUo4Nk44VmJzVGJDASgAubT+8gYbBG5hbWUBdwzEkGnhu4NtIMSRYXUoALm0/vIGGwRraW5kAXcKcGFpblBvaW50cygAubT+8gYbBW9yZGVyAXcCYTIhALm0/vIGGwpkZXBhcnRtZW50AScBBWxhbmVzDG1wN2JaZ3hNQk9hSAEoALm0/vIGIARuYW1lAXcJQ8ahIGjhu5lpKAC5tP7yBiAEa2luZAF3DW9wcG9ydHVuaXRpZXMoALm0/vIGIAVvcmRlcgF3AmEzIQC5tP7yBiAKZGVwYXJ0bWVudAEnAQtkZXBhcnRtZW50cwpkZXB0LXNhbGVzASgAubT+8gYlBG5hbWUBdwpLaW5oIGRvYW5oKAC5tP7yBiUFb3JkZXIBdwJhMCcBC2RlcGFydG1lbnRzDmRlcHQtbWFya2V0aW5nASgAubT+8gYoBG5hbWUBdwlNYXJrZXRpbmcoALm0/vIGKAVvcmRlcgF3AmExJwELZGVwYXJ0bWVudHMMZGVwdC1zdXBwb3J0ASgAubT+8gYrBG5hbWUBdxdDaMSDbSBzw7NjIGtow6FjaCBow6BuZygAubT+8gYrBW9yZGVyAXcCYTInAQtkZXBhcnRtZW50cwdkZXB0LWhyASEAubT+8gYuBG5hbWUBKAC5tP7yBi4Fb3JkZXIBdwJhMycBC2RlcGFydG1lbnRzDGRlcHQtcHJvZHVjdAEoALm0/vIGMQRuYW1lAXcMU+G6o24gcGjhuqltKAC5tP7yBjEFb3JkZXIBdwJhNCcBC2RlcGFydG1lbnRzDGhKTVlzQUZWd0sxMwEoALm0/vIGNARuYW1lAXcLUGjDoXAgY2jhur8oALm0/vIGNAVvcmRlcgF3BWE1QlNlqLm0/vIGFQF3DmRlcHQtbWFya2V0aW5nqLm0/vIGHwF3DGRlcHQtc3VwcG9ydKi5tP7yBiQBdwxoSk1Zc0FGVndLMTOoubT+8gYvAXcYTmjDom4gc+G7sSAmIMSQw6BvIHThuqFvAbm0/vIGBBUBHwEkAS8B';
// One of its lane docs: two cards, one edited and one recoloured, as version 2 wrote them (no author).
const V2_LANE =
  'AQ7k4JaQCgAnAQVjYXJkcwxlMk9ZNnBxQmR1VngBKADk4JaQCgAHc3RhZ2VJZAF3DGtUdXRYakpDeGNOUyEA5OCWkAoABHRleHQBKADk4JaQCgAGY29sb3VyAXcGeWVsbG93KADk4JaQCgAFb3JkZXIBdwVhMHdFcSgA5OCWkAoACWNyZWF0ZWRBdAF7QnojRMZbQAAnAQVjYXJkcwxaMUZNekg3aDlLcHQBKADk4JaQCgYHc3RhZ2VJZAF3DGRLQzU3SEJDM3dmdygA5OCWkAoGBHRleHQBdxZI4buPaSB24buBIGLhuqNvIGjDoG5oIQDk4JaQCgYGY29sb3VyASgA5OCWkAoGBW9yZGVyAXcFYTBlZzYoAOTglpAKBgljcmVhdGVkQXQBe0J6I0TGW2AAqOTglpAKAgF3H1NvIHPDoW5oIGdpw6EgdHLDqm4gbmhp4buBdSB3ZWKo5OCWkAoJAXcEdGVhbAHk4JaQCgICAQkB';

const V2_TALK =
  'AQ7tuaOOAwAnAQhjb21tZW50cwxUYkh1empyZEd2QmsBKADtuaOOAwAGY2FyZElkAXcMZmJ1bXA4UkdLdHNBKADtuaOOAwAGbGFuZUlkAXcMaUo4Nk44VmJzVGJDKADtuaOOAwAIYXV0aG9ySWQBdxBxMms3bXZ4Ym40YTNoZDVlKADtuaOOAwAKYXV0aG9yTmFtZQF3DExhbiBOZ3V54buFbigA7bmjjgMABHRleHQBdxxLaG8gY+G6rXAgbmjhuq10IG3hu5dpIHThu5FpKADtuaOOAwAJY3JlYXRlZEF0AXtCeiGYXyRAACcBCGNvbW1lbnRzDFNlWTBubEFnRkdBdgEoAO25o44DBwZjYXJkSWQBdwxmYnVtcDhSR0t0c0EoAO25o44DBwZsYW5lSWQBdwxpSjg2TjhWYnNUYkMoAO25o44DBwhhdXRob3JJZAF3EHp0NnB3cTNjeWI3dWtlMmQoAO25o44DBwphdXRob3JOYW1lAXcETWluaCgA7bmjjgMHBHRleHQBdyZD4bqnbiBoaeG7g24gdGjhu4sgdOG7k24ga2hvIHRyw6puIHdlYigA7bmjjgMHCWNyZWF0ZWRBdAF7QnohmF8kQAAA';

const V1_LANE_IDS = ['GhliobgDCaWc', 'NYOG8JMVLa6s', 'upB65to3W11p', 'oylwnoPjLTfL'];

function docFrom(base64: string, clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  Y.applyUpdate(doc, Uint8Array.from(Buffer.from(base64, 'base64')));
  return doc;
}

/** A version-1 board made by today's code: no departments, lanes without one, stamped 1. */
function versionOneBoard(clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  initBoard(doc, { ...defaultBoard('en', 'Old board'), departments: [] });
  doc.transact(() => {
    doc.getMap('meta').set('schemaVersion', 1);
    doc.getMap('lanes').forEach((lane) => (lane as Y.Map<unknown>).delete('department'));
  });
  return doc;
}

const ENGLISH_DEFAULTS = [
  ['dept-sales', 'Sales'],
  ['dept-marketing', 'Marketing'],
  ['dept-support', 'Support'],
  ['dept-hr', 'HR'],
  ['dept-product', 'Product'],
];

describe('a board saved by schema version 1', () => {
  it('reads before it is migrated: no departments, every lane shared', () => {
    const doc = docFrom(V1_STRUCTURE);
    const board = readBoard(doc);
    expect(board.schemaVersion).toBe(1);
    expect(board.title).toBe('Hành trình mua hàng');
    expect(board.departments).toEqual([]);
    expect(board.lanes.map((lane) => lane.id)).toEqual(V1_LANE_IDS);
    expect(board.lanes.map((lane) => lane.department)).toEqual(V1_LANE_IDS.map(() => SHARED_DEPARTMENT));
    expect(laneDepartment(doc, V1_LANE_IDS[0] ?? '')).toBe(SHARED_DEPARTMENT);
  });

  it('opens, migrates and reads as it was written', () => {
    const doc = docFrom(V1_STRUCTURE);
    expect(migrateStructure(doc)).toEqual({ from: 1, to: SCHEMA_VERSION, changed: true });
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

  it('gets the five default departments, in English, and every lane shared', () => {
    const doc = docFrom(V1_STRUCTURE);
    migrateStructure(doc);
    const board = readBoard(doc);
    expect(board.departments.map((department) => [department.id, department.name])).toEqual(ENGLISH_DEFAULTS);
    expect(board.departments.map((department) => department.id)).toEqual([...DEFAULT_DEPARTMENT_IDS]);
    for (const id of V1_LANE_IDS) {
      expect((doc.getMap('lanes').get(id) as Y.Map<unknown>).get('department')).toBe(SHARED_DEPARTMENT);
    }
  });

  it('migrates once: a second run writes nothing', () => {
    const doc = docFrom(V1_STRUCTURE);
    migrateStructure(doc);
    const before = Y.encodeStateAsUpdate(doc);
    expect(migrateStructure(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, changed: false });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  // Client 1 wrote the fixture: the replicas use other ids, in both orders, as Yjs breaks ties by id.
  for (const [first, second] of [
    [101, 102],
    [102, 101],
  ] as const) {
    it(`converges to five departments when two replicas migrate concurrently (clients ${first}, ${second})`, () => {
      const a = docFrom(V1_STRUCTURE, first);
      const b = docFrom(V1_STRUCTURE, second);
      migrateStructure(a);
      migrateStructure(b);
      syncBoth(a, b);
      expect(readBoard(a)).toEqual(readBoard(b));
      expect(readBoard(a).departments.map((department) => [department.id, department.name])).toEqual(
        ENGLISH_DEFAULTS,
      );
      expect(a.getMap('departments').size).toBe(5);
      expect(readBoard(a).lanes.every((lane) => lane.department === SHARED_DEPARTMENT)).toBe(true);
      expect(migrateStructure(a).changed).toBe(false);
    });
  }

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
        author: null,
        ...NO_CARD_FIELDS,
      },
      {
        id: 'ONAKB1c62moX',
        stageId: 'hugX9k6icdUW',
        text: 'Thấy quảng cáo trên Facebook',
        colour: 'blue',
        order: 'a0jjA',
        createdAt: 1795723980240,
        author: null,
        ...NO_CARD_FIELDS,
      },
    ]);
  });
});

describe('a board saved by schema version 2', () => {
  it('migrates by its stamp alone, and reads as it was written', () => {
    const doc = docFrom(V2_STRUCTURE);
    const before = readBoard(doc);
    expect(migrateStructure(doc)).toEqual({ from: 2, to: SCHEMA_VERSION, changed: true });
    expect(readBoard(doc)).toEqual({ ...before, schemaVersion: SCHEMA_VERSION });
    const board = readBoard(doc);
    expect(board.title).toBe('Hành trình mua hàng');
    expect(board.stages.map((stage) => stage.name)).toEqual([
      'Nhận biết',
      'Cân nhắc',
      'Quyết định',
      'Duy trì',
      'Ủng hộ',
    ]);
    expect(board.departments.map((department) => [department.id, department.name])).toEqual([
      ['dept-sales', 'Kinh doanh'],
      ['dept-marketing', 'Marketing'],
      ['dept-support', 'Chăm sóc khách hàng'],
      ['dept-hr', 'Nhân sự & Đào tạo'],
      ['dept-product', 'Sản phẩm'],
      ['hJMYsAFVwK13', 'Pháp chế'],
    ]);
    expect(board.lanes.map((lane) => [lane.id, lane.name, lane.kind, lane.department])).toEqual([
      ['WvZ8ShvCfZb7', 'Điểm chạm', 'touchpoints', 'dept-marketing'],
      ['VbQFkEW70WiC', 'Hành động của khách hàng', 'actions', SHARED_DEPARTMENT],
      ['iJ86N8VbsTbC', 'Điểm đau', 'painPoints', 'dept-support'],
      ['mp7bZgxMBOaH', 'Cơ hội', 'opportunities', 'hJMYsAFVwK13'],
    ]);
  });

  it('keeps its talk doc readable: comments written before the guest mark and threads read as by members, open roots', () => {
    expect(readComments(docFrom(V2_TALK))).toEqual([
      {
        id: 'SeY0nlAgFGAv',
        cardId: 'fbump8RGKtsA',
        laneId: 'iJ86N8VbsTbC',
        authorId: 'zt6pwq3cyb7uke2d',
        authorName: 'Minh',
        authorGuest: false,
        text: 'Cần hiển thị tồn kho trên web',
        createdAt: 1795724538436,
        parentId: null,
        mentions: [],
        editedAt: null,
        resolvedBy: null,
        resolvedAt: null,
      },
      {
        id: 'TbHuzjrdGvBk',
        cardId: 'fbump8RGKtsA',
        laneId: 'iJ86N8VbsTbC',
        authorId: 'q2k7mvxbn4a3hd5e',
        authorName: 'Lan Nguyễn',
        authorGuest: false,
        text: 'Kho cập nhật mỗi tối',
        createdAt: 1795724538436,
        parentId: null,
        mentions: [],
        editedAt: null,
        resolvedBy: null,
        resolvedAt: null,
      },
    ]);
  });

  it('lets its comments be edited by their authors, replied to and resolved, with no migration', () => {
    const lan: DocumentWriter = {
      userId: 'q2k7mvxbn4a3hd5e',
      displayName: 'Lan Nguyễn',
      role: 'participant',
      departmentId: 'dept-support',
      guest: false,
    };
    const server = docFrom(V2_TALK);
    const check = (update: Uint8Array) => DocumentGuard.checkOnce(server, talkKind.content, update, lan);
    expect(
      check(updateFrom(server, (c) => editComment(c, 'TbHuzjrdGvBk', { text: 'Kho cập nhật mỗi giờ' }))),
    ).toBeNull();
    expect(check(updateFrom(server, (c) => editComment(c, 'SeY0nlAgFGAv', { text: 'Not mine' })))).toBe(
      'comment-altered',
    );
    const reply = updateFrom(server, (c) =>
      addComment(c, {
        cardId: 'fbump8RGKtsA',
        laneId: 'iJ86N8VbsTbC',
        authorId: lan.userId!,
        authorName: lan.displayName,
        parentId: 'SeY0nlAgFGAv',
        text: 'Đồng ý',
      }),
    );
    expect(check(reply)).toBeNull();
    expect(check(updateFrom(server, (c) => resolveThread(c, 'TbHuzjrdGvBk', lan.userId!)))).toBeNull();
    expect(check(updateFrom(server, (c) => resolveThread(c, 'SeY0nlAgFGAv', lan.userId!)))).toBe(
      'not-your-thread',
    );
  });
});

describe('the cards of a board saved by schema version 2', () => {
  const writer: DocumentWriter = {
    userId: 'w8c3ptzr6y2fgk9j',
    displayName: 'Minh Trần',
    role: 'participant',
    departmentId: 'dept-support',
    guest: false,
  };
  // What the server records for cards it finds without an author: an unknown author, in their lane.
  const facts = (laneId: string): CardFacts => ({
    laneId,
    recordOf: (cardId) =>
      ['e2OY6pqBduVx', 'Z1FMzH7h9Kpt'].includes(cardId) ? { author: null, laneId: 'iJ86N8VbsTbC' } : null,
    laneDepartment: () => 'dept-support',
  });

  it('read as by an unknown author', () => {
    expect(readCards(docFrom(V2_LANE))).toEqual([
      {
        id: 'Z1FMzH7h9Kpt',
        stageId: 'dKC57HBC3wfw',
        text: 'Hỏi về bảo hành',
        colour: 'teal',
        order: 'a0eg6',
        createdAt: 1796173751734,
        author: null,
        ...NO_CARD_FIELDS,
      },
      {
        id: 'e2OY6pqBduVx',
        stageId: 'kTutXjJCxcNS',
        text: 'So sánh giá trên nhiều web',
        colour: 'yellow',
        order: 'a0wEq',
        createdAt: 1796173751732,
        author: null,
        ...NO_CARD_FIELDS,
      },
    ]);
  });

  it('stay editable, and move to another lane without an author, as the server checks them', () => {
    const lane = docFrom(V2_LANE);
    const edit = updateFrom(lane, (c) => {
      updateCardText(c, 'e2OY6pqBduVx', 'So sánh giá');
      setCardColour(c, 'Z1FMzH7h9Kpt', 'pink');
    });
    expect(
      DocumentGuard.checkOnce(lane, laneKind.content, edit, writer, { cards: facts('iJ86N8VbsTbC') }),
    ).toBeNull();
    const target = new Y.Doc();
    moveCardToLane(lane, target, 'e2OY6pqBduVx', { stageId: 'kTutXjJCxcNS', index: 0 });
    expect(readCard(target, 'e2OY6pqBduVx')).toMatchObject({
      text: 'So sánh giá trên nhiều web',
      author: null,
    });
    const moved = Y.encodeStateAsUpdate(target);
    expect(
      DocumentGuard.checkOnce(new Y.Doc(), laneKind.content, moved, writer, { cards: facts('mp7bZgxMBOaH') }),
    ).toBeNull();
  });
});

describe('migrateStructure', () => {
  it('keeps what a version-2 client wrote to a board before it was migrated', () => {
    const doc = versionOneBoard();
    const laneIds = readBoard(doc).lanes.map((lane) => lane.id);
    // A version-2 client edited the board before the server migrated it.
    addDepartment(doc, 'Legal');
    doc.getMap('departments').set(
      'dept-sales',
      new Y.Map<unknown>([
        ['name', 'Sales & Partnerships'],
        ['order', 'Zz'],
      ]),
    );
    setLaneDepartment(doc, laneIds[0] ?? '', 'dept-sales');
    const laterLane = addLane(doc, { name: 'Notes', kind: 'notes' });
    migrateStructure(doc);
    const board = readBoard(doc);
    // Legal was added first, with a key after a0: the defaults (a0 to a4) sort around it.
    expect(board.departments.map((department) => department.name)).toEqual([
      'Sales & Partnerships',
      'Legal',
      'Marketing',
      'Support',
      'HR',
      'Product',
    ]);
    expect(laneDepartment(doc, laneIds[0] ?? '')).toBe('dept-sales');
    expect(laneDepartment(doc, laterLane)).toBe(SHARED_DEPARTMENT);
    expect(board.lanes.slice(1, 4).map((lane) => lane.department)).toEqual([
      SHARED_DEPARTMENT,
      SHARED_DEPARTMENT,
      SHARED_DEPARTMENT,
    ]);
  });

  it('replaces a default department whose entry is unreadable, and a lane department that is not a string', () => {
    const doc = versionOneBoard();
    const laneId = readBoard(doc).lanes[0]?.id ?? '';
    doc.getMap('departments').set('dept-hr', 'not a map');
    (doc.getMap('lanes').get(laneId) as Y.Map<unknown>).set('department', 42);
    migrateStructure(doc);
    expect(readBoard(doc).departments.find((department) => department.id === 'dept-hr')?.name).toBe('HR');
    expect((doc.getMap('lanes').get(laneId) as Y.Map<unknown>).get('department')).toBe(SHARED_DEPARTMENT);
  });

  it('converges when one replica renames a migrated department while another migrates', () => {
    // Documented limit: two concurrent migrations each write the default entries, and one of
    // the two entries wins whole; a rename made on the losing one is lost. Both replicas agree.
    const a = versionOneBoard(101);
    const b = new Y.Doc();
    b.clientID = 102;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateStructure(a);
    renameDepartment(a, 'dept-sales', 'Revenue');
    migrateStructure(b);
    syncBoth(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).departments).toHaveLength(5);
    expect(['Revenue', 'Sales']).toContain(readBoard(a).departments[0]?.name);
  });

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

  it('keeps a board readable while a migration and a rename arrive before an earlier update', () => {
    const a = versionOneBoard(101);
    const b = new Y.Doc();
    b.clientID = 102;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const updates: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => updates.push(update));
    addStage(a, 'Onboarding');
    renameBoard(a, 'Renamed');
    migrateStructure(a);
    const [earlier, ...later] = updates as [Uint8Array, ...Uint8Array[]];
    // Yjs deletes the old title and stamp at once, and holds back their replacements.
    for (const update of later) Y.applyUpdate(b, update);
    expect(b.getMap('meta').size).toBe(0);
    expect(readBoard(b)).toMatchObject({ schemaVersion: 1, title: '' });
    Y.applyUpdate(b, earlier);
    expect(readBoard(b)).toEqual(readBoard(a));
    expect(readBoard(b)).toMatchObject({ schemaVersion: SCHEMA_VERSION, title: 'Renamed' });
  });

  it('refuses a doc that holds no board', () => {
    const doc = new Y.Doc();
    expectRefusal(doc, () => migrateStructure(doc), 'NOT_A_BOARD');
  });
});
