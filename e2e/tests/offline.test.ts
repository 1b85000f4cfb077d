import { type Page, expect, test } from '@playwright/test';
import { BoardPage, boardForTwo } from './board.ts';
import { type Account, callApi, ServerProcess, signInContext, signUp, signUpInvited } from './server.ts';

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

  await alice.page.context().setOffline(true);
  await expect(alice.status()).toHaveAttribute('data-sync-status', 'offline');
  await alice.addCard('Touchpoints', 'Awareness', 'Sees a poster on the train');
  await alice.addCard('Pain points', 'Decision', 'Price is unclear');
  await alice.card('Price is unclear').dblclick();
  await alice.page.getByRole('textbox', { name: 'Edit card' }).fill('Price is unclear on mobile');
  await alice.page.keyboard.press('Enter');
  await expect(alice.status()).toHaveAttribute('data-pending', '3');
  await expect(alice.status()).toHaveText('Offline · 3 changes waiting');
  await expect(bob.card('Sees a poster on the train')).toHaveCount(0);

  // The tab reloads with no server: the shell from the service worker, the board from its copy.
  await alice.page.reload();
  await expect(alice.cell('Touchpoints', 'Awareness')).toContainText('Sees a poster on the train');
  await expect(alice.cell('Pain points', 'Decision')).toContainText('Price is unclear on mobile');
  await expect(alice.status()).toHaveAttribute('data-sync-status', 'offline');
  await expect(alice.status()).toHaveText('Offline · 3 changes waiting');

  await alice.page.context().setOffline(false);
  await alice.expectSaved();
  await expect(alice.status()).toHaveAttribute('data-pending', '0');
  await expect(bob.cell('Touchpoints', 'Awareness')).toContainText('Sees a poster on the train');
  await expect(bob.cell('Pain points', 'Decision')).toContainText('Price is unclear on mobile');
  await bob.page.reload();
  await bob.expectSaved();
  await expect(bob.cell('Pain points', 'Decision')).toContainText('Price is unclear on mobile');
});

test('signing out deletes the local copies, and the next person signed in here sees none of them', async ({
  browser,
}) => {
  const { boardId, alice } = await boardForTwo(browser, server, owner, 'Shared laptop');
  const page = alice.page;
  await alice.addCard('Touchpoints', 'Awareness', 'Calls the hotline');
  await alice.expectSaved();
  await expect.poll(() => copiesOf(page, owner.id)).not.toEqual([]);

  await page.getByRole('navigation').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect.poll(() => copiesOf(page, owner.id)).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journeyboard-b')))).toEqual(
    [],
  );

  // Someone else signs in on the same browser: their own copies, never the first person's.
  const other = await signUpInvited(server, owner, boardId, 'Chen', 'participant');
  await signInContext(page.context(), server, other);
  await page.goto(`${server.url}/boards/${boardId}`);
  await expect.poll(() => copiesOf(page, other.id)).not.toEqual([]);
  expect(await copiesOf(page, owner.id)).toEqual([]);
});

test('a watcher keeps no copy of the board', async ({ browser }) => {
  const { boardId } = await boardForTwo(browser, server, owner, 'Watched board');
  const { body } = await callApi<{ link: { token: string } }>(server, 'POST', `/api/boards/${boardId}/links`, {
    account: owner,
    body: { kind: 'watch' },
  });
  const watcher = await BoardPage.newContext(browser, server);
  await watcher.page.goto(`${server.url}/watch/${body.link.token}`);
  await watcher.expectSaved();
  expect(await watcher.page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toEqual([]);
});
