import { expect, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { createBoard, ServerProcess, signInAgain, signUp } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

test('changing the password signs out the other devices, which are told why', async ({ browser }) => {
  const account = await signUp(server, 'Minh');
  const boardId = await createBoard(server, account, 'Renewals');
  const laptop = await BoardPage.newContext(browser, server, account);
  const phone = await BoardPage.newContext(browser, server, await signInAgain(server, account));
  await phone.open(server.url, boardId);

  await laptop.page.goto(server.url);
  await laptop.page.getByRole('navigation').getByRole('link', { name: 'Minh' }).click();
  await expect(laptop.page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await laptop.page.getByLabel('Current password').fill(account.password);
  await laptop.page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
  await laptop.page.getByLabel('New password again').fill('a brand new passphrase');
  await laptop.page.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.page.getByRole('status')).toHaveText(
    'Password changed. Your other devices were signed out.',
  );

  await expect(phone.disconnectedBanner()).toContainText('You were signed out.');
  await expect(phone.status()).toHaveAttribute('data-sync-status', 'disconnected');
  await phone.page.getByRole('link', { name: 'Sign in again' }).click();
  await phone.page.getByLabel('Email').fill(account.email);
  await phone.page.getByLabel('Password').fill('a brand new passphrase');
  await phone.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.page).toHaveURL(`${server.url}/boards/${boardId}`);
  await phone.expectSaved();
});

test('signing out of every device ends every session, this one included', async ({ browser }) => {
  const account = await signUp(server, 'Minh');
  const boardId = await createBoard(server, account, 'Renewals');
  const laptop = await BoardPage.newContext(browser, server, account);
  const phone = await BoardPage.newContext(browser, server, await signInAgain(server, account));
  await phone.open(server.url, boardId);

  laptop.page.on('dialog', (dialog) => dialog.accept());
  await laptop.page.goto(`${server.url}/account`);
  await laptop.page.getByRole('button', { name: 'Sign out of every device' }).click();
  await expect(laptop.page.getByRole('heading', { name: 'Welcome to Journeyboard' })).toBeVisible();
  await expect(laptop.page.getByRole('navigation').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(phone.disconnectedBanner()).toContainText('You were signed out.');

  await laptop.page.goto(`${server.url}/boards/${boardId}`);
  await expect(laptop.page).toHaveURL(/\/signin\?next=/);
});

test('signing out from the top bar leaves the board and returns to the welcome page', async ({ browser }) => {
  const account = await signUp(server, 'Minh');
  const boardId = await createBoard(server, account, 'Renewals');
  const board = await BoardPage.newContext(browser, server, account);
  await board.open(server.url, boardId);
  await board.page.getByRole('navigation').getByRole('button', { name: 'Sign out' }).click();
  await expect(board.page.getByRole('heading', { name: 'Welcome to Journeyboard' })).toBeVisible();
  await board.page.goto(`${server.url}/account`);
  await expect(board.page).toHaveURL(`${server.url}/signin?next=%2Faccount`);
});
