import { expect, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { ServerProcess } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

test('a new board opens with the five default stages and the template lanes, and is listed', async ({
  page,
}) => {
  await page.goto(server.url);
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
  await expect(page.getByRole('link', { name: 'Open board Dental retail journey' })).toBeVisible();
});

test('an unknown board shows "board not found" and creates nothing', async ({ page }) => {
  await page.goto(`${server.url}/boards/noSuchBoard123`);
  await expect(page.getByRole('heading', { name: 'Board not found' })).toBeVisible();
  const response = await fetch(`${server.url}/api/boards`);
  expect(((await response.json()) as { boards: unknown[] }).boards).toHaveLength(0);
});

test('the interface speaks Vietnamese and a new board gets the Vietnamese template', async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
  await expect(page.getByRole('heading', { name: 'Bảng', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Tạo bảng' }).click();
  await page.waitForURL(/\/boards\//);
  await expect(page.locator('.stage-header .text').first()).toHaveText('Nhận biết');
  await expect(page.locator('[data-sync-status]')).toHaveText('Đã lưu');
});
