import { expect, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { type Account, createBoard, ServerProcess, signUp } from './server.ts';

let server: ServerProcess;
let owner: Account;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Alice');
});
test.afterEach(async () => {
  await server.dispose();
});

test('the board zooms with its buttons, from the keyboard, and with ctrl+wheel', async ({ browser }) => {
  const boardId = await createBoard(server, owner, 'Zoom board');
  const board = await BoardPage.newContext(browser, server, owner);
  const page = board.page;
  await board.open(server.url, boardId);
  const zoom = page.getByRole('group', { name: 'Zoom' });
  const grid = page.locator('.grid');

  await zoom.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoom).toContainText('110%');
  await expect(grid).toHaveCSS('zoom', '1.1');
  await zoom.getByRole('button', { name: 'Zoom out' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(zoom).toContainText('90%');

  // Ctrl+wheel zooms the board, not the page, around the pointer.
  await page.mouse.move(640, 400);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, 200);
  await page.keyboard.up('Control');
  await expect(zoom).toContainText('60%');
  // Laid out at the new zoom once the wheel rests.
  await expect
    .poll(() => grid.evaluate((element) => Number(getComputedStyle(element).zoom)))
    .toBeCloseTo(0.6, 1);
  expect(await page.evaluate(() => window.devicePixelRatio)).toBe(1);

  await zoom.getByRole('button', { name: 'Zoom 60%: back to 100%' }).click();
  await expect(zoom).toContainText('100%');
  await board.addCard('Touchpoints', 'Awareness', 'Still works at any zoom');
});

test('a long cell renders the cards near the screen, and the others as they are scrolled to or focused', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Long board');
  const board = await BoardPage.newContext(browser, server, owner);
  const page = board.page;
  await board.open(server.url, boardId);
  const cell = board.cell('Touchpoints', 'Awareness');
  await cell.getByRole('button', { name: 'Add a card to Touchpoints in Awareness' }).click();
  for (let i = 1; i <= 40; i++) {
    await page.keyboard.type(`Note ${i}`);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
  await expect(cell.locator('article.card', { hasText: 'Note 40' })).toBeVisible();
  await board.expectSaved();

  // A card's text alone (its article also holds the names of its buttons).
  const note = (n: number) =>
    page
      .locator('article.card')
      .filter({ has: page.locator('p.text', { hasText: new RegExp(`^Note ${n}$`) }) });
  const scroller = page.locator('[data-board-scroller]');

  // Back at the top, the cards far below are not rendered: their place is kept empty.
  await scroller.evaluate((element) => element.scrollTo(0, 0));
  await expect.poll(() => cell.locator('article.card').count()).toBeLessThan(40);
  await expect(note(36)).toHaveCount(0);

  // Scrolled to, they are.
  await cell.evaluate((element) => element.scrollIntoView({ block: 'end' }));
  await expect(note(36)).toBeInViewport();

  // A card moved with the keyboard is rendered where it lands, in view, and keeps the focus.
  await note(40).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(board.cell('Customer actions', 'Awareness')).toContainText('Note 40');
  await expect(note(40)).toBeFocused();
  await expect(note(40)).toBeInViewport();
});
