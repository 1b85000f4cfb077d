import { type Browser, expect, test } from '@playwright/test';
import { BoardPage, boardForTwo } from './board.ts';
import { type Account, createBoard, ServerProcess, signUp } from './server.ts';

let server: ServerProcess;
let owner: Account;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Alice');
});

/** The owner (Alice) and a facilitator (Bob) on one board, each on a page of their own. */
const forTwo = (browser: Browser, title: string) => boardForTwo(browser, server, owner, title);
test.afterEach(async () => {
  await server.dispose();
});

test('two people on one board see each other add, edit, colour, drag and delete a card', async ({
  browser,
}) => {
  const { alice, bob } = await forTwo(browser, 'Onboarding journey');

  await alice.addCard('Touchpoints', 'Awareness', 'Reads a review');
  await expect(bob.cell('Touchpoints', 'Awareness')).toContainText('Reads a review');

  await alice.card('Reads a review').dblclick();
  await alice.page.getByRole('textbox', { name: 'Edit card' }).fill('Reads a review on a forum');
  await alice.page.keyboard.press('Enter');
  await expect(bob.card('Reads a review on a forum')).toBeVisible();

  await alice.card('Reads a review on a forum').hover();
  await alice.card('Reads a review on a forum').getByRole('button', { name: 'Card colour' }).click();
  await alice.page.getByRole('button', { name: 'Pink' }).click();
  await expect(bob.card('Reads a review on a forum')).toHaveAttribute('data-colour', 'pink');

  await alice.card('Reads a review on a forum').dragTo(alice.cell('Pain points', 'Decision'));
  await expect(bob.cell('Pain points', 'Decision')).toContainText('Reads a review on a forum');
  await expect(bob.cell('Touchpoints', 'Awareness')).not.toContainText('Reads a review');
  await alice.expectSaved();

  await bob.page.reload();
  await bob.expectSaved();
  await expect(bob.cell('Pain points', 'Decision').locator('article.card')).toHaveAttribute(
    'data-colour',
    'pink',
  );

  await alice.card('Reads a review on a forum').hover();
  await alice.card('Reads a review on a forum').getByRole('button', { name: 'Delete card' }).click();
  await expect(bob.card('Reads a review on a forum')).toHaveCount(0);
});

test('a card can be added, moved and deleted with the keyboard alone', async ({ browser }) => {
  const boardId = await createBoard(server, owner, 'Keyboard board');
  const board = await BoardPage.newContext(browser, server, owner);
  const page = board.page;
  await board.open(server.url, boardId);
  await board.addCard('Touchpoints', 'Awareness', 'Calls support');

  await board.card('Calls support').focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(board.cell('Touchpoints', 'Consideration')).toContainText('Calls support');
  await expect(board.card('Calls support')).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(board.cell('Customer actions', 'Consideration')).toContainText('Calls support');

  await board.card('Calls support').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Calls support twice');
  await page.keyboard.press('Enter');
  await expect(board.card('Calls support twice')).toBeVisible();

  await board.card('Calls support twice').focus();
  await page.keyboard.press('Delete');
  await expect(board.card('Calls support')).toHaveCount(0);
  await board.expectSaved();
});

test('stages and lanes are added, renamed, reordered and removed for everyone', async ({ browser }) => {
  const { alice, bob } = await forTwo(browser, 'Structure board');
  const stageNames = (p: BoardPage) => p.page.locator('.stage-header .text');
  const laneNames = (p: BoardPage) => p.page.locator('.lane-header .text');
  alice.page.on('dialog', (dialog) => dialog.accept());

  await alice.page.getByRole('button', { name: 'Add stage' }).click();
  await alice.page.getByRole('button', { name: 'Rename stage New stage' }).click();
  await alice.page.getByRole('textbox', { name: 'Rename stage New stage' }).fill('Onboarding');
  await alice.page.keyboard.press('Enter');
  await expect(stageNames(bob)).toHaveText([
    'Awareness',
    'Consideration',
    'Decision',
    'Retention',
    'Advocacy',
    'Onboarding',
  ]);

  await alice.page.getByRole('button', { name: 'Move stage Onboarding left' }).click();
  await alice.page.getByRole('button', { name: 'Move stage Onboarding left' }).click();
  await expect(stageNames(bob)).toHaveText([
    'Awareness',
    'Consideration',
    'Decision',
    'Onboarding',
    'Retention',
    'Advocacy',
  ]);

  await alice.page.getByRole('button', { name: 'Remove stage Advocacy' }).click();
  await expect(stageNames(bob)).toHaveText([
    'Awareness',
    'Consideration',
    'Decision',
    'Onboarding',
    'Retention',
  ]);

  await alice.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('kpis');
  await alice.page.getByRole('button', { name: 'Add lane' }).click();
  await expect(laneNames(bob)).toHaveText([
    'Touchpoints',
    'Customer actions',
    'Pain points',
    'Opportunities',
    'Metrics and KPIs',
  ]);
  await alice.page.getByRole('button', { name: 'Rename lane Metrics and KPIs' }).click();
  await alice.page.getByRole('textbox', { name: 'Rename lane Metrics and KPIs' }).fill('Support KPIs');
  await alice.page.keyboard.press('Enter');
  await alice.page.getByRole('button', { name: 'Move lane Support KPIs up' }).click();
  await expect(laneNames(bob)).toHaveText([
    'Touchpoints',
    'Customer actions',
    'Pain points',
    'Support KPIs',
    'Opportunities',
  ]);
  await bob.addCard('Support KPIs', 'Onboarding', 'First-call resolution');
  await expect(alice.cell('Support KPIs', 'Onboarding')).toContainText('First-call resolution');

  await alice.page.getByRole('button', { name: 'Remove lane Customer actions' }).click();
  await expect(laneNames(bob)).toHaveText(['Touchpoints', 'Pain points', 'Support KPIs', 'Opportunities']);

  await bob.page.reload();
  await bob.expectSaved();
  await expect(stageNames(bob)).toHaveText([
    'Awareness',
    'Consideration',
    'Decision',
    'Onboarding',
    'Retention',
  ]);
  await expect(bob.cell('Support KPIs', 'Onboarding')).toContainText('First-call resolution');
});

test('a name that breaks the rules gets a clear message and changes nothing', async ({ browser }) => {
  const boardId = await createBoard(server, owner, 'Validation board');
  const board = await BoardPage.newContext(browser, server, owner);
  const page = board.page;
  await board.open(server.url, boardId);
  await page.getByRole('button', { name: 'Rename stage Awareness' }).click();
  await page.getByRole('textbox', { name: 'Rename stage Awareness' }).fill('   ');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Text cannot be empty.');
  await page.keyboard.press('Escape');
  await expect(page.locator('.stage-header .text').first()).toHaveText('Awareness');
});
