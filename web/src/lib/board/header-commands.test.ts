import { defaultBoard, initBoard, readBoard } from '@journeyboard/board-model';
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
  const reports: (string | null)[] = [];
  const focus = vi.fn<(selectors: string[], waitMs?: number) => void>();
  const board = {
    get structure() {
      return readBoard(structureDoc);
    },
    structureDoc,
    laneDocs: () => [],
  };
  const commands = headerCommands(board, {
    lanes: laneCommands({ boardId: 'b1', structureDoc, permissions: { canEditStructure } }),
    report: (notice) => reports.push(notice),
    focus,
  });
  const stages = () => readBoard(structureDoc).stages;
  const lanes = () => readBoard(structureDoc).lanes;
  return { structureDoc, commands, reports, focus, stages, lanes };
}

describe('headerCommands', () => {
  it('inserts a stage between two others and focuses its name', () => {
    const { commands, stages, focus } = world();
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
  });

  it('removes a stage and offers focus to the next one, then the previous ones, then the add button', () => {
    const { commands, stages, focus } = world();
    const [awareness, consideration, decision, retention, advocacy] = stages().map((stage) => stage.id);
    commands.removeStage(retention!);
    expect(stages().map((stage) => stage.id)).toEqual([awareness, consideration, decision, advocacy]);
    expect(focus).toHaveBeenCalledWith([
      headerNameSelector('stage', advocacy!),
      headerNameSelector('stage', decision!),
      headerNameSelector('stage', consideration!),
      headerNameSelector('stage', awareness!),
      ADD_CONTROL.stage,
    ]);
  });

  it('reports a removal the model refuses, and moves focus nowhere', () => {
    setLocale('en', { reload: false });
    const { commands, stages, reports, focus } = world();
    for (const stage of stages().slice(1)) commands.removeStage(stage.id);
    focus.mockClear();
    commands.removeStage(stages()[0]!.id);
    expect(stages()).toHaveLength(1);
    expect(reports.at(-1)).toBe('A board needs at least one stage.');
    expect(focus).not.toHaveBeenCalled();
  });

  it('moves a dropped stage to the side of the stage it was dropped on', () => {
    const { commands, stages } = world();
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

  it('removes a lane and offers focus to its neighbours; with no lane left, to the add button', async () => {
    const { commands, lanes, focus } = world();
    const ids = lanes().map((lane) => lane.id);
    commands.removeLane(ids[3]!);
    expect(focus).toHaveBeenLastCalledWith([
      headerNameSelector('lane', ids[2]!),
      headerNameSelector('lane', ids[1]!),
      headerNameSelector('lane', ids[0]!),
      ADD_CONTROL.lane,
    ]);
    for (const id of ids.slice(0, 3)) commands.removeLane(id);
    expect(lanes()).toEqual([]);
    expect(focus).toHaveBeenLastCalledWith([ADD_CONTROL.lane]);
  });

  it('moves a dropped lane to the side of the lane it was dropped on', () => {
    const { commands, lanes } = world();
    const last = lanes().at(-1)!.id;
    commands.dropLane(last, 0, 'before');
    expect(lanes()[0]!.id).toBe(last);
  });
});
