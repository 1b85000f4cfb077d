import { addCard, laneDocName, readBoard, structureDocName } from '@journeyboard/board-model';
import { waitForSaved } from '@journeyboard/testing';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { BoardPage, boardForTwo } from './board.ts';
import { type Account, createBoard, ServerProcess, signUp } from './server.ts';
import { authorOf, storeMalformedField, syncClientOf } from './typed-board.ts';

// Each kind of lane has its own fields, look and editor: a touchpoint's channel, a pain point's
// severity, a KPI's numbers and meter, the departments responsible; any card can be a moment of
// truth, listed in journey order; stages have time frames; a service blueprint draws its lines.

let server: ServerProcess;
let owner: Account;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Mai');
});
test.afterEach(async () => {
  await server.dispose();
});

/**
 * Opens the details of the card `text` from its tools. The card is focused first: the card that
 * had the focus (whose tools a closed dialog gave it back to) shrinks as it loses it, and would
 * move the cards below it from under the pointer between its press and its release.
 */
async function openDetails(board: BoardPage, text: string): Promise<Locator> {
  await board.card(text).focus();
  await board.card(text).hover();
  await board.card(text).getByRole('button', { name: 'Details' }).click();
  const dialog = board.page.getByRole('dialog', { name: `Details of “${text}”` });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function addLaneOfKind(page: Page, kind: string) {
  await page.getByRole('combobox', { name: 'Kind of lane' }).selectOption(kind);
  await page.getByRole('button', { name: 'Add lane' }).click();
}

async function inLanguage(page: Page, language: 'en' | 'vi') {
  await page.evaluate((locale) => localStorage.setItem('PARAGLIDE_LOCALE', locale), language);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await new BoardPage(page).expectSaved();
}

test('a touchpoint names its channel, a pain point its severity, shown in words', async ({ browser }) => {
  const boardId = await createBoard(server, owner, 'Dental shop');
  const board = await BoardPage.newContext(browser, server, owner);
  await board.open(server.url, boardId);
  await board.addCard('Touchpoints', 'Awareness', 'Chats with the shop');
  await board.addCard('Touchpoints', 'Consideration', 'Asks on the Zalo page');
  await board.addCard('Pain points', 'Decision', 'One flavour is never in stock');

  // Eight tools on a touchpoint (edit, colour, moment of truth, details, link, attach, comment,
  // delete): in a column this narrow they take two rows, all inside the card, under its text.
  const first = board.card('Chats with the shop');
  await first.focus();
  await first.hover();
  const boxes = await first.evaluate((card) => {
    const box = (element: Element) => element.getBoundingClientRect().toJSON() as DOMRect;
    return {
      card: box(card),
      text: box(card.querySelector('p.text')!),
      tools: [...card.querySelectorAll('.tools button')].map(box),
    };
  });
  expect(boxes.tools).toHaveLength(8);
  for (const tool of boxes.tools) {
    expect(tool.left).toBeGreaterThanOrEqual(boxes.card.left);
    expect(tool.right).toBeLessThanOrEqual(boxes.card.right);
    expect(tool.bottom).toBeLessThanOrEqual(boxes.card.bottom);
    expect(tool.top).toBeGreaterThanOrEqual(boxes.text.bottom);
  }

  let details = await openDetails(board, 'Chats with the shop');
  // The lane picker says what the lane holds; the details offer a touchpoint's channel only.
  await expect(details.getByRole('radiogroup')).toHaveCount(0);
  await details.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'Live chat' });
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toBeHidden();
  await expect(board.card('Chats with the shop').locator('[data-channel="liveChat"]')).toHaveText(
    'Channel: Live chat',
  );

  details = await openDetails(board, 'Asks on the Zalo page');
  await details.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'Other…' });
  await details.getByRole('textbox', { name: 'Name of the channel' }).fill('Zalo OA');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(board.card('Asks on the Zalo page').locator('[data-channel]')).toHaveText('Channel: Zalo OA');

  details = await openDetails(board, 'One flavour is never in stock');
  await details.getByRole('radio', { name: 'High' }).check();
  await details.getByRole('button', { name: 'Save' }).click();
  const severity = board.card('One flavour is never in stock').locator('[data-severity]');
  await expect(severity).toHaveAttribute('data-severity', 'high');
  // Said in words, and drawn as bars (three of four filled), not by colour alone.
  await expect(severity).toHaveText('Severity: High');
  await expect(severity.locator('rect[fill="currentColor"]')).toHaveCount(3);
  // Part of what the card says when it has the focus.
  const description = await board.card('One flavour is never in stock').evaluate((card) =>
    (card.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
  expect(description).toContain('Severity: High');

  // Saved: it is there for whoever opens the board next, and Undo takes a save back whole.
  await board.page.reload();
  await board.expectSaved();
  await expect(board.card('One flavour is never in stock').locator('[data-severity="high"]')).toBeVisible();
  await expect(board.card('Chats with the shop').locator('[data-channel="liveChat"]')).toBeVisible();
});

test('a KPI shows its numbers in the reader’s language, a meter towards its target and its trend', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Dental shop');
  const board = await BoardPage.newContext(browser, server, owner);
  await board.open(server.url, boardId);
  await addLaneOfKind(board.page, 'kpis');
  await board.addCard('Metrics and KPIs', 'Awareness', 'Leads a month');

  const details = await openDetails(board, 'Leads a month');
  await expect(details.getByText("The card's text is the KPI's name.")).toBeVisible();
  await details.getByRole('textbox', { name: 'Current value' }).fill('lots');
  await details.getByRole('textbox', { name: 'Target' }).fill('2,000');
  await details.getByRole('button', { name: 'Save' }).click();
  // Not a number: said beside the field, which takes the focus; nothing is saved.
  const current = details.getByRole('textbox', { name: 'Current value' });
  await expect(current).toBeFocused();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(details.getByRole('alert')).toHaveText('“lots” is not a number. Write it like 1,234.5.');
  await current.fill('1,234.5');
  await details.getByRole('textbox', { name: 'Unit' }).fill('VND');
  await details.getByRole('combobox', { name: 'Trend' }).selectOption({ label: 'Rising' });
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toBeHidden();

  const card = board.card('Leads a month');
  await expect(card.locator('[data-kpi] .numbers')).toHaveText('KPI: 1,234.5 VND of 2,000 VND');
  const meter = card.getByRole('meter', { name: 'Leads a month: towards the target' });
  await expect(meter).toHaveAttribute('aria-valuenow', '1234.5');
  await expect(meter).toHaveAttribute('aria-valuemax', '2000');
  await expect(meter).toHaveAttribute('aria-valuetext', '1,234.5 VND of 2,000 VND, 62% of the target');
  await expect(card.locator('[data-trend="up"]')).toHaveText('Trend: Rising');

  // In Vietnamese, the comma is the decimal mark, and what the editor shows it reads back.
  await inLanguage(board.page, 'vi');
  await expect(card.locator('[data-kpi] .numbers')).toHaveText('KPI: 1.234,5 VND trên 2.000 VND');
  await board.card('Leads a month').hover();
  await board.card('Leads a month').getByRole('button', { name: 'Chi tiết' }).click();
  const vi = board.page.getByRole('dialog', { name: 'Chi tiết của “Leads a month”' });
  await expect(vi.getByRole('textbox', { name: 'Giá trị hiện tại' })).toHaveValue('1234,5');
  await vi.getByRole('textbox', { name: 'Mục tiêu' }).fill('1.500');
  await vi.getByRole('button', { name: 'Lưu' }).click();
  await expect(vi).toBeHidden();
  await expect(card.getByRole('meter')).toHaveAttribute('aria-valuemax', '1500');
  await expect(card.getByRole('meter')).toHaveAttribute('data-kpi-share', '82');
});

test('the departments responsible are picked from the board’s departments and shown as chips', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Dental shop');
  const board = await BoardPage.newContext(browser, server, owner);
  await board.open(server.url, boardId);
  await addLaneOfKind(board.page, 'departments');
  await expect(board.page.locator('#lane-kind-help')).toHaveText(
    'Which departments are responsible at each stage.',
  );
  await board.addCard('Departments responsible', 'Retention', 'Onboarding calls');

  const details = await openDetails(board, 'Onboarding calls');
  const picker = details.getByRole('group', { name: 'Departments responsible' });
  await expect(picker.getByRole('checkbox')).toHaveCount(5);
  await picker.getByRole('checkbox', { name: 'Support' }).check();
  await picker.getByRole('checkbox', { name: 'Sales' }).check();
  await details.getByRole('button', { name: 'Save' }).click();
  // In the board's order of departments, whatever order they were ticked in.
  await expect(board.card('Onboarding calls').locator('[data-card-departments] .chip')).toHaveText([
    'Sales',
    'Support',
  ]);
  // Undo takes the save back.
  await board.page.getByRole('button', { name: 'Undo' }).click();
  await expect(board.card('Onboarding calls').locator('[data-card-departments]')).toHaveCount(0);
});

test('a moment of truth marked by one person is in the other’s list, in journey order, and leads to its card', async ({
  browser,
}) => {
  const { alice, bob } = await boardForTwo(browser, server, owner, 'Dental shop');
  await alice.addCard('Pain points', 'Decision', 'The price is not on the site');
  await alice.addCard('Touchpoints', 'Awareness', 'Sees a post on Facebook');
  await alice.addCard('Touchpoints', 'Decision', 'Calls the shop');

  // Marked from the keyboard: Tab from the card reaches its tools.
  await alice.card('The price is not on the site').focus();
  const star = alice.card('The price is not on the site').getByRole('button', { name: 'Moment of truth' });
  await star.focus();
  await alice.page.keyboard.press('Enter');
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await alice.card('Sees a post on Facebook').hover();
  await alice.card('Sees a post on Facebook').getByRole('button', { name: 'Moment of truth' }).click();
  await expect(alice.card('Sees a post on Facebook').locator('[data-moment]')).toHaveText('Moment of truth');

  const open = bob.page.getByRole('button', { name: 'Moments of truth 2', exact: true });
  await expect(open).toBeVisible();
  await open.click();
  const panel = bob.page.getByRole('complementary', { name: 'Moments of truth' });
  const items = panel.getByRole('listitem');
  await expect(items).toHaveText([
    /Sees a post on Facebook\s*Awareness · Touchpoints/,
    /The price is not on the site\s*Decision · Pain points/,
  ]);
  await expect(bob.card('The price is not on the site')).toHaveClass(/\bmoment\b/);
  await items.nth(1).getByRole('button').click();
  await expect(bob.card('The price is not on the site')).toBeFocused();

  // Unmarked by Alice: gone from Bob's list as it happens.
  await alice.card('Sees a post on Facebook').hover();
  await alice.card('Sees a post on Facebook').getByRole('button', { name: 'Moment of truth' }).click();
  await expect(items).toHaveCount(1);
  await expect(bob.page.getByRole('button', { name: 'Moments of truth 1', exact: true })).toBeVisible();
});

test('a stage’s time frame is set from its header, shown to everyone, and cleared when emptied', async ({
  browser,
}) => {
  const { alice, bob } = await boardForTwo(browser, server, owner, 'Dental shop');
  await alice.page.getByRole('button', { name: 'Set a time frame for Retention' }).click();
  const field = alice.page.getByRole('textbox', { name: /^Time frame of Retention/ });
  await expect(field).toBeFocused();
  await field.fill('day 30–60');
  await alice.page.keyboard.press('Enter');
  const edit = alice.page.getByRole('button', { name: 'Change the time frame of Retention' });
  await expect(edit).toBeFocused();

  const shown = bob.page.locator('.stage-header', { hasText: 'Retention' }).locator('[data-time-frame]');
  // Shown as it was written; said with what it is.
  await expect(shown.locator('[aria-hidden="true"]')).toHaveText('day 30–60');
  await expect(shown.locator('.visually-hidden')).toHaveText('Time frame: day 30–60');

  // Longer than a time frame may be: the model's limit, in words.
  await edit.click();
  await field.fill('x'.repeat(41));
  await alice.page.keyboard.press('Enter');
  await expect(
    alice.page.locator('.stage-header', { hasText: 'Retention' }).getByRole('alert'),
  ).toBeVisible();
  await field.fill('');
  await alice.page.keyboard.press('Enter');
  await expect(shown).toHaveCount(0);
});

test('a service blueprint draws its line of interaction, of visibility and of internal interaction, named', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Clinic blueprint');
  const board = await BoardPage.newContext(browser, server, owner);
  await board.open(server.url, boardId);
  const page = board.page;
  await expect(page.locator('[data-blueprint-line]')).toHaveCount(0);
  // Frontstage, backstage and support, each inserted below the lane before it.
  const kinds = page.getByRole('combobox', { name: 'Kind of lane' });
  await kinds.selectOption('frontstage');
  await page.getByRole('button', { name: 'Insert a Frontstage actions lane below Customer actions' }).click();
  await kinds.selectOption('backstage');
  await page
    .getByRole('button', { name: 'Insert a Backstage processes lane below Frontstage actions' })
    .click();
  await kinds.selectOption('support');
  await page
    .getByRole('button', { name: 'Insert a Support processes and systems lane below Backstage processes' })
    .click();

  const lines = page.locator('[data-blueprint-line]');
  await expect(lines).toHaveText([
    'Line of interaction',
    'Line of visibility',
    'Line of internal interaction',
  ]);
  await expect(page.getByRole('separator', { name: 'Line of visibility' })).toBeVisible();
  // Each between its two lanes, across the board.
  const order = await page
    .locator('.grid > .lane-header, .grid > [data-blueprint-line]')
    .evaluateAll((elements) =>
      elements.map((e) => e.getAttribute('data-blueprint-line') ?? e.querySelector('.text')?.textContent),
    );
  expect(order).toEqual([
    'Touchpoints',
    'Customer actions',
    'interaction',
    'Frontstage actions',
    'visibility',
    'Backstage processes',
    'internal',
    'Support processes and systems',
    'Pain points',
    'Opportunities',
  ]);
  const grid = await page.locator('.grid').boundingBox();
  const line = await lines.nth(1).boundingBox();
  expect(line!.width).toBeGreaterThan(grid!.width - 2);

  // Moved apart, the layers have no line between them.
  await page.getByRole('button', { name: 'Move lane Frontstage actions down' }).click();
  await expect(lines).toHaveText(['Line of visibility']);
});

test('the loyalty loop is turned on in the board’s settings and shown to everyone', async ({ browser }) => {
  const { alice, bob } = await boardForTwo(browser, server, owner, 'Dental shop');
  await expect(bob.page.locator('[data-loyalty-loop]')).toHaveCount(0);
  await alice.page.getByRole('button', { name: 'Board settings' }).click();
  await alice.page.getByRole('checkbox', { name: 'Show the loyalty loop' }).check();
  await alice.page.keyboard.press('Escape');
  await expect(bob.page.locator('[data-loyalty-loop]')).toHaveText(
    'Loyalty loop: retention and advocacy feed new awareness',
  );
});

test('a card whose stored data is malformed shows as invalid, and the board still works', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Restored from a backup');
  const client = syncClientOf(server, owner);
  const structure = await client.open(structureDocName(boardId));
  const { stages, lanes } = readBoard(structure.document);
  const painPoints = lanes.find((lane) => lane.kind === 'painPoints')!;
  const lane = await client.open(laneDocName(boardId, painPoints.id));
  const cardId = addCard(lane.document, {
    stageId: stages[1]!.id,
    text: 'Stock levels are not shown',
    author: authorOf(owner),
  });
  await waitForSaved(lane);
  await server.stop('SIGTERM');
  storeMalformedField(server, boardId, painPoints.id, lane, cardId, 'severity', 'unbearable');
  storeMalformedField(server, boardId, painPoints.id, lane, cardId, 'kpiCurrent', 'a lot');
  client.destroy();
  await server.startProcess();

  const board = await BoardPage.newContext(browser, server, owner);
  const errors: string[] = [];
  board.page.on('pageerror', (error) => errors.push(error.message));
  await board.open(server.url, boardId);
  const card = board.card('Stock levels are not shown');
  const invalid = card.locator('[data-card-invalid]');
  await expect(invalid).toHaveAttribute('data-card-invalid', 'kpiCurrent severity');
  await expect(invalid.locator('span[aria-hidden="true"]')).toHaveText('Invalid data');
  await expect(invalid.locator('.visually-hidden')).toHaveText(
    "Some of this card's data could not be read: KPI's current value, severity. The rest of the card is shown.",
  );
  await expect(invalid).toHaveAttribute('title', /could not be read: KPI's current value, severity/);
  // What could not be read shows as empty; the rest as it should.
  await expect(card.locator('[data-severity]')).toHaveCount(0);
  await expect(card.locator('p.text')).toHaveText('Stock levels are not shown');
  // The server refuses any change to the card while it stores what no reader trusts: its details
  // say so, and offer to clear it first.
  const details = await openDetails(board, 'Stock levels are not shown');
  await expect(details.locator('[data-details-invalid]')).toContainText(
    "Some of this card's data could not be read: KPI's current value, severity.",
  );
  await details.getByRole('button', { name: 'Clear the unreadable data' }).click();
  await expect(details.locator('[data-details-invalid]')).toHaveCount(0);
  await expect(invalid).toHaveCount(0);
  await details.getByRole('radio', { name: 'Critical' }).check();
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(card.locator('[data-severity="critical"]')).toBeVisible();
  await board.expectSaved();
  await board.page.reload();
  await board.expectSaved();
  await expect(board.card('Stock levels are not shown').locator('[data-severity="critical"]')).toBeVisible();
  await expect(board.page.locator('[data-card-invalid]')).toHaveCount(0);
  await board.addCard('Pain points', 'Decision', 'Promotions run out of stock');
  expect(errors).toEqual([]);
});
