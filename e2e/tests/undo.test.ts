import { type Browser, expect, test } from '@playwright/test';
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

/** The owner (Alice) and a facilitator (Bob) on one board, each on a page of their own. */
const forTwo = (browser: Browser, title: string) => boardForTwo(browser, server, owner, title);

test('a deleted card comes back for everyone with Undo in the toast, and focus lands on it', async ({
  browser,
}) => {
  const { alice, bob } = await forTwo(browser, 'Undo a delete');
  await alice.addCard('Touchpoints', 'Awareness', 'Sees a billboard');
  await expect(bob.card('Sees a billboard')).toBeVisible();

  await alice.card('Sees a billboard').focus();
  await alice.page.keyboard.press('Delete');
  await expect(bob.card('Sees a billboard')).toHaveCount(0);
  const toast = alice.page.locator('[data-undo-toast]');
  await expect(toast).toContainText('Card deleted.');
  // Held while pointed at, as a person reading it would: it goes by itself after a few seconds.
  await toast.hover();

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toHaveCount(0);
  await expect(bob.card('Sees a billboard')).toBeVisible();
  await expect(alice.card('Sees a billboard')).toBeFocused();
  await alice.expectSaved();
  await bob.page.reload();
  await expect(bob.card('Sees a billboard')).toBeVisible();
});

test("undo in one page takes back only that person's own changes, and redo puts them back", async ({
  browser,
}) => {
  const { boardId, alice, bob } = await forTwo(browser, 'Undo is personal');
  // A third page, opened afresh after each step, reads what the server keeps.
  const reader = await BoardPage.newContext(browser, server, owner);
  const stored = async () => {
    await alice.expectSaved();
    await bob.expectSaved();
    await reader.open(server.url, boardId);
    return reader.cell('Touchpoints', 'Awareness').locator('article.card .text').allTextContents();
  };
  await alice.addCard('Touchpoints', 'Awareness', 'Alice wrote this');
  await bob.addCard('Touchpoints', 'Awareness', 'Bob wrote this');
  await expect(alice.card('Bob wrote this')).toBeVisible();

  // Bob's change was the last one on the board: Alice's undo still takes back her own.
  await alice.page.keyboard.press('ControlOrMeta+z');
  await expect(bob.card('Alice wrote this')).toHaveCount(0);
  await expect(alice.card('Bob wrote this')).toBeVisible();
  expect(await stored()).toEqual(['Bob wrote this']);

  await alice.page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(bob.card('Alice wrote this')).toBeVisible();

  // Nothing more of Alice's to undo after her one card: Bob's card stays whatever she presses.
  await alice.page.keyboard.press('ControlOrMeta+z');
  await expect(alice.page.getByRole('button', { name: 'Undo', exact: true })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await alice.page.keyboard.press('ControlOrMeta+z');
  expect(await stored()).toEqual(['Bob wrote this']);

  await bob.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(alice.card('Bob wrote this')).toHaveCount(0);
  await bob.page.keyboard.press('ControlOrMeta+y');
  await expect(alice.card('Bob wrote this')).toBeVisible();
});

test('a card moved to another lane comes back in one undo', async ({ browser }) => {
  const { alice, bob } = await forTwo(browser, 'Undo a move');
  await alice.addCard('Touchpoints', 'Awareness', 'Opens the app');
  await alice.card('Opens the app').focus();
  await alice.page.keyboard.press('Alt+ArrowDown');
  await expect(bob.cell('Customer actions', 'Awareness')).toContainText('Opens the app');

  await alice.page.keyboard.press('ControlOrMeta+z');
  await expect(bob.cell('Touchpoints', 'Awareness')).toContainText('Opens the app');
  await expect(bob.cell('Customer actions', 'Awareness')).not.toContainText('Opens the app');
  await expect(bob.card('Opens the app')).toHaveCount(1);
});

test('a removed stage comes back with its cards, in every lane, with Undo', async ({ browser }) => {
  const { alice, bob } = await forTwo(browser, 'Undo a stage');
  await alice.addCard('Touchpoints', 'Decision', 'Signs the contract');
  await alice.addCard('Customer actions', 'Decision', 'Asks for a discount');

  alice.page.once('dialog', (dialog) => void dialog.accept());
  await alice.page.getByRole('button', { name: 'Remove stage Decision' }).click();
  await expect(bob.page.locator('.stage-header', { hasText: 'Decision' })).toHaveCount(0);
  const toast = alice.page.locator('[data-undo-toast]');
  await expect(toast).toContainText('Stage “Decision” removed.');
  await toast.hover();

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(bob.cell('Touchpoints', 'Decision')).toContainText('Signs the contract');
  await expect(bob.cell('Customer actions', 'Decision')).toContainText('Asks for a discount');
});

test("a lead's removed lane comes back with its cards through Undo in the toast", async ({ browser }) => {
  const boardId = await createBoard(server, owner, 'Undo a lead’s lane');
  const lead = await BoardPage.newContext(
    browser,
    server,
    await signUpInvited(server, owner, boardId, 'Linh', 'lead', 'dept-sales'),
  );
  const alice = await BoardPage.newContext(browser, server, owner);
  await lead.open(server.url, boardId);
  await alice.open(server.url, boardId);
  await lead.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('kpis');
  await lead.page.getByRole('button', { name: 'Add lane' }).click();
  await lead.addCard('Metrics and KPIs', 'Decision', 'Closed deals');
  await expect(alice.card('Closed deals')).toBeVisible();

  lead.page.once('dialog', (dialog) => void dialog.accept());
  await lead.page.getByRole('button', { name: 'Remove lane Metrics and KPIs' }).click();
  await expect(alice.card('Closed deals')).toHaveCount(0);
  const toast = lead.page.locator('[data-undo-toast]');
  await expect(toast).toContainText('Lane “Metrics and KPIs” removed.');
  await toast.hover();

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(alice.cell('Metrics and KPIs', 'Decision')).toContainText('Closed deals');
  await expect(lead.cell('Metrics and KPIs', 'Decision')).toContainText('Closed deals');
});
