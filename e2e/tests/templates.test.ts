import { expect, type Page, test } from '@playwright/test';
import { axeViolations, describeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { callApi, ServerProcess, signInContext, signUp } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** Fills in the new-board form, picks `template` by its name and creates the board. */
async function createFrom(page: Page, title: string, template: string, create = 'Create board') {
  await page.locator('input[name="title"]').fill(title);
  await page.getByRole('radio', { name: template }).check();
  await page.getByRole('button', { name: create }).click();
  await page.waitForURL(/\/boards\//);
  const board = new BoardPage(page);
  await board.expectSaved();
  return board;
}

const stageNames = (page: Page) => page.locator('.stage-header .text');
const laneNames = (page: Page) => page.locator('.lane-header .text');

test('a board made from the B2B SaaS template in Vietnamese has its stages, its metrics and its departments as lane owners', async ({
  page,
}) => {
  await signInContext(page.context(), server, await signUp(server, 'Lan'));
  await page.goto(server.url);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
  const b2b = page.getByRole('radio', { name: 'B2B SaaS' });
  await expect(b2b).toHaveAccessibleDescription(/Bản đồ mẫu cho phần mềm B2B.*10 hàng, 66 thẻ/);
  const board = await createFrom(page, 'Hành trình phần mềm', 'B2B SaaS', 'Tạo bảng');

  await expect(stageNames(page)).toHaveText(['Nhận biết', 'Cân nhắc', 'Quyết định', 'Duy trì', 'Ủng hộ']);
  // The metrics row, as KPI cards in the metrics lane.
  for (const [kpi, stage] of [
    ['Tỷ lệ chuyển đổi giai đoạn', 'Nhận biết'],
    ['Chi phí thu hút khách hàng (CAC)', 'Cân nhắc'],
    ['Doanh thu', 'Quyết định'],
    ['NPS (chỉ số sẵn lòng giới thiệu)', 'Ủng hộ'],
  ] as const) {
    // A cell's middle cards are drawn once it is near the screen.
    const cell = page.getByRole('group', { name: `Số đo và KPIs ở giai đoạn ${stage}`, exact: true });
    await cell.scrollIntoViewIfNeeded();
    await expect(cell).toContainText(kpi);
  }
  // Each department's opportunities in a lane it owns, its name in the lane's header.
  for (const [lane, department, opportunity] of [
    ['Cơ hội của Marketing', 'Marketing', 'Cung cấp thông tin'],
    ['Cơ hội của Kinh doanh', 'Kinh doanh', 'So sánh chi phí và ROI'],
    ['Cơ hội của Hỗ trợ và Chăm sóc khách hàng', 'Chăm sóc khách hàng', 'Thu thập phản hồi'],
    ['Cơ hội của Sản phẩm', 'Sản phẩm', 'Thông báo các cải tiến'],
  ] as const) {
    const header = board.laneHeader(lane);
    await expect(header.locator('[data-department-shown]')).toHaveText(department);
    await expect(header.getByRole('combobox')).toHaveAccessibleName(`Bộ phận của hàng ${lane}`);
    // A cell's middle cards are drawn once it is near the screen: bring the lane's row to it.
    await header.scrollIntoViewIfNeeded();
    await expect(page.getByRole('group', { name: new RegExp(`^${lane} ở giai đoạn`) })).toContainText([
      opportunity,
    ]);
  }
  await expect(board.laneHeader('Trạng thái khách hàng').locator('[data-department-shown]')).toHaveText(
    'Dùng chung',
  );
  await expect(board.card('Thứ hạng SEO yếu')).toBeVisible();
  await expect(board.card('Đang tìm hiểu')).toBeVisible();

  // What is on the page is what the server kept.
  await page.reload();
  await board.expectSaved();
  await expect(board.card('Khách hàng tiềm năng (lead)')).toBeVisible();
});

test('the templates are a group of radio cards a keyboard and a screen reader can use, in both languages', async ({
  page,
}) => {
  await signInContext(page.context(), server, await signUp(server, 'Mai'));
  await page.goto(server.url);
  const group = page.getByRole('group', { name: 'Start from a template' });
  await expect(group.getByRole('radio')).toHaveCount(5);
  await expect(page.getByRole('radio', { name: 'Current journey' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Blank' })).toHaveAccessibleDescription(
    'The five stages and no lanes: build your own rows. Preview: 5 stages, 0 lanes, 0 cards.',
  );
  // The preview marks each row with its kind's sign as well as its colour.
  await expect(page.locator('[data-template="serviceBlueprint"] [data-preview-kind]')).toHaveCount(4);
  await expect(page.locator('[data-template="serviceBlueprint"] .sign')).toHaveText(['▸', '▲', '▼', '⚙']);

  await page.getByRole('radio', { name: 'Current journey' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Blank' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Blank' })).toBeFocused();
  expect(describeViolations(await axeViolations(page))).toBe('');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
  await expect(page.getByRole('group', { name: 'Bắt đầu từ một mẫu' }).getByRole('radio')).toHaveCount(5);
  await expect(page.getByRole('radio', { name: 'Bản thiết kế dịch vụ' })).toBeVisible();
  expect(describeViolations(await axeViolations(page))).toBe('');
});

test('a blank board has five stages and no lanes; a new stage is named from the stages teams often add', async ({
  page,
}) => {
  await signInContext(page.context(), server, await signUp(server, 'Minh'));
  await page.goto(server.url);
  const board = await createFrom(page, 'From scratch', 'Blank');
  await expect(stageNames(page)).toHaveText([
    'Awareness',
    'Consideration',
    'Decision',
    'Retention',
    'Advocacy',
  ]);
  await expect(laneNames(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByRole('button', { name: 'Rename stage New stage' }).click();
  const offered = page.getByRole('group', { name: 'Stages teams often add' }).getByRole('button');
  await expect(offered).toHaveText([
    'Onboarding',
    'Purchase',
    'Service & support',
    'Upsell',
    'Value realisation',
  ]);
  await offered.filter({ hasText: 'Onboarding' }).click();
  await expect(stageNames(page)).toHaveText([
    'Awareness',
    'Consideration',
    'Decision',
    'Retention',
    'Advocacy',
    'Onboarding',
  ]);
  await expect(page.getByRole('button', { name: 'Rename stage Onboarding' })).toBeFocused();
  // By the keyboard: Tab from the name field to an offered name, Enter.
  await page.getByRole('button', { name: 'Rename stage Onboarding' }).press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Purchase' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(stageNames(page).last()).toHaveText('Purchase');
  await board.expectSaved();
});

test('a stage’s suggestions put an overlooked touchpoint and a KPI on the board in one click each', async ({
  page,
}) => {
  await signInContext(page.context(), server, await signUp(server, 'Hoa'));
  await page.goto(server.url);
  const board = await createFrom(page, 'Checkout', 'Current journey');

  await page.getByRole('button', { name: 'Suggestions for Awareness' }).click();
  const dialog = page.getByRole('dialog', { name: 'Suggestions for Awareness' });
  await expect(dialog.getByRole('combobox', { name: 'Suggestions for a stage of the kind' })).toHaveValue(
    'awareness',
  );
  await expect(
    dialog.getByRole('region', { name: 'Often overlooked touchpoints' }).getByRole('listitem'),
  ).toContainText(['Online reviews and forums', 'Word of mouth', 'Untagged social mentions']);
  const add = dialog.getByRole('button', { name: 'Add “Word of mouth” to Touchpoints in Awareness' });
  await add.click();
  await expect(board.cell('Touchpoints', 'Awareness')).toContainText('Word of mouth');
  await expect(
    dialog.getByRole('button', { name: 'On the board: “Word of mouth” in Touchpoints, Awareness' }),
  ).toBeFocused();

  // No KPI lane yet: the owner adds one from the panel, then a KPI.
  const kpis = dialog.getByRole('region', { name: 'KPIs for this stage' });
  await expect(kpis).toContainText('No Metrics and KPIs lane you may write is on this board.');
  await kpis.getByRole('button', { name: 'Add a Metrics and KPIs lane' }).click();
  await kpis.getByRole('button', { name: 'Add “MQLs” to Metrics and KPIs in Awareness' }).click();
  await expect(board.cell('Metrics and KPIs', 'Awareness')).toContainText('MQLs');

  // A stage the suggestions do not know by its name: the person picks its kind.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Rename stage Retention' }).click();
  await page.getByRole('textbox', { name: 'Rename stage Retention' }).fill('Keeping customers');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Suggestions for Keeping customers' }).click();
  const other = page.getByRole('dialog', { name: 'Suggestions for Keeping customers' });
  await other.getByRole('combobox').selectOption('retention');
  await other
    .getByRole('button', { name: 'Add “Proactive care” to Touchpoints in Keeping customers' })
    .click();
  await expect(board.cell('Touchpoints', 'Keeping customers')).toContainText('Proactive care');
  expect(describeViolations(await axeViolations(page))).toBe('');
  await page.keyboard.press('Escape');

  // With two touchpoints lanes, the person picks which one a suggestion goes to.
  await page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('touchpoints');
  await page.getByRole('button', { name: 'Add lane' }).click();
  await expect(laneNames(page)).toHaveText([
    'Touchpoints',
    'Customer actions',
    'Pain points',
    'Opportunities',
    'Metrics and KPIs',
    'Touchpoints',
  ]);
  await page.getByRole('button', { name: 'Suggestions for Awareness' }).click();
  const again = page.getByRole('dialog', { name: 'Suggestions for Awareness' });
  const touchpointLanes = again.getByRole('combobox', { name: 'Add to lane' });
  await expect(touchpointLanes.locator('option')).toHaveCount(2);
  await touchpointLanes.selectOption({ index: 1 });
  await again
    .getByRole('button', { name: 'Add “Online reviews and forums” to Touchpoints in Awareness' })
    .click();
  await page.keyboard.press('Escape');
  const awareness = page.getByRole('group', { name: 'Touchpoints in Awareness', exact: true });
  await expect(awareness.nth(1)).toContainText('Online reviews and forums');
  await expect(awareness.nth(0)).not.toContainText('Online reviews and forums');

  await page.reload();
  await board.expectSaved();
  await expect(awareness.nth(0)).toContainText('Word of mouth');
  await expect(awareness.nth(1)).toContainText('Online reviews and forums');
  await expect(board.cell('Metrics and KPIs', 'Awareness')).toContainText('MQLs');
});

test('a service blueprint has customer actions, frontstage, backstage and support processes, with a card in each', async ({
  page,
}) => {
  const owner = await signUp(server, 'Quan');
  const { body } = await callApi<{ id: string }>(server, 'POST', '/api/boards', {
    account: owner,
    body: { title: 'Repair service', template: 'serviceBlueprint' },
  });
  await signInContext(page.context(), server, owner);
  const board = new BoardPage(page);
  await board.open(server.url, body.id);
  await expect(laneNames(page)).toHaveText([
    'Customer actions',
    'Frontstage',
    'Backstage',
    'Support processes',
  ]);
  await expect(board.cell('Frontstage', 'Book')).toContainText('Booking form; receptionist on the phone');
});
