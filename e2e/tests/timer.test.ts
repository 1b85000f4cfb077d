import { expect, type Page, test } from '@playwright/test';
import { axeViolations, describeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { callApi, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** What the page's timer says is left, in ms, and whether it runs, is paused or has ended. */
async function timerOf(page: Page): Promise<{ remainingMs: number; status: string } | null> {
  return page.evaluate(() => {
    const clock = document.querySelector<HTMLElement>('[data-timer-clock]');
    if (!clock) return null;
    return { remainingMs: Number(clock.dataset.remainingMs), status: clock.dataset.timerStatus ?? '' };
  });
}

/** Reads every page's timer at once; they agree within a second, in the same state. */
async function expectAgreement(pages: Page[], status: string): Promise<number[]> {
  const readings = await Promise.all(pages.map(timerOf));
  for (const reading of readings) expect(reading?.status).toBe(status);
  const left = readings.map((reading) => reading!.remainingMs);
  expect(Math.max(...left) - Math.min(...left), `time left: ${left.join(', ')}`).toBeLessThan(1000);
  return left;
}

/** A clock this many ms fast, in the watcher's browser: the timer must not follow it. */
const WATCHER_CLOCK_AHEAD_MS = 3 * 60_000;

test('the timer agrees across a facilitator, a participant and a watcher whose clock is wrong, through a pause and a resume, and says when the time is up', async ({
  browser,
}) => {
  const owner = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, owner, 'Workshop journey');
  const facilitator = await BoardPage.newContext(
    browser,
    server,
    await signUpInvited(server, owner, boardId, 'Fiona', 'facilitator'),
  );
  const participant = await BoardPage.newContext(
    browser,
    server,
    await signUpInvited(server, owner, boardId, 'Phong', 'participant', 'dept-sales'),
  );
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
  await watcher.page.addInitScript((ahead) => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + ahead;
  }, WATCHER_CLOCK_AHEAD_MS);
  await facilitator.open(server.url, boardId);
  await participant.open(server.url, boardId);
  await watcher.page.goto(`${server.url}/watch/${body.link.token}`);
  await watcher.page.waitForURL(/\/boards\//);
  await watcher.expectSaved();
  const pages = [facilitator.page, participant.page, watcher.page];

  // Only the facilitator sets the timer.
  for (const page of [participant.page, watcher.page]) {
    await expect(page.getByRole('button', { name: 'Set a timer' })).toHaveCount(0);
  }
  await facilitator.page.getByRole('button', { name: 'Set a timer' }).click();
  await facilitator.page.getByRole('button', { name: 'Start a 5-minute timer' }).click();
  for (const page of pages)
    await expect(page.locator('[data-timer-clock]')).toHaveAttribute('data-timer-status', 'running');
  // Each page has its estimate of the server's clock by now; they agree, the watcher's wrong clock included.
  await expect(async () => {
    const left = await expectAgreement(pages, 'running');
    expect(Math.min(...left)).toBeGreaterThan(4 * 60_000);
    expect(Math.max(...left)).toBeLessThanOrEqual(5 * 60_000);
  }).toPass();
  await expect(watcher.page.locator('[data-timer-clock]')).toContainText(/4:[45]\d|5:00/);
  for (const page of [participant.page, watcher.page]) {
    await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  }

  // A pause stops every page at the same time left; a minute more shows everywhere.
  await facilitator.page.getByRole('button', { name: 'Pause' }).click();
  for (const page of pages)
    await expect(page.locator('[data-timer-clock]')).toHaveAttribute('data-timer-status', 'paused');
  const paused = await expectAgreement(pages, 'paused');
  expect(new Set(paused).size, 'paused, every page shows the very same time left').toBe(1);
  await expect(participant.page.locator('[data-timer-clock]')).toContainText('Paused');
  for (const page of [facilitator.page, participant.page]) {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }
  await facilitator.page.getByRole('button', { name: '+1 min' }).click();
  for (const page of pages) {
    await expect(page.locator('[data-timer-clock]')).toHaveAttribute(
      'data-remaining-ms',
      String(paused[0]! + 60_000),
    );
  }

  // Resumed, they run on together from there.
  await facilitator.page.getByRole('button', { name: 'Resume' }).click();
  for (const page of pages)
    await expect(page.locator('[data-timer-clock]')).toHaveAttribute('data-timer-status', 'running');
  await expect(async () => {
    const left = await expectAgreement(pages, 'running');
    expect(Math.max(...left)).toBeLessThanOrEqual(paused[0]! + 60_000);
    expect(Math.min(...left)).toBeGreaterThan(paused[0]! + 50_000);
  }).toPass();

  // A timer of the facilitator's own minutes (a fifth of one, 12 s) ends on every page at once.
  await facilitator.page.getByRole('button', { name: 'New timer' }).click();
  await facilitator.page.getByLabel('Minutes').fill('0.2');
  await facilitator.page.getByRole('button', { name: 'Start', exact: true }).click();
  for (const page of pages) {
    await expect(page.locator('[data-timer-clock]')).toHaveAttribute('data-timer-status', 'ended', {
      timeout: 20_000,
    });
    await expect(page.locator('[data-timer-announcement]')).toHaveText('Time is up');
    await expect(page.locator('[data-timer-clock]')).toContainText('0:00');
  }

  await facilitator.page.getByRole('button', { name: 'Stop' }).click();
  for (const page of pages) await expect(page.locator('[data-timer-clock]')).toHaveCount(0);
});
