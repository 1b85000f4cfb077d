import { type Page, expect, test } from '@playwright/test';
import { BoardPage, boardForTwo } from './board.ts';
import {
  type Account,
  acceptInvitation,
  callApi,
  createBoard,
  ServerProcess,
  signInAgain,
  signInContext,
  signUp,
  signUpInvited,
} from './server.ts';

let server: ServerProcess;
let owner: Account;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Alice');
});
test.afterEach(async () => {
  await server.dispose();
});

/** Waits until the page is answered by its service worker: from then on it reloads offline. */
async function expectServiceWorker(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** The names of this page's IndexedDB databases that are `userId`'s local copies. */
function copiesOf(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(
    async (prefix) =>
      (await indexedDB.databases()).flatMap((db) => (db.name?.startsWith(prefix) ? [db.name] : [])),
    `journeyboard-copy/${encodeURIComponent(userId)}/`,
  );
}

test('a page offline keeps its edits through a reload, and the others see them once it is back', async ({
  browser,
}) => {
  const { alice, bob } = await boardForTwo(browser, server, owner, 'Offline journey');
  await expectServiceWorker(alice.page);

  // The connection is cut by stopping the server: Chromium's emulated offline mode
  // (`context.setOffline`) leaves an open WebSocket open, so it cuts nothing of the sync.
  await server.stop('SIGKILL');
  await expect(alice.status()).toHaveAttribute('data-sync-status', 'offline');
  await alice.addCard('Touchpoints', 'Awareness', 'Sees a poster on the train');
  await alice.addCard('Pain points', 'Decision', 'Price is unclear');
  await alice.card('Price is unclear').dblclick();
  await alice.page.getByRole('textbox', { name: 'Edit card' }).fill('Price is unclear on mobile');
  await alice.page.keyboard.press('Enter');
  await expect(alice.status()).toHaveAttribute('data-pending', '3');
  await expect(alice.status()).toHaveText('Offline · 3 changes waiting');

  // The tab reloads with no server: the shell from the service worker, the board from its copy.
  await alice.page.reload();
  await expect(alice.cell('Touchpoints', 'Awareness')).toContainText('Sees a poster on the train');
  await expect(alice.cell('Pain points', 'Decision')).toContainText('Price is unclear on mobile');
  await expect(alice.status()).toHaveAttribute('data-sync-status', 'offline');
  await expect(alice.status()).toHaveText('Offline · 3 changes waiting');

  await server.startProcess();
  await alice.expectSaved();
  await expect(alice.status()).toHaveAttribute('data-pending', '0');
  await expect(bob.cell('Touchpoints', 'Awareness')).toContainText('Sees a poster on the train');
  await expect(bob.cell('Pain points', 'Decision')).toContainText('Price is unclear on mobile');
  await bob.page.reload();
  await bob.expectSaved();
  await expect(bob.cell('Pain points', 'Decision')).toContainText('Price is unclear on mobile');
});

test('edits made offline survive a closed tab, in Vietnamese too, and are saved when the server returns', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Closed tab');
  const first = await BoardPage.newContext(browser, server, owner);
  await first.open(server.url, boardId);
  await expectServiceWorker(first.page);
  await server.stop('SIGKILL');
  await expect(first.status()).toHaveAttribute('data-sync-status', 'offline');
  await first.addCard('Touchpoints', 'Awareness', 'Asks a friend');
  await first.addCard('Touchpoints', 'Consideration', 'Compares prices');
  await expect(first.status()).toHaveText('Offline · 2 changes waiting');

  const context = first.page.context();
  await first.page.evaluate(() => localStorage.setItem('PARAGLIDE_LOCALE', 'vi'));
  await first.page.close();
  const again = new BoardPage(await context.newPage());
  await again.page.goto(`${server.url}/boards/${boardId}`);
  await expect(again.status()).toHaveText('Ngoại tuyến · 2 thay đổi đang chờ');
  await expect(again.card('Asks a friend')).toBeVisible();
  await expect(again.card('Compares prices')).toBeVisible();

  await server.startProcess();
  await expect(again.status()).toHaveAttribute('data-sync-status', 'saved');
  await expect(again.status()).toHaveText('Đã lưu');
  const check = await BoardPage.newContext(browser, server, owner);
  await check.page.goto(`${server.url}/boards/${boardId}`);
  await expect(check.card('Asks a friend')).toBeVisible();
  await expect(check.card('Compares prices')).toBeVisible();
});

test('signing out deletes the local copies, and the next person signed in here sees none of them', async ({
  browser,
}) => {
  const { boardId, alice } = await boardForTwo(browser, server, owner, 'Shared laptop');
  const page = alice.page;
  const other = await signUpInvited(server, owner, boardId, 'Chen', 'facilitator');
  await alice.addCard('Touchpoints', 'Awareness', 'Calls the hotline');
  await alice.expectSaved();
  await expect.poll(() => copiesOf(page, owner.id)).not.toEqual([]);

  await page.getByRole('navigation').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect.poll(() => copiesOf(page, owner.id)).toEqual([]);
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journeyboard-b'))),
  ).toEqual([]);

  // Someone else signs in on the same browser: their own copies, never the first person's.
  await signInContext(page.context(), server, other);
  await page.goto(`${server.url}/boards/${boardId}`);
  await expect.poll(() => copiesOf(page, other.id)).not.toEqual([]);
  expect(await copiesOf(page, owner.id)).toEqual([]);
});

test('the service worker may fetch this origin only, and pages may start it', async () => {
  const worker = await fetch(`${server.url}/service-worker.js`);
  expect(worker.ok).toBe(true);
  const policy = worker.headers.get('content-security-policy');
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("connect-src 'self'");
  const page = await fetch(`${server.url}/boards/any`);
  expect(page.headers.get('content-security-policy')).toContain("worker-src 'self'");
});

test('a watcher keeps no copy of the board', async ({ browser }) => {
  const { boardId } = await boardForTwo(browser, server, owner, 'Watched board');
  const { body } = await callApi<{ link: { token: string } }>(
    server,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      account: owner,
      body: { kind: 'watch' },
    },
  );
  const watcher = await BoardPage.newContext(browser, server);
  await watcher.page.goto(`${server.url}/watch/${body.link.token}`);
  await watcher.expectSaved();
  expect(await watcher.page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toEqual(
    [],
  );
});

test('a person removed from a board loses its copies; signed out on another device, all of theirs', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Kept board');
  const otherBoardId = await createBoard(server, owner, 'Another board');
  const member = await signUpInvited(server, owner, boardId, 'Chen', 'facilitator');
  await callApi(server, 'POST', `/api/boards/${otherBoardId}/invitations`, {
    account: owner,
    body: { email: member.email, role: 'facilitator', departmentId: null },
  }).then(({ body }) => acceptInvitation(server, member, (body as { link: string }).link));
  const chen = await BoardPage.newContext(browser, server, member);
  await chen.open(server.url, otherBoardId);
  await chen.open(server.url, boardId);
  const boardCopies = `journeyboard-copy/${encodeURIComponent(member.id)}/${encodeURIComponent(boardId)}/`;
  const namesOf = () => copiesOf(chen.page, member.id);
  await expect.poll(async () => (await namesOf()).some((name) => name.startsWith(boardCopies))).toBe(true);

  await callApi(server, 'DELETE', `/api/boards/${boardId}/members/${member.id}`, { account: owner });
  await expect(chen.disconnectedBanner()).toHaveAttribute('data-disconnected', 'access-removed');
  await expect.poll(async () => (await namesOf()).some((name) => name.startsWith(boardCopies))).toBe(false);
  expect(await namesOf()).not.toEqual([]);

  await chen.open(server.url, otherBoardId);
  const laptop = await signInAgain(server, member);
  await callApi(server, 'POST', '/api/auth/signout-everywhere', { account: laptop });
  await expect(chen.disconnectedBanner()).toBeVisible();
  await expect.poll(namesOf).toEqual([]);
});
