import { laneDocName, readBoard, readCards, structureDocName } from '@journeyboard/board-model';
import { expect, type Page, test } from '@playwright/test';
import { type AxeViolation, axeViolations, describeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { type Account, callApi, createBoard, ServerProcess, signUp } from './server.ts';
import { everyKindBoard, storeMalformedField, syncClientOf } from './typed-board.ts';

// A board with a lane of every kind and cards with every field (channels, severities, KPIs with
// their meters, departments, moments of truth, a card whose data could not be read), the loyalty
// loop and stage time frames: no serious or critical axe violation, for whoever writes it and
// whoever only watches, in English and Vietnamese, with its panels and editors open.

let server: ServerProcess;
let owner: Account;
let boardId: string;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Mai');
  boardId = await createBoard(server, owner, 'Every lane kind');
  await everyKindBoard(server, owner, boardId);
  await restoreMalformedCard();
});
test.afterEach(async () => {
  await server.dispose();
});

/** One card of the notes lane stored with a severity no reader trusts, as a restored backup might. */
async function restoreMalformedCard() {
  const client = syncClientOf(server, owner);
  const structure = await client.open(structureDocName(boardId));
  const notes = readBoard(structure.document).lanes.find((lane) => lane.kind === 'notes')!;
  const lane = await client.open(laneDocName(boardId, notes.id));
  const card = readCards(lane.document)[0]!;
  await server.stop('SIGTERM');
  storeMalformedField(server, boardId, notes.id, lane, card.id, 'severity', 'unbearable');
  client.destroy();
  await server.startProcess();
}

async function inLanguage(page: Page, language: 'en' | 'vi') {
  await page.evaluate((locale) => localStorage.setItem('PARAGLIDE_LOCALE', locale), language);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await new BoardPage(page).expectSaved();
}

async function watcher(browser: Parameters<typeof BoardPage.newContext>[0]): Promise<BoardPage> {
  const { body } = await callApi<{ link: { token: string } }>(
    server,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      account: owner,
      body: { kind: 'watch' },
    },
  );
  const board = await BoardPage.newContext(browser, server);
  await board.page.goto(`${server.url}/watch/${body.link.token}`);
  await board.page.waitForURL(/\/boards\//);
  await board.expectSaved();
  return board;
}

for (const person of ['owner', 'watcher'] as const) {
  for (const language of ['en', 'vi'] as const) {
    test(`a board with every lane kind and field has no serious or critical axe violations for its ${person}, in ${language}`, async ({
      browser,
    }) => {
      // Wide enough to hold every stage, so that all the cards are rendered and checked.
      const board =
        person === 'owner' ? await BoardPage.newContext(browser, server, owner) : await watcher(browser);
      const page = board.page;
      await page.setViewportSize({ width: 1600, height: 1000 });
      if (person === 'owner') await board.open(server.url, boardId);
      await inLanguage(page, language);
      await expect(page.locator('.lane-header')).toHaveCount(13);
      await expect(page.locator('[data-blueprint-line]')).toHaveCount(3);
      await expect(page.locator('[data-loyalty-loop]')).toBeVisible();
      await expect(page.locator('[data-card-invalid]')).toHaveCount(1);
      await expect(page.getByRole('meter')).toHaveCount(2);
      await expect(page.locator('[data-severity]')).toHaveCount(4);
      await expect(page.locator('[data-time-frame]')).toHaveCount(2);

      const found: AxeViolation[] = [];
      const check = async () => found.push(...(await axeViolations(page)));
      await check();

      // A moment of truth in focus, its tools showing; then the moments panel open.
      const moment = page.locator('article.card.moment').first();
      await moment.focus();
      await moment.hover();
      await check();
      await page.locator('[data-moments-open]').click();
      await expect(page.locator('[data-moments-panel] li')).toHaveCount(2);
      await check();

      if (person === 'owner') {
        // A KPI's details, and a touchpoint's with a channel of its own, and the invalid card's.
        for (const card of ['Churn rate', 'Asks on the Zalo page', 'A note about notes']) {
          await board.card(card).focus();
          await board.card(card).hover();
          await board.card(card).locator('[data-card-details]').click();
          const dialog = page.getByRole('dialog');
          await expect(dialog).toBeVisible();
          await check();
          await page.keyboard.press('Escape');
          await expect(dialog).toBeHidden();
        }
        // A stage's time frame being edited.
        await page.locator('[data-time-frame-edit]').first().click();
        await check();
        await page.keyboard.press('Escape');
      }
      expect(found, describeViolations(found)).toEqual([]);
    });
  }
}
