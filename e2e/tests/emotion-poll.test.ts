import { expect, type Locator, test } from '@playwright/test';
import { axeViolations, describeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** The emotion poll, as it shows on a page. */
const pollOf = (board: BoardPage): Locator => board.page.locator('[data-emotion-poll]');

test('an emotion poll answered by two participants is shown to everyone, then written into the emotion curve', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Poll journey');
  const sales = await signUpInvited(server, ownerAccount, boardId, 'Sơn', 'participant', 'dept-sales');
  const support = await signUpInvited(server, ownerAccount, boardId, 'Thu', 'participant', 'dept-support');
  const owner = await BoardPage.newContext(browser, server, ownerAccount);
  const son = await BoardPage.newContext(browser, server, sales);
  const thu = await BoardPage.newContext(browser, server, support);
  for (const board of [owner, son, thu]) await board.open(server.url, boardId);

  // The owner adds an emotion lane, then asks about the first stage.
  await owner.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('emotions');
  await owner.page.getByRole('button', { name: 'Add lane' }).click();
  const curve = owner.page.getByRole('group', { name: 'Emotion curve of Emotions' });
  await expect(curve).toBeVisible();
  await expect(son.page.getByRole('button', { name: 'Emotion poll' })).toHaveCount(0);
  await owner.page.getByRole('button', { name: 'Emotion poll' }).click();
  await owner.page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption({ label: 'Awareness' });
  await owner.page.getByRole('button', { name: 'Ask everyone' }).click();
  for (const board of [owner, son, thu]) {
    await expect(pollOf(board).getByRole('heading')).toHaveText('How does the customer feel at “Awareness”?');
  }

  // Each participant answers with the keyboard or the mouse; each sees their own answer chosen.
  const scale = (board: BoardPage) =>
    pollOf(board).getByRole('group', { name: 'Your answer, from −3 to +3' });
  await scale(son).getByRole('button', { name: '+2 Happy' }).focus();
  await son.page.keyboard.press('Enter');
  await expect(scale(son).getByRole('button', { name: '+2 Happy' })).toHaveAttribute('aria-pressed', 'true');
  await scale(thu).getByRole('button', { name: '−1 Slightly unhappy' }).click();
  await scale(thu).getByRole('button', { name: '+1 Slightly happy' }).click();
  await expect(scale(thu).getByRole('button', { name: '+1 Slightly happy' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(scale(thu).getByRole('button', { name: '−1 Slightly unhappy' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  // Everyone sees two answers, their average and spread, and each department's.
  for (const board of [owner, son, thu]) {
    const results = pollOf(board).locator('[data-poll-results]');
    await expect(results).toHaveAttribute('data-poll-count', '2');
    await expect(results.locator('[data-poll-average-shown]')).toHaveText('+1.5');
    await expect(results).toContainText('0.5');
    await expect(results.locator('[data-poll-departments]')).toContainText('Sales');
    await expect(results.locator('[data-poll-departments]')).toContainText('Support');
  }
  await expect(pollOf(son).getByRole('button', { name: 'Write into the emotion curve' })).toHaveCount(0);
  for (const page of [owner.page, son.page]) {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  // The owner reveals (answers are final) and writes the rounded average into the curve.
  await owner.page.getByRole('button', { name: 'Reveal the answers' }).click();
  for (const board of [son, thu]) await expect(pollOf(board)).toHaveAttribute('data-poll-status', 'revealed');
  await expect(scale(son)).toHaveCount(0);
  await owner.page.getByRole('button', { name: 'Write into the emotion curve' }).click();
  await expect(pollOf(owner).locator('[data-poll-notice]')).toHaveText(
    'Written into the emotion curve: +2 at “Awareness”.',
  );
  for (const board of [owner, son, thu]) {
    await expect(
      board.page.getByRole('slider', { name: 'Emotion of Customer in Awareness', exact: true }),
    ).toHaveAttribute('aria-valuenow', '2');
  }

  // It is the owner's own change: Undo takes the point back.
  await owner.page.getByRole('button', { name: 'Undo' }).click();
  await expect(
    son.page.getByRole('slider', { name: 'Emotion of Customer in Awareness', exact: true }),
  ).toHaveCount(0);

  await owner.page.getByRole('button', { name: 'Close the poll' }).click();
  for (const board of [owner, son, thu]) await expect(pollOf(board)).toHaveCount(0);
});

test('a board without an emotion lane says so instead of offering to write the result', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'No curve journey');
  const owner = await BoardPage.newContext(browser, server, ownerAccount);
  await owner.open(server.url, boardId);
  await owner.page.getByRole('button', { name: 'Emotion poll' }).click();
  await owner.page.getByLabel('Hide the answers until I reveal them').check();
  await owner.page.getByRole('button', { name: 'Ask everyone' }).click();
  await expect(pollOf(owner).locator('[data-poll-hidden-note]')).toBeVisible();
  await pollOf(owner).getByRole('button', { name: '−3 Very unhappy' }).click();
  await owner.page.getByRole('button', { name: 'Reveal the answers' }).click();
  await expect(pollOf(owner).locator('[data-poll-results]')).toHaveAttribute('data-poll-count', '1');
  await expect(pollOf(owner).locator('[data-poll-no-emotion-lane]')).toHaveText(
    'This board has no emotion lane, so the result cannot be written into a curve. Add an emotion lane first.',
  );
  await expect(pollOf(owner).getByRole('button', { name: 'Write into the emotion curve' })).toHaveCount(0);
});
