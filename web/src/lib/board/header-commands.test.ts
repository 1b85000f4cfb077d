import {
  BoardHistory,
  defaultBoard,
  initBoard,
  readBoard,
  removeLane,
  removeStage,
} from '@journeyboard/board-model';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { setLocale } from '#lib/paraglide/runtime.js';
import { ADD_CONTROL, headerCommands, headerNameSelector } from './header-commands.ts';
import { laneCommands } from './lane-commands.ts';

afterEach(() => vi.unstubAllGlobals());

/** A board's header commands as a facilitator (or a lead), with what they report and focus. */
function world(canEditStructure = true) {
  const structureDoc = new Y.Doc();
  initBoard(structureDoc, defaultBoard('en', 'Checkout'));
  const history = new BoardHistory();
  history.trackStructure(structureDoc);
  const reports: (string | null)[] = [];
  const focus = vi.fn<(selectors: string[], waitMs?: number) => void>();
  const board = {
    get structure() {
      return readBoard(structureDoc);
    },
    structureDoc,
    change: <T>(write: (origin: object) => T): T => history.act(() => write(history.origin)),
  };
  const commands = headerCommands(board, {
    lanes: laneCommands({
      boardId: 'b1',
      structureDoc,
      permissions: { canEditStructure },
      change: board.change,
    }),
    report: (notice) => reports.push(notice),
    focus,
  });
  const stages = () => readBoard(structureDoc).stages;
  const lanes = () => readBoard(structureDoc).lanes;
  return { structureDoc, history, commands, reports, focus, stages, lanes };
}

describe('headerCommands', () => {
  it('inserts a stage between two others, as one undoable step, and focuses its name', () => {
    const { commands, stages, focus, history } = world();
    commands.insertStage(2, 'Onboarding');
    expect(stages().map((stage) => stage.name)).toEqual([
      'Awareness',
      'Consideration',
      'Onboarding',
      'Decision',
      'Retention',
      'Advocacy',
    ]);
    expect(focus).toHaveBeenCalledWith([headerNameSelector('stage', stages()[2]!.id)]);
    expect(history.undo()).toBe(true);
    expect(stages().map((stage) => stage.name)).not.toContain('Onboarding');
  });

  it('after a stage is removed, offers focus to the next one, then the previous ones, then the add button', () => {
    const { commands, stages, focus, structureDoc } = world();
    const [awareness, consideration, decision, retention, advocacy] = stages().map((stage) => stage.id);
    const refocus = commands.focusAfterRemoval('stage', retention!);
    removeStage(structureDoc, retention!, []);
    expect(focus).not.toHaveBeenCalled();
    refocus();
    expect(focus).toHaveBeenCalledWith([
      headerNameSelector('stage', advocacy!),
      headerNameSelector('stage', decision!),
      headerNameSelector('stage', consideration!),
      headerNameSelector('stage', awareness!),
      ADD_CONTROL.stage,
    ]);
  });

  it("reports what the model refuses, in the reader's language, and moves focus nowhere", () => {
    setLocale('en', { reload: false });
    const { commands, stages, reports, focus } = world();
    commands.insertStage(2, '   ');
    expect(stages()).toHaveLength(5);
    expect(reports).toEqual(['Text cannot be empty.']);
    expect(focus).not.toHaveBeenCalled();
  });

  it('moves a dropped stage to the side of the stage it was dropped on, as one undoable step', () => {
    const { commands, stages, history } = world();
    const awareness = stages()[0]!.id;
    commands.dropStage(awareness, 2, 'after');
    expect(stages().map((stage) => stage.name)).toEqual([
      'Consideration',
      'Decision',
      'Awareness',
      'Retention',
      'Advocacy',
    ]);
    commands.dropStage(awareness, 0, 'before');
    expect(stages()[0]!.id).toBe(awareness);
    expect(history.undo()).toBe(true);
    expect(stages()[2]!.id).toBe(awareness);
  });

  it('inserts a lane below another and focuses its name; one added at the end leaves focus where it is', async () => {
    const { commands, lanes, focus } = world();
    commands.addLane({ name: 'Channels', kind: 'channels' }, 1);
    await vi.waitFor(() => expect(focus).toHaveBeenCalledTimes(1));
    const inserted = lanes()[1]!;
    expect(inserted).toMatchObject({ name: 'Channels', kind: 'channels' });
    expect(focus).toHaveBeenCalledWith([headerNameSelector('lane', inserted.id)], expect.any(Number));

    commands.addLane({ name: 'Notes', kind: 'notes' });
    await vi.waitFor(() => expect(lanes().at(-1)?.name).toBe('Notes'));
    await Promise.resolve();
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it("waits for a lead's inserted lane, which the server adds, to focus it", async () => {
    vi.stubGlobal('fetch', async () => Response.json({ laneId: 'lane-from-server' }, { status: 201 }));
    const { commands, focus, reports } = world(false);
    commands.addLane({ name: 'Sales KPIs', kind: 'kpis' }, 2);
    await vi.waitFor(() => expect(focus).toHaveBeenCalled());
    expect(focus).toHaveBeenCalledWith([headerNameSelector('lane', 'lane-from-server')], 10_000);
    expect(reports).toEqual([null]);
  });

  it('after a lane is removed, offers focus to its neighbours; after the last one, to the add button', () => {
    const { commands, lanes, focus, structureDoc } = world();
    const ids = lanes().map((lane) => lane.id);
    commands.focusAfterRemoval('lane', ids[3]!)();
    expect(focus).toHaveBeenLastCalledWith([
      headerNameSelector('lane', ids[2]!),
      headerNameSelector('lane', ids[1]!),
      headerNameSelector('lane', ids[0]!),
      ADD_CONTROL.lane,
    ]);
    for (const id of ids.slice(1)) removeLane(structureDoc, id);
    commands.focusAfterRemoval('lane', ids[0]!)();
    expect(focus).toHaveBeenLastCalledWith([ADD_CONTROL.lane]);
  });

  it('moves a dropped lane to the side of the lane it was dropped on', () => {
    const { commands, lanes } = world();
    const last = lanes().at(-1)!.id;
    commands.dropLane(last, 0, 'before');
    expect(lanes()[0]!.id).toBe(last);
  });
});
