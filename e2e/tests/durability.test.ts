import { expect, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { createBoard, ServerProcess } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

test('a card shown as saved survives kill -9 of the server', async ({ page }) => {
  const boardId = await createBoard(server, 'Crash board');
  const board = new BoardPage(page);
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

test('edits made while the server is down are kept and saved when it returns', async ({ page }) => {
  const boardId = await createBoard(server, 'Offline board');
  const board = new BoardPage(page);
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
