import { expect, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { type Account, createBoard, ServerProcess, signUp } from './server.ts';

let server: ServerProcess;
let owner: Account;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Dana');
});
test.afterEach(async () => {
  await server.dispose();
});

test('a card shown as saved survives kill -9 of the server', async ({ browser }) => {
  const boardId = await createBoard(server, owner, 'Crash board');
  const board = await BoardPage.newContext(browser, server, owner);
  const page = board.page;
  await board.open(server.url, boardId);

  await board.addCard('Pain points', 'Decision', 'Price is unclear');
  await board.expectSaved();
  await server.stop('SIGKILL');
  await expect(board.status()).toHaveAttribute('data-sync-status', 'offline');

  await server.startProcess();
  await page.reload();
  await board.expectSaved();
  await expect(board.cell('Pain points', 'Decision')).toContainText('Price is unclear');
});

test('edits made while the server is down are kept and saved when it returns', async ({ browser }) => {
  const boardId = await createBoard(server, owner, 'Offline board');
  const board = await BoardPage.newContext(browser, server, owner);
  const page = board.page;
  await board.open(server.url, boardId);

  await server.stop('SIGKILL');
  await expect(board.status()).toHaveAttribute('data-sync-status', 'offline');
  await board.addCard('Opportunities', 'Retention', 'Proactive renewal call');
  await expect(board.status()).toHaveAttribute('data-sync-status', 'offline');

  await server.startProcess();
  await board.expectSaved();
  await page.reload();
  await board.expectSaved();
  await expect(board.cell('Opportunities', 'Retention')).toContainText('Proactive renewal call');
});
