import { BoardHistory, defaultBoard, initBoard, readBoard } from '@journeyboard/board-model';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { setLocale } from '#lib/paraglide/runtime.js';
import { laneCommands } from './lane-commands.ts';

function newBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, defaultBoard('en', 'Checkout'));
  return doc;
}

/** What a live board gives the lane commands: its structure doc, what it may do, and its history. */
function target(doc: Y.Doc, canEditStructure: boolean, history = new BoardHistory()) {
  history.trackStructure(doc);
  return {
    boardId: 'b1',
    structureDoc: doc,
    permissions: { canEditStructure },
    change: <T>(write: (origin: object) => T): T => history.act(() => write(history.origin)),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('laneCommands', () => {
  it('lets a facilitator write the structure document directly', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const doc = newBoard();
    const lanes = laneCommands(target(doc, true));
    const outcome = await lanes.add({ name: 'Sales KPIs', kind: 'kpis', department: 'dept-sales' });
    const added = readBoard(doc).lanes.at(-1)!;
    expect(outcome).toEqual({ laneId: added.id });
    expect(added).toMatchObject({ name: 'Sales KPIs', department: 'dept-sales' });
    expect(await lanes.rename(added.id, 'Deals')).toBeNull();
    expect(readBoard(doc).lanes.at(-1)!.name).toBe('Deals');
    expect(fetch).not.toHaveBeenCalled();
  });

  it("makes a facilitator's removal of a lane one step that undo takes back", async () => {
    const doc = newBoard();
    const history = new BoardHistory();
    const lanes = laneCommands(target(doc, true, history));
    const lane = readBoard(doc).lanes[0]!;
    expect(await lanes.remove(lane.id)).toBeNull();
    expect(readBoard(doc).lanes.map((l) => l.id)).not.toContain(lane.id);
    expect(history.undo()).toBe(true);
    expect(readBoard(doc).lanes[0]).toEqual(lane);
  });

  it("sends a lead's change to the server and leaves the document to the server", async () => {
    const fetch = vi.fn(async () => Response.json({ laneId: 'x' }, { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    const doc = newBoard();
    const before = Y.encodeStateVector(doc);
    const lanes = laneCommands(target(doc, false));
    expect(await lanes.add({ name: 'Sales KPIs', kind: 'kpis', department: 'dept-sales' })).toEqual({
      laneId: 'x',
    });
    expect(fetch).toHaveBeenCalledWith(
      '/api/boards/b1/lanes',
      expect.objectContaining({ method: 'POST', body: JSON.stringify({ name: 'Sales KPIs', kind: 'kpis' }) }),
    );
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('adds a lane at the position asked for, directly or through the server', async () => {
    const fetch = vi.fn(async () => Response.json({ laneId: 'x' }, { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    const doc = newBoard();
    const history = new BoardHistory();
    const facilitator = laneCommands(target(doc, true, history));
    const outcome = await facilitator.add({ name: 'Channels', kind: 'channels', index: 1 });
    expect(outcome).toEqual({ laneId: readBoard(doc).lanes[1]!.id });
    expect(readBoard(doc).lanes[1]).toMatchObject({ name: 'Channels', kind: 'channels' });
    // One step of the facilitator's history.
    expect(history.undo()).toBe(true);
    expect(readBoard(doc).lanes.map((lane) => lane.name)).not.toContain('Channels');

    const lead = laneCommands(target(doc, false));
    await lead.add({ name: 'Sales KPIs', kind: 'kpis', index: 2 });
    expect(fetch).toHaveBeenCalledWith(
      '/api/boards/b1/lanes',
      expect.objectContaining({ body: JSON.stringify({ name: 'Sales KPIs', kind: 'kpis', index: 2 }) }),
    );
  });

  it("refuses a lead's lane at a position the board does not have, before asking the server", async () => {
    setLocale('en', { reload: false });
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const lead = laneCommands(target(newBoard(), false));
    expect(await lead.add({ name: 'Sales KPIs', kind: 'kpis', index: 99 })).toEqual({
      error: 'That position is not on the board: it may have just changed. Try again.',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("refuses a lead's bad name before asking the server, in the reader's language", async () => {
    setLocale('en', { reload: false });
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const doc = newBoard();
    const lane = readBoard(doc).lanes[0]!;
    const lanes = laneCommands(target(doc, false));
    expect(await lanes.rename(lane.id, '   ')).toBe('Text cannot be empty.');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reports what the server refused', async () => {
    setLocale('en', { reload: false });
    vi.stubGlobal('fetch', async () =>
      Response.json({ error: 'This lane belongs to another department' }, { status: 403 }),
    );
    const doc = newBoard();
    const lane = readBoard(doc).lanes[0]!;
    const lanes = laneCommands(target(doc, false));
    expect(await lanes.remove(lane.id)).toBe('Your role on this board does not allow that.');
  });
});
