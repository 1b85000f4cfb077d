import { expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { callApi, createBoard, ServerProcess, signInContext, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** axe-core's serious and critical violations within the bylines of the page (axe.ts injects it). */
async function bylineViolations(page: Page): Promise<string[]> {
  await axeViolations(page);
  return page.evaluate(async () => {
    interface Results {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    }
    const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<Results> } }).axe;
    const { violations } = await axe.run({ include: [['[data-card-author]']] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
}

/** How wide `locator` is drawn: about 1 px while it is kept out of sight. */
async function drawnWidth(locator: Locator): Promise<number> {
  return (await locator.boundingBox())?.width ?? 0;
}

test('a card shows who wrote it and their department, on hover or focus and in its comments, also after a move', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Onboarding');
  const samAccount = await signUpInvited(
    server,
    ownerAccount,
    boardId,
    'Sam Trần',
    'participant',
    'dept-support',
  );
  const sam = await BoardPage.newContext(browser, server, samAccount);
  await sam.open(server.url, boardId);
  await sam.addCard('Touchpoints', 'Awareness', 'Calls the hotline');
  await sam.expectSaved();

  const owner = await BoardPage.newContext(browser, server, ownerAccount);
  await owner.open(server.url, boardId);
  const card = owner.card('Calls the hotline');
  const byline = card.locator('[data-card-author]');
  // Out of the way until the card is pointed at or focused, yet in the card's description.
  await expect(card).toBeVisible();
  expect(await drawnWidth(byline)).toBeLessThanOrEqual(1);
  await expect(card).toHaveAccessibleDescription(/^By Sam Trần, Support /);

  await card.focus();
  await expect(byline.locator('.look > span')).toHaveText(['By Sam Trần', 'Support']);
  await expect.poll(() => drawnWidth(byline)).toBeGreaterThan(40);
  await expect(byline.getByText('Support', { exact: true })).toBeVisible();
  // Shown in the strip the card opens below its text: it covers neither the text nor the tools.
  const bylineBox = (await byline.locator('.look').boundingBox())!;
  const textBox = (await card.locator('.text').boundingBox())!;
  expect(bylineBox.y).toBeGreaterThanOrEqual(textBox.y + textBox.height - 1);
  for (const tool of await card.locator('.tools button').all()) {
    const box = (await tool.boundingBox())!;
    const apart =
      bylineBox.x + bylineBox.width <= box.x ||
      box.x + box.width <= bylineBox.x ||
      bylineBox.y + bylineBox.height <= box.y ||
      box.y + box.height <= bylineBox.y;
    expect(apart).toBe(true);
  }
  await owner.page.locator('.board-header').hover();
  await owner.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expect.poll(() => drawnWidth(byline)).toBeLessThanOrEqual(1);
  await card.hover();
  await expect.poll(() => drawnWidth(byline)).toBeGreaterThan(40);

  // In the card's details: the comments panel names the author under the card.
  await card.getByRole('button', { name: 'Comment', exact: true }).click();
  const comments = owner.page.getByRole('complementary', { name: 'Comments' });
  await expect(comments.locator('blockquote')).toHaveText('Calls the hotline');
  await expect(comments.locator('[data-card-author] .look > span')).toHaveText(['By Sam Trần', 'Support']);
  await expect(comments.locator('[data-card-author]')).toBeVisible();
  // Neither the byline on the focused card nor the one in the panel fails axe-core.
  await card.focus();
  expect(await bylineViolations(owner.page)).toEqual([]);
  await comments.getByRole('button', { name: 'Close comments' }).click();

  // The owner moves Sam's card to the next lane: it is still Sam's, for Sam too.
  await card.focus();
  await owner.page.keyboard.press('Alt+ArrowDown');
  await expect(owner.cell('Customer actions', 'Awareness').locator('article.card')).toHaveText(
    /Calls the hotline/,
  );
  await owner.expectSaved();
  const moved = sam
    .cell('Customer actions', 'Awareness')
    .locator('article.card', { hasText: 'Calls the hotline' });
  await expect(moved).toHaveAccessibleDescription(/^By Sam Trần, Support /);
});

test('a guest’s card is marked as a guest’s, in Vietnamese too', async ({ browser }) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Onboarding');
  const { body } = await callApi<{ link: { token: string } }>(
    server,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      account: ownerAccount,
      body: { kind: 'join' },
    },
  );
  const guest = await BoardPage.newContext(browser, server);
  await guest.page.goto(`${server.url}/join/${body.link.token}`);
  await guest.page.getByLabel('Your name').fill('Gia');
  await guest.page.getByLabel('Your department').selectOption({ label: 'Support' });
  await guest.page.getByRole('button', { name: 'Join the board' }).click();
  await guest.expectSaved();
  await guest.addCard('Touchpoints', 'Awareness', 'Hỏi giá qua Zalo');
  await guest.expectSaved();

  const context = await browser.newContext({ locale: 'vi-VN' });
  await signInContext(context, server, ownerAccount);
  const owner = new BoardPage(await context.newPage());
  await owner.open(server.url, boardId);
  const card = owner.card('Hỏi giá qua Zalo');
  await card.focus();
  await expect(card.locator('[data-card-author] .look > span')).toHaveText([
    'Người viết: Gia',
    'Support',
    'khách',
  ]);
  await expect(card).toHaveAccessibleDescription(/^Người viết: Gia, Support, khách /);
  await card.getByRole('button', { name: 'Bình luận', exact: true }).click();
  const details = owner.page.getByRole('complementary', { name: 'Bình luận' });
  await expect(details.getByText('Người viết: Gia, Support, khách')).toBeAttached();
  await expect(details.locator('[data-card-author] .look')).toBeVisible();
});
