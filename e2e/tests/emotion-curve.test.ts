import { addPersona, structureDocName } from '@journeyboard/board-model';
import { SESSION_COOKIE, SyncClient, waitForSaved } from '@journeyboard/testing';
import { expect, type Locator, test } from '@playwright/test';
import { axeViolations, describeViolations } from './axe.ts';
import { BoardPage, boardForTwo } from './board.ts';
import { type Account, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
let owner: Account;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Alice');
});
test.afterEach(async () => {
  await server.dispose();
});

/** Adds an emotions lane (named "Emotions") at the end of the board. */
async function addEmotionLane(board: BoardPage): Promise<Locator> {
  await board.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('emotions');
  await board.page.getByRole('button', { name: 'Add lane' }).click();
  const curve = board.page.getByRole('group', { name: 'Emotion curve of Emotions' });
  await expect(curve).toBeVisible();
  return curve;
}

/** The point of `line` in `stage`, as the slider someone who may write the lane moves. */
function slider(board: BoardPage, line: string, stage: string): Locator {
  return board.page.getByRole('slider', { name: `Emotion of ${line} in ${stage}`, exact: true });
}

/** The vertical distance, on screen, between two neighbouring scores of the chart. */
async function scoreStep(curve: Locator): Promise<number> {
  const chart = await curve.locator('.chart').boundingBox();
  // The chart is 160 units high and the −3..+3 band 132 of them: six steps.
  return (chart!.height * 132) / 160 / 6;
}

/** Writes personas into the board's structure as its owner may, with a raw sync client. */
async function addPersonas(board: BoardPage, boardId: string, personas: { name: string; role: string }[]) {
  const cookie = (await board.page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!;
  const client = new SyncClient(
    `${server.url.replace(/^http/, 'ws')}/sync`,
    `${SESSION_COOKIE}=${cookie.value}`,
  );
  try {
    const structure = await client.open(structureDocName(boardId));
    for (const persona of personas) addPersona(structure.document, persona);
    await waitForSaved(structure);
  } finally {
    client.destroy();
  }
}

test('one person edits the emotion curve with the mouse and the keyboard, another sees the line change', async ({
  browser,
}) => {
  const { alice, bob } = await boardForTwo(browser, server, owner, 'Onboarding journey');
  const curve = await addEmotionLane(alice);
  const bobsCurve = bob.page.getByRole('group', { name: 'Emotion curve of Emotions' });
  await expect(bobsCurve).toBeVisible();
  // Without personas, the board's own line, named in the legend.
  await expect(curve.getByRole('list', { name: 'Lines of the emotion curve' })).toHaveText('Customer');

  // A point added with the button starts at 0 and takes the focus.
  await curve.getByRole('button', { name: 'Add a point for Customer in Awareness' }).click();
  const awareness = slider(alice, 'Customer', 'Awareness');
  await expect(awareness).toBeFocused();
  await expect(awareness).toHaveAttribute('aria-valuenow', '0');
  await expect(slider(bob, 'Customer', 'Awareness')).toHaveAttribute('aria-valuenow', '0');

  // Dragged up two steps with the mouse: a preview while dragging, one write on release.
  const step = await scoreStep(curve);
  const box = (await awareness.boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await alice.page.mouse.move(x, y);
  await alice.page.mouse.down();
  await alice.page.mouse.move(x, y - step, { steps: 4 });
  await alice.page.mouse.move(x, y - 2 * step, { steps: 4 });
  await expect(awareness).toHaveAttribute('aria-valuenow', '2');
  await expect(slider(bob, 'Customer', 'Awareness')).toHaveAttribute('aria-valuenow', '0');
  await alice.page.mouse.up();
  await expect(slider(bob, 'Customer', 'Awareness')).toHaveAttribute('aria-valuenow', '2');

  // A click in another stage's column, at the height of −3, adds a point there.
  await curve.locator('.chart').scrollIntoViewIfNeeded();
  const column = (await curve.locator('[data-emotion-column]').nth(1).boundingBox())!;
  const top = (await curve.locator('.chart').boundingBox())!;
  await alice.page.mouse.click(column.x + column.width / 2, top.y + (top.height * 146) / 160);
  await expect(slider(bob, 'Customer', 'Consideration')).toHaveAttribute('aria-valuenow', '-3');
  const bobsPath = bobsCurve.locator('path[data-line="board"]');
  await expect(bobsPath).toHaveAttribute('d', /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
  const before = await bobsPath.getAttribute('d');

  // The keyboard: ArrowDown and ArrowUp step the score, End jumps to +3, Home to −3.
  const consideration = slider(alice, 'Customer', 'Consideration');
  await consideration.focus();
  await alice.page.keyboard.press('ArrowUp');
  await alice.page.keyboard.press('ArrowUp');
  await alice.page.keyboard.press('ArrowUp');
  await expect(slider(bob, 'Customer', 'Consideration')).toHaveAttribute('aria-valuenow', '0');
  await expect(bobsPath).not.toHaveAttribute('d', before!);
  await alice.page.keyboard.press('ArrowLeft');
  await expect(awareness).toBeFocused();
  await alice.page.keyboard.press('ArrowDown');
  await expect(slider(bob, 'Customer', 'Awareness')).toHaveAttribute('aria-valuenow', '1');

  // At any zoom each point stands over the middle of its stage's column.
  for (const zoom of ['ControlOrMeta+-', 'ControlOrMeta+-', 'ControlOrMeta+=']) {
    const before = await alice.scroller().getAttribute('data-zoom');
    await alice.page.keyboard.press(zoom);
    await expect(alice.scroller()).not.toHaveAttribute('data-zoom', before!);
    await expect
      .poll(async () => {
        const point = (await slider(alice, 'Customer', 'Consideration').boundingBox())!;
        const cell = (await alice.cell('Emotions', 'Consideration').boundingBox())!;
        return Math.abs(Math.round(point.x + point.width / 2 - (cell.x + cell.width / 2)));
      })
      .toBe(0);
  }
  await awareness.focus();

  // What causes it: Enter edits the label, Enter saves it; it is part of the value read out.
  await alice.page.keyboard.press('Enter');
  await alice.page.keyboard.type('hard to find pricing');
  await alice.page.keyboard.press('Enter');
  await expect(awareness).toBeFocused();
  await expect(slider(bob, 'Customer', 'Awareness')).toHaveAttribute(
    'aria-valuetext',
    'Awareness, Customer: +1, hard to find pricing',
  );
  // Escape leaves the label as it was.
  await alice.page.keyboard.press('Enter');
  await alice.page.keyboard.press('ControlOrMeta+a');
  await alice.page.keyboard.type('something else');
  await alice.page.keyboard.press('Escape');
  await expect(awareness).toHaveAttribute('aria-valuetext', 'Awareness, Customer: +1, hard to find pricing');

  // Undo takes back the last change (the label), as for any card.
  await alice.page.keyboard.press('ControlOrMeta+z');
  await expect(slider(bob, 'Customer', 'Awareness')).toHaveAttribute(
    'aria-valuetext',
    'Awareness, Customer: +1',
  );

  // Delete removes the point, for everyone; the stage offers to add one again.
  await awareness.focus();
  await alice.page.keyboard.press('Delete');
  await expect(slider(bob, 'Customer', 'Awareness')).toHaveCount(0);
  await expect(curve.getByRole('button', { name: 'Add a point for Customer in Awareness' })).toBeVisible();
  await alice.expectSaved();
  await bob.page.reload();
  await bob.expectSaved();
  await expect(slider(bob, 'Customer', 'Consideration')).toHaveAttribute('aria-valuenow', '0');
});

test('a board with two personas draws a line for each, told apart by more than colour, in a legend', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Admin and user journey');
  const alice = await BoardPage.newContext(browser, server, owner);
  await alice.open(server.url, boardId);
  const curve = await addEmotionLane(alice);
  await addPersonas(alice, boardId, [
    { name: 'Lan', role: 'admin' },
    { name: 'Minh', role: 'everyday user' },
  ]);
  const legend = curve.getByRole('list', { name: 'Lines of the emotion curve' });
  await expect(legend.getByRole('listitem')).toHaveText(['Lan (admin)', 'Minh (everyday user)']);

  // Points go on the line chosen in the lane.
  const lineChoice = curve.getByRole('combobox', { name: 'Add points for' });
  await curve.getByRole('button', { name: 'Add a point for Lan (admin) in Awareness' }).click();
  await alice.page.keyboard.press('ArrowDown');
  await alice.page.keyboard.press('ArrowDown');
  await curve.getByRole('button', { name: 'Add a point for Lan (admin) in Decision' }).click();
  await alice.page.keyboard.press('ArrowUp');
  await lineChoice.selectOption({ label: 'Minh (everyday user)' });
  await curve.getByRole('button', { name: 'Add a point for Minh (everyday user) in Awareness' }).click();
  await alice.page.keyboard.press('End');
  await curve.getByRole('button', { name: 'Add a point for Minh (everyday user) in Decision' }).click();
  await alice.page.keyboard.press('Home');
  await alice.expectSaved();

  // Someone who only reads the board sees both lines and the legend, without controls.
  const viewer = await signUpInvited(server, owner, boardId, 'Vy', 'viewer');
  const reader = await BoardPage.newContext(browser, server, viewer);
  await reader.open(server.url, boardId);
  const seen = reader.page.getByRole('group', { name: 'Emotion curve of Emotions' });
  await expect(
    seen.getByRole('list', { name: 'Lines of the emotion curve' }).getByRole('listitem'),
  ).toHaveText(['Lan (admin)', 'Minh (everyday user)']);
  const paths = seen.locator('path[data-line]');
  await expect(paths).toHaveCount(2);
  for (const path of await paths.all())
    await expect(path).toHaveAttribute('d', /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
  const dashes = await paths.evaluateAll((all) => all.map((p) => p.getAttribute('stroke-dasharray')));
  expect(new Set(dashes).size).toBe(2);
  await expect(seen.getByRole('img', { name: 'Awareness, Lan (admin): −2' })).toBeVisible();
  await expect(seen.getByRole('img', { name: 'Decision, Minh (everyday user): −3' })).toBeVisible();
  await expect(seen.getByRole('slider')).toHaveCount(0);
  await expect(seen.getByRole('button')).toHaveCount(0);
  await expect(seen.getByRole('combobox')).toHaveCount(0);

  // Nothing serious or critical for axe, for the writer (with a point focused) and the reader.
  await slider(alice, 'Lan (admin)', 'Awareness').focus();
  for (const page of [alice.page, reader.page]) {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }
});
