import { expect, type Locator, type Page, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { callApi, createBoard, ServerProcess, signUp, signUpInvited, type Account } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** A watch link of `boardId`, made by `owner` over the API; returns its address. */
async function watchLink(boardId: string, owner: Account): Promise<string> {
  const { body } = await callApi<{ link: { token: string } }>(
    server,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      account: owner,
      body: { kind: 'watch' },
    },
  );
  return `${server.url}/watch/${body.link.token}`;
}

/** What a page's board scroller shows: its scroll, its zoom, and the board point at its centre. */
interface View {
  left: number;
  top: number;
  zoom: number;
  x: number;
  y: number;
}

function viewOf(page: Page): Promise<View> {
  return page.locator('[data-board-scroller]').evaluate((scroller: HTMLElement) => {
    const grid = scroller.firstElementChild as HTMLElement;
    const outer = scroller.getBoundingClientRect();
    const inner = grid.getBoundingClientRect();
    const zoom = Number(scroller.dataset.zoom);
    const offsetX = inner.left - outer.left + scroller.scrollLeft;
    const offsetY = inner.top - outer.top + scroller.scrollTop;
    return {
      left: scroller.scrollLeft,
      top: scroller.scrollTop,
      zoom,
      x: (scroller.scrollLeft + scroller.clientWidth / 2 - offsetX) / zoom,
      y: (scroller.scrollTop + scroller.clientHeight / 2 - offsetY) / zoom,
    };
  });
}

/**
 * How far `follower`'s view is from `leader`'s: the most of the scroll difference and of the
 * difference of the board points at their centres (the pages' windows are the same size, their
 * toolbars not quite, so the centres say it best).
 */
async function apart(leader: BoardPage, follower: BoardPage): Promise<number> {
  const [a, b] = await Promise.all([viewOf(leader.page), viewOf(follower.page)]);
  if (a.zoom !== b.zoom) return Infinity;
  return Math.max(Math.abs(a.left - b.left), Math.abs(a.x - b.x), Math.abs(a.y - b.y));
}

/** Scrolls `page`'s board with the mouse wheel, as a person does. */
async function wheel(page: Page, dx: number, dy: number): Promise<void> {
  const box = (await page.locator('[data-board-scroller]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(dx, dy);
}

function followBar(page: BoardPage): Locator {
  return page.page.locator('[data-follow-bar]');
}

test('cursors carry the names the server knows; following, presenting and bringing everyone move the others’ views until they move away', async ({
  browser,
}) => {
  const lanAccount = await signUp(server, 'Lan');
  const boardId = await createBoard(server, lanAccount, 'Workshop');
  const samAccount = await signUpInvited(server, lanAccount, boardId, 'Sam', 'participant', 'dept-support');
  const watchUrl = await watchLink(boardId, lanAccount);
  const lan = await BoardPage.newContext(browser, server, lanAccount);
  const sam = await BoardPage.newContext(browser, server, samAccount);
  const watcher = await BoardPage.newContext(browser, server);
  await lan.open(server.url, boardId);
  await sam.open(server.url, boardId);
  await watcher.page.goto(watchUrl);
  await watcher.page.waitForURL(/\/boards\//);
  await watcher.expectSaved();

  // Lan points at the board: Sam and the watcher see Lan's cursor, named, where Lan points.
  const lanBox = (await lan.scroller().boundingBox())!;
  await lan.page.mouse.move(lanBox.x + 200, lanBox.y + 150);
  await lan.page.mouse.move(lanBox.x + 320, lanBox.y + 220, { steps: 6 });
  for (const other of [sam, watcher]) {
    const cursor = other.page.locator('[data-cursor="Lan"]');
    await expect(cursor).toBeVisible();
    await expect(cursor).toHaveText('Lan');
    const scroller = (await other.scroller().boundingBox())!;
    await expect
      .poll(async () => {
        const box = (await cursor.boundingBox())!;
        return Math.max(Math.abs(box.x - scroller.x - 320), Math.abs(box.y - scroller.y - 220));
      })
      .toBeLessThanOrEqual(3);
  }
  // Sam's cursor shows to Lan; a watcher has no name, and no cursor shows for them.
  const samBox = (await sam.scroller().boundingBox())!;
  await sam.page.mouse.move(samBox.x + 400, samBox.y + 300, { steps: 4 });
  const watcherBox = (await watcher.scroller().boundingBox())!;
  await watcher.page.mouse.move(watcherBox.x + 500, watcherBox.y + 300, { steps: 4 });
  await expect(lan.page.locator('[data-cursor="Sam"]')).toBeVisible();
  await expect(sam.page.locator('[data-cursor]')).toHaveText(['Lan']);
  await expect(lan.page.locator('[data-cursor]')).toHaveText(['Sam']);
  // Lan's pointer leaves the board: the cursor goes.
  await lan.page.mouse.move(lanBox.x + 10, 5);
  await expect(sam.page.locator('[data-cursor="Lan"]')).toHaveCount(0);
  await expect(watcher.page.locator('[data-cursor="Lan"]')).toHaveCount(0);

  // Only Lan, who runs the board, may present or bring everyone; the watcher sends no reactions.
  await expect(lan.page.getByRole('button', { name: 'Bring everyone to me' })).toBeVisible();
  for (const other of [sam, watcher]) {
    await expect(other.page.getByRole('button', { name: 'Present', exact: true })).toHaveCount(0);
    await expect(other.page.getByRole('button', { name: 'Bring everyone to me' })).toHaveCount(0);
  }
  await expect(sam.page.getByRole('button', { name: 'Send a reaction' })).toBeVisible();
  await expect(watcher.page.getByRole('button', { name: 'Send a reaction' })).toHaveCount(0);

  // Sam follows Lan from the presence list.
  await sam.page.getByRole('button', { name: 'Follow Lan' }).click();
  await expect(followBar(sam)).toHaveText(/Following Lan\s*Stop/);
  await expect(sam.page.getByRole('button', { name: 'Follow Lan' })).toHaveAttribute('aria-pressed', 'true');
  // Lan zooms to 200% and scrolls (not to the board's far edges: the pages' boards differ a little
  // in size, Lan's having the tools to add stages and lanes): Sam's view goes along.
  for (let i = 0; i < 5; i++) await lan.page.keyboard.press('Control+Equal');
  await expect(lan.scroller()).toHaveAttribute('data-zoom', '2');
  await wheel(lan.page, -3000, -3000);
  await expect.poll(async () => (await viewOf(lan.page)).top).toBe(0);
  await wheel(lan.page, 400, 150);
  await expect.poll(async () => (await viewOf(lan.page)).left).toBeGreaterThan(300);
  await expect(sam.scroller()).toHaveAttribute('data-zoom', '2');
  await expect.poll(() => apart(lan, sam)).toBeLessThanOrEqual(30);

  // Sam scrolls away: following stops, and Lan's next move leaves Sam where Sam went.
  await wheel(sam.page, -300, -200);
  await expect(followBar(sam)).toHaveText('');
  await expect(sam.page.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0);
  await expect(sam.page.getByRole('button', { name: 'Follow Lan' })).toHaveAttribute('aria-pressed', 'false');

  // Lan presents: the watcher (and Sam) follow, and a watcher who comes now joins the presentation.
  await lan.page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(lan.page.getByRole('button', { name: 'Present', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(followBar(lan)).toHaveText(/You are presenting/);
  await expect(followBar(watcher)).toHaveText(/Lan is presenting\s*Stop following/);
  await expect(followBar(sam)).toHaveText(/Lan is presenting\s*Stop following/);
  await wheel(lan.page, -200, 50);
  await expect.poll(() => apart(lan, watcher)).toBeLessThanOrEqual(30);
  await expect.poll(() => apart(lan, sam)).toBeLessThanOrEqual(30);
  const late = await BoardPage.newContext(browser, server);
  await late.page.goto(watchUrl);
  await late.page.waitForURL(/\/boards\//);
  await expect(followBar(late)).toHaveText(/Lan is presenting\s*Stop following/);
  await expect.poll(() => apart(lan, late)).toBeLessThanOrEqual(30);

  // The watcher stops following (Escape), and follows again.
  await watcher.page.keyboard.press('Escape');
  await expect(followBar(watcher)).toHaveText(/Lan is presenting\s*Follow again/);
  await wheel(watcher.page, 300, 0);
  await expect.poll(() => apart(lan, watcher)).toBeGreaterThan(30);
  await watcher.page.getByRole('button', { name: 'Follow again' }).click();
  await expect(followBar(watcher)).toHaveText(/Stop following/);
  await expect.poll(() => apart(lan, watcher)).toBeLessThanOrEqual(30);

  // The presentation ends: nobody follows any more.
  await lan.page.getByRole('button', { name: 'Stop presenting' }).click();
  await expect(lan.page.getByRole('button', { name: 'Present', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(followBar(watcher)).toHaveText('');
  await expect(followBar(sam)).toHaveText('');

  // Sam goes elsewhere; Lan brings everyone: Sam's view jumps to Lan's, and follows it.
  await wheel(sam.page, 400, 300);
  await expect.poll(() => apart(lan, sam)).toBeGreaterThan(30);
  await lan.page.getByRole('button', { name: 'Bring everyone to me' }).click();
  await expect(followBar(sam)).toHaveText(/Following Lan\s*Stop/);
  await expect.poll(() => apart(lan, sam)).toBeLessThanOrEqual(30);
  await wheel(lan.page, 150, -100);
  await expect.poll(() => apart(lan, sam)).toBeLessThanOrEqual(30);
  await sam.page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(followBar(sam)).toHaveText('');
});

test('the card someone edits says who, and a reaction burst floats up on the other pages', async ({
  browser,
}) => {
  const lanAccount = await signUp(server, 'Lan');
  const boardId = await createBoard(server, lanAccount, 'Workshop');
  const samAccount = await signUpInvited(server, lanAccount, boardId, 'Sam', 'participant', 'dept-support');
  const lan = await BoardPage.newContext(browser, server, lanAccount);
  const sam = await BoardPage.newContext(browser, server, samAccount);
  await lan.open(server.url, boardId);
  await sam.open(server.url, boardId);
  await lan.addCard('Touchpoints', 'Awareness', 'Sees an ad');
  await expect(sam.card('Sees an ad')).toBeVisible();

  // While Lan edits the card's text (the card shows a text field then), Sam's card says so.
  const cardId = await lan.card('Sees an ad').getAttribute('data-card-id');
  const lanCard = lan.page.locator(`article[data-card-id="${cardId}"]`);
  await lan.card('Sees an ad').dblclick();
  await expect(lanCard.getByRole('textbox')).toBeFocused();
  await expect(sam.card('Sees an ad').locator('[data-card-editors]')).toHaveText('Lan is editing');
  await expect(lanCard.locator('[data-card-editors]')).toHaveCount(0);
  await lan.page.keyboard.press('Escape');
  await expect(sam.card('Sees an ad').locator('[data-card-editors]')).toHaveCount(0);

  // Sam reacts: Lan's page shows the emoji floating up (and then it goes).
  await sam.page.getByRole('button', { name: 'Send a reaction' }).click();
  await sam.page.getByRole('button', { name: 'Send celebrate' }).click();
  await expect(lan.page.locator('[data-burst="🎉"]')).toHaveCount(1);
  await expect(lan.page.locator('[data-burst="🎉"]')).toHaveCount(0);

  // Cursors can be hidden, and stay hidden after a reload.
  const samBox = (await sam.scroller().boundingBox())!;
  await sam.page.mouse.move(samBox.x + 300, samBox.y + 200, { steps: 4 });
  await expect(lan.page.locator('[data-cursor="Sam"]')).toBeVisible();
  await lan.page.getByRole('button', { name: 'Show cursors' }).click();
  await expect(lan.page.getByRole('button', { name: 'Show cursors' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(lan.page.locator('[data-cursor="Sam"]')).toHaveCount(0);
  await lan.page.reload();
  await lan.expectSaved();
  await expect(lan.page.getByRole('button', { name: 'Show cursors' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await sam.page.mouse.move(samBox.x + 350, samBox.y + 250, { steps: 4 });
  await expect(lan.page.locator('[data-cursor]')).toHaveCount(0);
});
