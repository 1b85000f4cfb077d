import { expect, test } from '@playwright/test';
import { axeViolations, describeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { callApi, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

test('a participant’s cards stay theirs alone in private mode, and land where they put them at the reveal', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Checkout journey');
  const samAccount = await signUpInvited(server, ownerAccount, boardId, 'Sam', 'participant', 'dept-sales');
  const { body } = await callApi<{ link: { token: string } }>(
    server,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      account: ownerAccount,
      body: { kind: 'watch' },
    },
  );

  const facilitator = await BoardPage.newContext(browser, server, ownerAccount);
  await facilitator.open(server.url, boardId);
  const participant = await BoardPage.newContext(browser, server, samAccount);
  await participant.open(server.url, boardId);
  const watcher = await BoardPage.newContext(browser, server);
  await watcher.page.goto(`${server.url}/watch/${body.link.token}`);
  await watcher.page.waitForURL(/\/boards\//);
  await watcher.expectSaved();
  const everyone = [facilitator, participant, watcher];

  // Only the facilitator is offered private mode; everyone sees that it is on.
  await expect(participant.page.locator('[data-private-toggle]')).toHaveCount(0);
  await expect(watcher.page.locator('[data-private-toggle]')).toHaveCount(0);
  await facilitator.page.getByRole('button', { name: 'Private mode' }).click();
  for (const person of everyone) {
    await expect(person.page.locator('[data-private-banner]')).toHaveText(
      'Private mode: your new cards are visible only to you until the facilitator reveals them',
    );
  }

  // The participant writes a card: theirs alone, dashed and marked "Only you", and theirs to edit.
  const cell = (person: BoardPage) => person.cell('Touchpoints', 'Decision');
  await cell(participant).getByRole('button', { name: 'Add a card to Touchpoints in Decision' }).click();
  await participant.page.keyboard.type('Asks for a discount');
  await participant.page.keyboard.press('Enter');
  await participant.page.keyboard.press('Escape');
  const privateCard = cell(participant).locator('article.private-card');
  await expect(privateCard).toContainText('Asks for a discount');
  await expect(privateCard).toContainText('Only you');
  await privateCard.getByRole('button', { name: 'Edit card' }).click();
  await privateCard.getByRole('textbox', { name: 'Edit card' }).fill('Asks for a discount twice');
  await participant.page.keyboard.press('Enter');
  await expect(privateCard.locator('.text')).toHaveText('Asks for a discount twice');
  await participant.expectSaved();
  await expect(cell(participant).locator('article.card')).toHaveCount(0);

  // It is an item of its cell in the grid's one tab stop: the arrow keys reach it, Tab its tools.
  const edit = privateCard.getByRole('button', { name: 'Edit card' });
  await cell(participant).focus();
  await expect(edit).toHaveAttribute('tabindex', '-1');
  await participant.page.keyboard.press('ArrowDown');
  await expect(privateCard).toBeFocused();
  await participant.page.keyboard.press('Tab');
  await expect(edit).toBeFocused();
  await participant.page.keyboard.press('Escape');
  await expect(privateCard).toBeFocused();
  const violations = await axeViolations(participant.page, undefined, [
    '[data-private-banner]',
    'article.private-card',
  ]);
  expect(violations, describeViolations(violations)).toEqual([]);

  // Nobody else sees it.
  for (const person of [facilitator, watcher]) {
    await person.expectSaved();
    await expect(cell(person)).not.toContainText('Asks for a discount');
  }

  // The reveal: it lands in its cell for all three, as the participant's card.
  await facilitator.page.getByRole('button', { name: 'Reveal private cards' }).click();
  await expect(facilitator.page.locator('[data-private-outcome]')).toHaveText(
    'Private cards revealed: 1. Private mode is off.',
  );
  for (const person of everyone) {
    await expect(cell(person).locator('article.card .text')).toHaveText(['Asks for a discount twice']);
    await expect(person.page.locator('[data-private-banner]')).toHaveCount(0);
  }
  await expect(cell(participant).locator('article.private-card')).toHaveCount(0);
  await facilitator.card('Asks for a discount twice').hover();
  await expect(facilitator.card('Asks for a discount twice')).toContainText('Sam');
});
