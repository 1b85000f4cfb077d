import { expect, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { callApi, createBoard, ServerProcess, signInContext, signUp } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

test('someone signs up, and their new board opens with the five default stages and the template lanes, and is listed', async ({
  page,
}) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Journeyboard' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await page.getByLabel('Name').fill('Mai Nguyen');
  await page.getByLabel('Email').fill('mai@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Mai Nguyen' })).toBeVisible();

  await expect(page.getByText('No boards yet')).toBeVisible();
  await page.getByLabel('Board title').fill('Dental retail journey');
  await page.getByRole('button', { name: 'Create board' }).click();
  await page.waitForURL(/\/boards\//);
  const board = new BoardPage(page);
  await board.expectSaved();
  await expect(page.locator('.stage-header .text')).toHaveText([
    'Awareness',
    'Consideration',
    'Decision',
    'Retention',
    'Advocacy',
  ]);
  await expect(page.locator('.lane-header .text')).toContainText(['Touchpoints', 'Pain points']);

  await page.getByRole('link', { name: 'All boards' }).click();
  const listed = page.getByRole('link', { name: 'Open board Dental retail journey' });
  await expect(listed).toBeVisible();
  await expect(listed).toContainText('Owner');
});

test('an unknown board shows "board not found" and creates nothing', async ({ page }) => {
  const owner = await signUp(server, 'Alice');
  await signInContext(page.context(), server, owner);
  await page.goto(`${server.url}/boards/noSuchBoard123`);
  await expect(page.getByRole('heading', { name: 'Board not found' })).toBeVisible();
  const { body } = await callApi<{ boards: unknown[] }>(server, 'GET', '/api/boards', { account: owner });
  expect(body.boards).toHaveLength(0);
});

test('a board asks someone signed out to sign in, then opens', async ({ page }) => {
  const owner = await signUp(server, 'Alice');
  const boardId = await createBoard(server, owner, 'Private board');
  await page.goto(`${server.url}/boards/${boardId}`);
  await expect(page).toHaveURL(`${server.url}/signin?next=${encodeURIComponent(`/boards/${boardId}`)}`);
  await expect(page.getByText('Private board')).toHaveCount(0);

  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Said beside the password, which describes it.
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(
    'That email and password do not match. Check them and try again.',
  );
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${server.url}/boards/${boardId}`);
  await new BoardPage(page).expectSaved();
  await expect(page.getByRole('heading', { name: 'Private board' })).toBeVisible();
});

test('the interface speaks Vietnamese and a new board gets the Vietnamese template', async ({ page }) => {
  await signInContext(page.context(), server, await signUp(server, 'Lan'));
  await page.goto(server.url);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
  await expect(page.getByRole('heading', { name: 'Bảng', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Tạo bảng' }).click();
  await page.waitForURL(/\/boards\//);
  await expect(page.locator('.stage-header .text').first()).toHaveText('Nhận biết');
  await expect(page.locator('[data-sync-status]')).toHaveText('Đã lưu');
  await expect(page.getByRole('button', { name: 'Chia sẻ' })).toBeVisible();
  await expect(page.locator('.presence')).toContainText('Chủ bảng');
});
