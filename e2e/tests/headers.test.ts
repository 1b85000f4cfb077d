import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolations, describeViolations } from './axe.ts';
import { BoardPage, boardForTwo } from './board.ts';
import { controlContrast } from './contrast.ts';
import {
  type Account,
  callApi,
  createBoard,
  ServerProcess,
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

const stageNames = (p: BoardPage) => p.page.locator('.stage-header .text');
const laneNames = (p: BoardPage) => p.page.locator('.lane-header .text');
const button = (p: BoardPage, name: string) => p.page.getByRole('button', { name, exact: true });

/** The owner (Alice) and a facilitator (Bob) on one board, each on a page of their own. */
const forTwo = (browser: Browser, title: string) => boardForTwo(browser, server, owner, title);

/** `locator` has focus (it is `document.activeElement`), and nothing is drawn over its centre. */
async function expectFocused(locator: Locator): Promise<void> {
  await expect(locator).toBeFocused();
  const clear = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top !== null && (top === element || element.contains(top));
  });
  expect(clear, 'the focused element is not covered').toBe(true);
}

/** Drags the header `from` onto the `side` half of the header `onto`, checking the drop marker. */
async function dragHeader(
  page: Page,
  from: Locator,
  onto: Locator,
  side: 'before' | 'after',
  orientation: 'column' | 'row',
) {
  const source = await from.boundingBox();
  const target = await onto.boundingBox();
  if (!source || !target) throw new Error('a header to drag is not on screen');
  const fraction = side === 'before' ? 0.2 : 0.8;
  const x = orientation === 'column' ? target.x + target.width * fraction : target.x + target.width / 2;
  const y = orientation === 'row' ? target.y + target.height * fraction : target.y + target.height / 2;
  // From the header's padding, not a button in it.
  await page.mouse.move(source.x + 3, source.y + 3);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 8 });
  await page.mouse.move(x + 1, y + 1);
  await expect(onto.locator(`[data-drop-marker="${side}"]`)).toBeVisible();
  await page.mouse.up();
  await expect(page.locator('[data-drop-marker]')).toHaveCount(0);
}

test('a facilitator inserts a stage and a lane between two others; each lands in place for everyone and takes focus', async ({
  browser,
}) => {
  const { alice, bob } = await forTwo(browser, 'Insert board');

  // The insert button shows where the new stage goes before it is pressed.
  const insertStage = button(alice, 'Insert a stage after Consideration');
  await insertStage.hover();
  await expect(alice.page.locator('[data-drop-marker="insert"]')).toBeVisible();
  await insertStage.click();
  await expect(stageNames(bob)).toHaveText([
    'Awareness',
    'Consideration',
    'New stage',
    'Decision',
    'Retention',
    'Advocacy',
  ]);
  await expectFocused(button(alice, 'Rename stage New stage'));
  await alice.page.keyboard.press('Enter');
  await alice.page.getByRole('textbox', { name: 'Rename stage New stage' }).fill('Onboarding');
  await alice.page.keyboard.press('Enter');
  await expect(stageNames(bob).nth(2)).toHaveText('Onboarding');

  await alice.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('kpis');
  await button(alice, 'Insert a Metrics and KPIs lane below Touchpoints').click();
  await expect(laneNames(bob)).toHaveText([
    'Touchpoints',
    'Metrics and KPIs',
    'Customer actions',
    'Pain points',
    'Opportunities',
  ]);
  await expectFocused(button(alice, 'Rename lane Metrics and KPIs'));
  await bob.page.reload();
  await bob.expectSaved();
  await expect(laneNames(bob).nth(1)).toHaveText('Metrics and KPIs');
  await expect(stageNames(bob).nth(2)).toHaveText('Onboarding');
});

test('a department lead inserts a lane of their department between two lanes and moves it by its buttons', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Lead board');
  const leadAccount = await signUpInvited(server, owner, boardId, 'Linh', 'lead', 'dept-sales');
  const alice = await BoardPage.newContext(browser, server, owner);
  const lead = await BoardPage.newContext(browser, server, leadAccount);
  await alice.open(server.url, boardId);
  await lead.open(server.url, boardId);

  await lead.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('kpis');
  await button(lead, 'Insert a Metrics and KPIs lane below Customer actions').click();
  const order = ['Touchpoints', 'Customer actions', 'Metrics and KPIs', 'Pain points', 'Opportunities'];
  await expect(laneNames(alice)).toHaveText(order);
  await expect(laneNames(lead)).toHaveText(order);
  await expect(lead.laneHeader('Metrics and KPIs').locator('[data-lane-owner]')).toHaveText('Sales');
  // The server made the lane; once it arrives its name has focus.
  await expectFocused(button(lead, 'Rename lane Metrics and KPIs'));

  // Moved through the server, the lane keeps focus on the button that moved it…
  await button(lead, 'Move lane Metrics and KPIs up').click();
  await expect(laneNames(alice).nth(1)).toHaveText('Metrics and KPIs');
  await expectFocused(button(lead, 'Move lane Metrics and KPIs up'));
  // …or, at the top, on the other one.
  await lead.page.keyboard.press('Enter');
  await expect(laneNames(alice).first()).toHaveText('Metrics and KPIs');
  await expectFocused(button(lead, 'Move lane Metrics and KPIs down'));
});

test('stages and lanes are dragged by their headers to a new place, for everyone', async ({ browser }) => {
  const { alice, bob } = await forTwo(browser, 'Drag board');
  const stage = (name: string) => alice.page.locator('.stage-header').filter({ hasText: name });

  await dragHeader(alice.page, stage('Awareness'), stage('Decision'), 'after', 'column');
  await expect(stageNames(bob)).toHaveText([
    'Consideration',
    'Decision',
    'Awareness',
    'Retention',
    'Advocacy',
  ]);
  await dragHeader(alice.page, stage('Advocacy'), stage('Consideration'), 'before', 'column');
  await expect(stageNames(bob)).toHaveText([
    'Advocacy',
    'Consideration',
    'Decision',
    'Awareness',
    'Retention',
  ]);

  await dragHeader(
    alice.page,
    alice.laneHeader('Pain points'),
    alice.laneHeader('Touchpoints'),
    'before',
    'row',
  );
  await expect(laneNames(bob)).toHaveText([
    'Pain points',
    'Touchpoints',
    'Customer actions',
    'Opportunities',
  ]);
  await dragHeader(
    alice.page,
    alice.laneHeader('Pain points'),
    alice.laneHeader('Customer actions'),
    'after',
    'row',
  );
  await expect(laneNames(bob)).toHaveText([
    'Touchpoints',
    'Customer actions',
    'Pain points',
    'Opportunities',
  ]);

  await bob.page.reload();
  await bob.expectSaved();
  await expect(stageNames(bob)).toHaveText([
    'Advocacy',
    'Consideration',
    'Decision',
    'Awareness',
    'Retention',
  ]);
});

test('focus lands on what was renamed, moved or removed, or its neighbour', async ({ browser }) => {
  const { alice } = await forTwo(browser, 'Focus board');
  const page = alice.page;

  // The board's title: Enter saves, Escape leaves it; both come back to the title's button.
  await button(alice, 'Rename board Focus board').click();
  await page.getByRole('textbox', { name: 'Board title' }).fill('Workshop board');
  await page.keyboard.press('Enter');
  await expectFocused(button(alice, 'Rename board Workshop board'));
  await expect(page.getByRole('heading', { name: 'Workshop board', exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expectFocused(button(alice, 'Rename board Workshop board'));

  // A stage and a lane, the same.
  await button(alice, 'Rename stage Decision').click();
  await page.getByRole('textbox', { name: 'Rename stage Decision' }).fill('Purchase');
  await page.keyboard.press('Enter');
  await expectFocused(button(alice, 'Rename stage Purchase'));
  await button(alice, 'Rename lane Pain points').click();
  await page.keyboard.press('Escape');
  await expectFocused(button(alice, 'Rename lane Pain points'));
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Rename lane Pain points' }).fill('Barriers');
  await page.keyboard.press('Enter');
  await expectFocused(button(alice, 'Rename lane Barriers'));

  // Moving by a button keeps focus on it, in the header's new place…
  await button(alice, 'Move stage Awareness right').click();
  await expect(stageNames(alice)).toHaveText([
    'Consideration',
    'Awareness',
    'Purchase',
    'Retention',
    'Advocacy',
  ]);
  await expectFocused(button(alice, 'Move stage Awareness right'));
  await page.keyboard.press('Enter');
  await expect(stageNames(alice).nth(2)).toHaveText('Awareness');
  await expectFocused(button(alice, 'Move stage Awareness right'));
  // …and on the other one once it cannot go further that way.
  await button(alice, 'Move stage Retention right').click();
  await expect(stageNames(alice).last()).toHaveText('Retention');
  await expectFocused(button(alice, 'Move stage Retention left'));
  await button(alice, 'Move lane Customer actions up').click();
  await expect(laneNames(alice).first()).toHaveText('Customer actions');
  await expectFocused(button(alice, 'Move lane Customer actions down'));

  // Removing one gives focus to the next one, or the previous one at the end.
  await expect(stageNames(alice)).toHaveText([
    'Consideration',
    'Purchase',
    'Awareness',
    'Advocacy',
    'Retention',
  ]);
  // No question first: the removal is done, and the toast offers to take it back.
  await button(alice, 'Remove stage Awareness').click();
  await expect(stageNames(alice)).toHaveText(['Consideration', 'Purchase', 'Advocacy', 'Retention']);
  await expectFocused(button(alice, 'Rename stage Advocacy'));
  await expect(page.locator('[data-undo-toast]')).toContainText('Awareness');
  await button(alice, 'Remove stage Retention').click();
  await expect(stageNames(alice)).toHaveText(['Consideration', 'Purchase', 'Advocacy']);
  await expectFocused(button(alice, 'Rename stage Advocacy'));
  await expect(laneNames(alice)).toHaveText(['Customer actions', 'Touchpoints', 'Barriers', 'Opportunities']);
  await button(alice, 'Remove lane Touchpoints').click();
  await expectFocused(button(alice, 'Rename lane Barriers'));
  await button(alice, 'Remove lane Opportunities').click();
  await expectFocused(button(alice, 'Rename lane Barriers'));
  // With the last lane gone, focus goes to the button that adds one.
  await button(alice, 'Remove lane Barriers').click();
  await button(alice, 'Remove lane Customer actions').click();
  await expect(laneNames(alice)).toHaveCount(0);
  await expectFocused(page.getByRole('button', { name: '+ Add lane' }));
});

/** The header elements: the title, the stage and lane headers, the controls that add one. */
const HEADER_PARTS = ['.board-header .title', '.stage-header', '.lane-header', '.add-stage', '.add-lane'];
const HEADER_CONTROLS = HEADER_PARTS.map((part) => `${part} button, ${part} select`).join(', ');

/**
 * The headers pass axe-core, and every control in them (axe leaves out those whose only text is
 * an arrow or a ×) is AA: text 4.5:1 or more, a focus ring of 3:1 or more.
 */
async function expectHeadersAccessible(page: Page, language: string): Promise<void> {
  const violations = await axeViolations(page, undefined, HEADER_PARTS);
  test.info().annotations.push({
    type: `axe headers ${language}`,
    description: describeViolations(violations) || 'none',
  });
  expect(violations, describeViolations(violations)).toEqual([]);
  const contrast = await controlContrast(page, HEADER_CONTROLS);
  expect(contrast.length).toBeGreaterThan(20);
  expect(contrast.filter((control) => control.text < 4.5)).toEqual([]);
  expect(contrast.filter((control) => control.focusRing === null || control.focusRing < 3)).toEqual([]);
}

test('long names fit or wrap in the headers, in Vietnamese, and the header controls pass axe-core and AA contrast in both languages', async ({
  page,
}) => {
  const board = new BoardPage(page);
  const { body } = await callApi<{ id: string }>(server, 'POST', '/api/boards', {
    account: owner,
    body: { title: 'Hành trình khách hàng', locale: 'vi' },
  });
  await signInContext(page.context(), server, owner);
  await board.open(server.url, body.id);

  // English first (the page's language), on the Vietnamese board.
  await expectHeadersAccessible(page, 'en');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
  await board.expectSaved();
  await expect(page.getByRole('button', { name: 'Thêm giai đoạn' })).toBeVisible();

  // The Customer care department on a lane: the select shows its whole name, on two lines.
  const laneHeader = board.laneHeader('Điểm chạm');
  const department = laneHeader.getByRole('combobox', { name: 'Bộ phận của hàng Điểm chạm' });
  const shown = laneHeader.locator('[data-department-shown]');
  await department.selectOption({ label: 'Chăm sóc khách hàng' });
  await expect(department).toHaveValue('dept-support');
  await expect(shown).toHaveText('Chăm sóc khách hàng');
  const fit = await shown.evaluate((element) => {
    const lineHeight = parseFloat(getComputedStyle(element).lineHeight);
    const box = element.getBoundingClientRect();
    const select = element.parentElement!.querySelector('select')!.getBoundingClientRect();
    return {
      overflows: element.scrollWidth > element.clientWidth,
      lines: Math.round(box.height / lineHeight),
      // The select lies over what it shows, so a click anywhere on the name opens it.
      covered: select.width >= box.width && select.height >= box.height,
    };
  });
  expect(fit).toEqual({ overflows: false, lines: 2, covered: true });
  // What it shows follows the keyboard's steps through the options, and Escape puts it back.
  await department.focus();
  await page.keyboard.press('ArrowDown');
  await expect(shown).toHaveText('Nhân sự');
  await page.keyboard.press('Escape');
  await expect(shown).toHaveText('Chăm sóc khách hàng');
  await expect(department).toHaveValue('dept-support');

  // Long names: none pushes its header wider, none is cut.
  const longStage = 'Trải nghiệm sau mua hàng và chăm sóc khách hàng thân thiết';
  const longLane = 'Những điểm chạm quan trọng nhất của khách hàng doanh nghiệp';
  const longTitle =
    'Hành trình khách hàng doanh nghiệp từ lần đầu biết đến thương hiệu cho đến khi trở thành người ủng hộ trung thành';
  await page.getByRole('button', { name: 'Đổi tên giai đoạn Nhận biết' }).click();
  await page.getByRole('textbox', { name: 'Đổi tên giai đoạn Nhận biết' }).fill(longStage);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Đổi tên hàng Điểm chạm' }).click();
  await page.getByRole('textbox', { name: 'Đổi tên hàng Điểm chạm' }).fill(longLane);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Đổi tên bảng Hành trình khách hàng' }).click();
  await page.getByRole('textbox', { name: 'Tên bảng' }).fill(longTitle);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: longTitle })).toBeVisible();

  const overflowing = await page.evaluate(() => {
    const parts = [
      ...document.querySelectorAll<HTMLElement>(
        '.stage-header, .lane-header, .stage-header [data-header-name], .lane-header [data-header-name], .lane-header select, .board-header h1',
      ),
    ];
    return parts
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      .map((el) => `${el.className} ${el.textContent?.slice(0, 40)} ${el.scrollWidth}/${el.clientWidth}`);
  });
  expect(overflowing).toEqual([]);
  await expect(page.locator('.stage-header .text').first()).toHaveText(longStage);

  await expectHeadersAccessible(page, 'vi');
});
