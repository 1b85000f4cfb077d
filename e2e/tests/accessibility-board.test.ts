import { expect, type Page, test } from '@playwright/test';
import { type AxeViolation, axeViolations, describeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { type Account, callApi, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
let owner: Account;
let boardId: string;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Mai');
  boardId = await createBoard(server, owner, 'Onboarding journey');
});
test.afterEach(async () => {
  await server.dispose();
});

/**
 * The board as a workshop leaves it: cards in shared lanes, one with a comment, and a lane of
 * Sales that a Support guest may only read.
 */
async function fillBoard(browser: Parameters<typeof BoardPage.newContext>[0]) {
  const board = await BoardPage.newContext(browser, server, owner);
  await board.open(server.url, boardId);
  await board.addCard('Touchpoints', 'Awareness', 'Reads a review on a forum');
  await board.addCard('Touchpoints', 'Awareness', 'Asks a friend');
  await board.addCard('Pain points', 'Decision', 'The price is not on the site');
  await board.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('kpis');
  await board.page
    .getByRole('combobox', { name: 'Department of the new lane' })
    .selectOption({ label: 'Sales' });
  await board.page.getByRole('button', { name: 'Add lane' }).click();
  await board.addCard('Metrics and KPIs', 'Decision', 'Closed deals');
  await board.card('Asks a friend').hover();
  await board.card('Asks a friend').getByRole('button', { name: 'Comment', exact: true }).click();
  const comments = board.page.getByRole('complementary', { name: 'Comments' });
  await comments.getByRole('textbox', { name: 'Your comment' }).fill('Which friend? Ask in the interview');
  await comments.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(comments.getByRole('listitem')).toHaveCount(1);
  await board.expectSaved();
  await board.page.context().close();
}

async function linkToken(kind: 'join' | 'watch'): Promise<string> {
  const { body } = await callApi<{ link: { token: string } }>(
    server,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      account: owner,
      body: { kind },
    },
  );
  return body.link.token;
}

/** Who looks at the board, and how they get there. */
const PEOPLE: Record<string, (browser: Parameters<typeof BoardPage.newContext>[0]) => Promise<BoardPage>> = {
  facilitator: async (browser) => {
    const account = await signUpInvited(server, owner, boardId, 'Hà', 'facilitator');
    const board = await BoardPage.newContext(browser, server, account);
    await board.open(server.url, boardId);
    return board;
  },
  guest: async (browser) => {
    const token = await linkToken('join');
    const board = await BoardPage.newContext(browser, server);
    await board.page.goto(`${server.url}/join/${token}`);
    await board.page.getByLabel('Your name').fill('Sam');
    await board.page.getByLabel('Your department').selectOption({ label: 'Support' });
    await board.page.getByRole('button', { name: 'Join the board' }).click();
    await board.expectSaved();
    return board;
  },
  watcher: async (browser) => {
    const token = await linkToken('watch');
    const board = await BoardPage.newContext(browser, server);
    await board.page.goto(`${server.url}/watch/${token}`);
    await board.page.waitForURL(/\/boards\//);
    await board.expectSaved();
    return board;
  },
};

async function inLanguage(page: Page, language: 'en' | 'vi') {
  await page.evaluate((locale) => localStorage.setItem('PARAGLIDE_LOCALE', locale), language);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.locator('[data-sync-status]').first()).toHaveAttribute('data-sync-status', 'saved');
}

for (const [person, arrive] of Object.entries(PEOPLE)) {
  for (const language of ['en', 'vi'] as const) {
    test(`the board with cards has no serious or critical axe violations for a ${person}, in ${language}`, async ({
      browser,
    }) => {
      await fillBoard(browser);
      const board = await arrive(browser);
      const page = board.page;
      await inLanguage(page, language);
      await expect(page.locator('article.card')).toHaveCount(4);

      const found: AxeViolation[] = [];
      const check = async () => found.push(...(await axeViolations(page)));
      // As it opens; with a card in focus, its tools showing; with the shortcuts open.
      await check();
      await page.locator('article.card').first().focus();
      await page.locator('article.card').first().hover();
      await check();
      await page.keyboard.press('?');
      await expect(page.locator('[data-keyboard-help]')).toBeVisible();
      await check();
      await page.keyboard.press('Escape');
      expect(found, describeViolations(found)).toEqual([]);
    });
  }
}
