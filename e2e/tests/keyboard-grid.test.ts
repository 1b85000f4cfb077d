import { expect, type Page, test } from '@playwright/test';
import { BoardPage, boardForTwo } from './board.ts';
import { type Account, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
let owner: Account;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Mai');
});
test.afterEach(async () => {
  await server.dispose();
});

async function openBoard(browser: Parameters<typeof BoardPage.newContext>[0], title: string) {
  const boardId = await createBoard(server, owner, title);
  const board = await BoardPage.newContext(browser, server, owner);
  await board.open(server.url, boardId);
  return { boardId, board, page: board.page };
}

/** The text of a card alone (its article also names its buttons). */
const cardText = (page: Page, text: string) =>
  page.locator('article.card').filter({
    has: page.locator('p.text', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  });

/** Scrolls the grid as far right as it goes, so that the first stage is under the lane headers. */
async function scrollSideways(board: BoardPage) {
  await board.scroller().evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
  await expect.poll(() => board.scroller().evaluate((element) => element.scrollLeft)).toBeGreaterThan(100);
}

test('a slip of Backspace leaves a card; Delete removes it and the focus goes to its neighbour, clear of the headers', async ({
  browser,
}) => {
  const { board, page } = await openBoard(browser, 'Delete board');
  await board.addStageAndLanes([]);
  for (const text of ['First note', 'Second note', 'Third note']) {
    await board.addCard('Touchpoints', 'Awareness', text);
  }
  await board.expectSaved();

  // Clicked, as someone about to fix a typo would, then Backspace: nothing is deleted.
  await cardText(page, 'Second note').locator('p.text').click();
  await page.keyboard.press('Backspace');
  await board.expectSaved();
  await expect(board.cell('Touchpoints', 'Awareness').locator('article.card')).toHaveCount(3);
  await expect(cardText(page, 'Second note')).toBeFocused();

  // With the board scrolled sideways, the first stage is under the lane headers: each delete
  // brings the focus (next card, else previous, else the cell) back into view.
  await scrollSideways(board);
  await cardText(page, 'Second note').focus({});
  await scrollSideways(board);
  await page.keyboard.press('Delete');
  await expect(cardText(page, 'Second note')).toHaveCount(0);
  await expect(cardText(page, 'Third note')).toBeFocused();
  await board.expectFocusUncovered();

  await scrollSideways(board);
  await page.keyboard.press('Delete');
  await expect(cardText(page, 'First note')).toBeFocused();
  await board.expectFocusUncovered();

  // The × button deletes as well: the last card leaves the focus on its cell. (A touchpoint's
  // tools: edit, colour, moment of truth, details, link, attach, comment, delete.)
  for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
  await expect(cardText(page, 'First note').getByRole('button', { name: 'Delete card' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(board.cell('Touchpoints', 'Awareness').locator('article.card')).toHaveCount(0);
  await expect(board.cell('Touchpoints', 'Awareness')).toBeFocused();
  await board.expectFocusUncovered();
  await board.expectSaved();
});

test('the grid is one tab stop, crossed with the arrow keys; Enter edits, N adds, Escape goes out', async ({
  browser,
}) => {
  const { board, page } = await openBoard(browser, 'Keyboard grid');
  const { lanes, stages } = await board.sixBySix(12);
  await page.reload();
  await board.expectSaved();

  // From the top of the page: the skip link is the first stop of the board page, after the
  // site's own bar; it goes to the grid's tab stop, the first cell.
  let tabs = 0;
  while (
    !(await page.getByRole('link', { name: 'Skip to board' }).evaluate((l) => l === document.activeElement))
  ) {
    await page.keyboard.press('Tab');
    if (++tabs > 10) throw new Error('the skip link is not among the first tab stops');
  }
  await expect(page.getByRole('link', { name: 'Skip to board' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(board.cell('Touchpoints', 'Awareness')).toBeFocused();
  // …and Ctrl+End goes to the last cell: that is all the keys it takes (159 Tabs before the grid
  // became one widget).
  await page.keyboard.press('Control+End');
  await expect(cardText(page, 'Note 6 about the journey')).toBeFocused();
  await expect(board.cell('Channels', 'New stage')).toContainText('Note 6 about the journey');
  await board.expectFocusUncovered();
  test.info().annotations.push({
    type: 'keys to reach the grid',
    description: `${tabs} Tab to the skip link, then Enter; Ctrl+End to the last cell`,
  });

  // One cell or card of the grid is in the tab order (with the tools of that card), whatever
  // the board holds.
  await expect(page.locator('[data-cell][tabindex="0"], [data-card-id][tabindex="0"]')).toHaveCount(1);
  // (A channel's: edit, colour, moment of truth, details, link, attach, comment, delete.)
  await expect(page.locator('[data-cell] button[tabindex="0"]')).toHaveCount(8);

  // Arrows: within a cell, then past its ends into the cells above and below, and sideways at
  // the nearest position.
  await page.keyboard.press('Control+Home');
  await expect(board.cell(lanes[0]!, stages[0]!)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cardText(page, 'Note 1 about the journey')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(cardText(page, 'Note 7 about the journey')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cardText(page, 'Note 2 about the journey')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(board.cell('Pain points', 'Consideration')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(board.cell('Pain points', 'Decision')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(cardText(page, 'Note 8 about the journey')).toBeFocused();
  await page.keyboard.press('End');
  await expect(board.cell('Customer actions', 'New stage')).toBeFocused();
  await board.expectFocusUncovered();
  await page.keyboard.press('Home');
  await expect(board.cell('Customer actions', 'Awareness')).toBeFocused();
  await board.expectFocusUncovered();

  // Tab leaves the grid and Shift+Tab comes back to where the focus was.
  await page.keyboard.press('ArrowUp');
  await expect(cardText(page, 'Note 1 about the journey')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(
    cardText(page, 'Note 1 about the journey').getByRole('button', { name: 'Edit card' }),
  ).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(cardText(page, 'Note 1 about the journey')).toBeFocused();

  // Enter edits; Enter saves and the focus is back on the card.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Edit card' })).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(', on a forum');
  await page.keyboard.press('Enter');
  await expect(cardText(page, 'Note 1 about the journey, on a forum')).toBeFocused();
  await board.expectFocusUncovered();
  // Escape in the editor leaves it unchanged; Escape on the card goes to its cell.
  await page.keyboard.press('Enter');
  await page.keyboard.type(' (draft)');
  await page.keyboard.press('Escape');
  await expect(cardText(page, 'Note 1 about the journey, on a forum')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(board.cell('Touchpoints', 'Awareness')).toBeFocused();

  // N adds a card to the cell in focus (from a card too); Escape closes the draft and leaves
  // the focus on the cell's Add card button.
  await page.keyboard.press('ArrowRight');
  await expect(board.cell('Touchpoints', 'Consideration')).toBeFocused();
  await page.keyboard.press('n');
  const draft = page.getByRole('textbox', { name: 'Add a card to Touchpoints in Consideration' });
  await expect(draft).toBeFocused();
  await page.keyboard.type('Compares prices');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(
    board.cell('Touchpoints', 'Consideration').getByRole('button', { name: /^Add a card/ }),
  ).toBeFocused();
  await board.expectFocusUncovered();
  await expect(board.cell('Touchpoints', 'Consideration')).toContainText('Compares prices');
  // Enter on a cell starts a card too.
  await page.keyboard.press('Escape');
  await expect(board.cell('Touchpoints', 'Consideration')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(draft).toBeFocused();
  await page.keyboard.press('Escape');

  // Alt+arrows still move the card, which keeps the focus.
  await cardText(page, 'Compares prices').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(board.cell('Customer actions', 'Consideration')).toContainText('Compares prices');
  await expect(cardText(page, 'Compares prices')).toBeFocused();
  await board.expectSaved();
});

test('picking a colour returns the focus to the colour button, and the focused current swatch stands out', async ({
  browser,
}) => {
  const { board, page } = await openBoard(browser, 'Colour board');
  await board.addStageAndLanes([]);
  await board.addCard('Touchpoints', 'Awareness', 'Reads a review');
  await scrollSideways(board);
  await cardText(page, 'Reads a review').focus();
  await board.expectFocusUncovered();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const colour = page.getByRole('button', { name: 'Card colour' });
  await expect(colour).toBeFocused();
  await page.keyboard.press('Enter');

  const current = page.getByRole('button', { name: 'Yellow' });
  const ring = () => current.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(await ring()).toBe('none');
  await current.focus();
  await board.expectFocusUncovered();
  expect(await ring()).toBe('solid');
  await expect(current).toHaveAttribute('aria-pressed', 'true');

  await scrollSideways(board);
  await page.getByRole('button', { name: 'Pink' }).focus();
  await page.keyboard.press('Enter');
  await expect(board.card('Reads a review')).toHaveAttribute('data-colour', 'pink');
  await expect(colour).toBeFocused();
  await board.expectFocusUncovered();
  // Escape closes the palette back onto its button too.
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Blue' }).focus();
  await page.keyboard.press('Escape');
  await expect(colour).toBeFocused();
  await expect(page.getByRole('button', { name: 'Pink' })).toHaveCount(0);
  await board.expectSaved();
});

test('the card’s tools never cover its text; a long card is cut until focused, and its editor says how much to cut', async ({
  browser,
}) => {
  const { board, page } = await openBoard(browser, 'Layout board');
  await board.addCard('Touchpoints', 'Awareness', 'Reads a review');
  const card = cardText(page, 'Reads a review');
  await card.hover();
  const text = await card.locator('p.text').boundingBox();
  const tools = await card.getByRole('button', { name: 'Edit card' }).locator('xpath=..').boundingBox();
  expect(text && tools).toBeTruthy();
  // The tools' strip is below the text.
  expect(tools!.y).toBeGreaterThanOrEqual(text!.y + text!.height - 1);
  await expect(card.getByRole('button', { name: 'Delete card' })).toBeVisible();

  // A card of 1,000 characters (the limit) does not stretch its lane until it has the focus.
  const story = 'The customer explains the whole history of the account again. ';
  const long = `A long story. ${story.repeat(16)}`.slice(0, 999) + '.';
  await board
    .cell('Touchpoints', 'Consideration')
    .getByRole('button', { name: /^Add a card/ })
    .click();
  await page.getByRole('textbox', { name: 'Add a card to Touchpoints in Consideration' }).fill(long);
  await expect(page.getByText('0 of 1000 characters left')).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  const longCard = page.locator('article.card', { hasText: 'A long story.' });
  await expect(longCard).toHaveCount(1);
  // Measured with the pointer away: a card pointed at opens room for its tools (two rows of them
  // in a column this narrow).
  await page.mouse.move(0, 0);
  const cut = (await longCard.boundingBox())!.height;
  expect(cut).toBeLessThan(200);
  await longCard.focus();
  await expect.poll(async () => (await longCard.boundingBox())!.height).toBeGreaterThan(cut * 2);

  // Over the limit, the editor counts how many characters to cut, and a save says so.
  await page.keyboard.press('Enter');
  const editor = page.getByRole('textbox', { name: 'Edit card' });
  await editor.press('ControlOrMeta+End');
  await page.keyboard.type(' and more');
  await expect(page.getByText('9 characters over the limit of 1000')).toBeVisible();
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Too long: cut 9 characters to fit the limit of 1000.');
  await page.keyboard.press('Escape');
  await expect(longCard).toBeFocused();
  await expect(longCard.locator('p.text')).toHaveText(long);
});

test('a read-only lane is crossed with the keyboard too, and Enter opens a card’s comments', async ({
  browser,
}) => {
  const boardId = await createBoard(server, owner, 'Locked board');
  const ownerPage = await BoardPage.newContext(browser, server, owner);
  await ownerPage.open(server.url, boardId);
  await ownerPage.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('kpis');
  await ownerPage.page
    .getByRole('combobox', { name: 'Department of the new lane' })
    .selectOption({ label: 'Sales' });
  await ownerPage.page.getByRole('button', { name: 'Add lane' }).click();
  await ownerPage.addCard('Metrics and KPIs', 'Awareness', 'Leads per week');

  const support = await signUpInvited(server, owner, boardId, 'Sam', 'participant', 'dept-support');
  const board = await BoardPage.newContext(browser, server, support);
  const page = board.page;
  await board.open(server.url, boardId);
  await page.getByRole('link', { name: 'Skip to board' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+End');
  await expect(board.cell('Metrics and KPIs', 'Advocacy')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(board.cell('Metrics and KPIs', 'Awareness')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cardText(page, 'Leads per week')).toBeFocused();
  // Nothing to write here: N and Delete do nothing, Enter opens the comments.
  await page.keyboard.press('n');
  await page.keyboard.press('Delete');
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await page.keyboard.press('Enter');
  const comments = page.getByRole('complementary', { name: 'Comments' });
  await expect(comments.getByRole('textbox', { name: 'Your comment' })).toBeVisible();
  await expect(cardText(page, 'Leads per week')).toHaveCount(1);
});

test('Ctrl+=/-/0 zoom the board, not the page; Shift+1 fits a 6 × 6 board whole at readable size', async ({
  browser,
}) => {
  const { board, page } = await openBoard(browser, 'Fit board');
  await board.sixBySix(12);
  const zoom = page.getByRole('group', { name: 'Zoom' });
  const grid = page.locator('.grid');

  await board.cell('Touchpoints', 'Awareness').focus();
  await page.keyboard.press('Control+Equal');
  await expect(zoom).toContainText('110%');
  await expect(grid).toHaveCSS('zoom', '1.1');
  await page.keyboard.press('Control+Minus');
  await page.keyboard.press('Control+Minus');
  await expect(zoom).toContainText('90%');
  await page.keyboard.press('Control+0');
  await expect(zoom).toContainText('100%');
  expect(await page.evaluate(() => window.devicePixelRatio)).toBe(1);

  // The presence row folds away, and stays folded on the next visit: the board starts right under
  // the header (whose tools wrap onto a second row when a facilitator's do not fit in one).
  await page.getByRole('button', { name: '1 on the board' }).click();
  await expect(page.locator('.presence')).toBeHidden();
  await page.reload();
  await board.expectSaved();
  await expect(page.locator('.presence')).toBeHidden();
  const headerBottom = await page.locator('.board-header').evaluate((e) => e.getBoundingClientRect().bottom);
  const scrollerTop = (await board.scroller().boundingBox())!.y;
  expect(scrollerTop - headerBottom).toBeLessThan(12);
  expect(scrollerTop).toBeLessThan(140);

  // Zoom to fit: every cell, the add-stage and add-lane controls inside the scroller, with card
  // text of 11 px or more.
  await page.keyboard.press('Shift+Digit1');
  await expect.poll(() => grid.evaluate((element) => Number(getComputedStyle(element).zoom))).toBeLessThan(1);
  const shown = await page.evaluate(() => {
    const scroller = document.querySelector('[data-board-scroller]')!;
    const room = scroller.getBoundingClientRect();
    const inside = (element: Element) => {
      const box = element.getBoundingClientRect();
      return (
        box.top >= room.top && box.left >= room.left && box.bottom <= room.bottom && box.right <= room.right
      );
    };
    const cells = [...document.querySelectorAll('[data-cell]')];
    const texts = [...document.querySelectorAll<HTMLElement>('article.card p.text')];
    return {
      cells: cells.length,
      cellsInside: cells.filter(inside).length,
      addStage: inside(document.querySelector('[aria-label="Add stage"]')!),
      addLane: inside(
        [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Add lane'))!,
      ),
      smallestText: Math.min(
        ...texts.map(
          (t) =>
            parseFloat(getComputedStyle(t).fontSize) *
            (t as unknown as { currentCSSZoom: number }).currentCSSZoom,
        ),
      ),
      cards: texts.length,
    };
  });
  expect(shown).toMatchObject({ cells: 36, cellsInside: 36, addStage: true, addLane: true, cards: 12 });
  expect(shown.smallestText).toBeGreaterThanOrEqual(11);

  // The button does the same from any zoom.
  await page.keyboard.press('Control+0');
  await expect(zoom).toContainText('100%');
  await zoom.getByRole('button', { name: 'Zoom to fit' }).click();
  await expect.poll(() => grid.evaluate((element) => Number(getComputedStyle(element).zoom))).toBeLessThan(1);
});

test('? opens the list of shortcuts, which Escape closes, giving the focus back', async ({ browser }) => {
  const { board, page } = await openBoard(browser, 'Help board');
  await board.addCard('Touchpoints', 'Awareness', 'Reads a review');
  await cardText(page, 'Reads a review').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Move between cells and cards');
  await expect(help).toContainText('Zoom to fit the whole board');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(cardText(page, 'Reads a review')).toBeFocused();

  // A visible button opens it too; and ? typed into a card is a question mark.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
  await cardText(page, 'Reads a review').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type('?');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(cardText(page, 'Reads a review?')).toBeVisible();
});

test('the focus stays in the grid when someone else deletes or moves the card it is on, and stays where a person put it outside', async ({
  browser,
}) => {
  const { alice, bob } = await boardForTwo(browser, server, owner, 'Focus kept');
  await alice.addCard('Touchpoints', 'Awareness', 'Moved by Bob');
  await alice.addCard('Touchpoints', 'Awareness', 'Deleted by Bob');
  await expect(bob.card('Deleted by Bob')).toBeVisible();

  await alice.card('Deleted by Bob').focus();
  await bob.card('Deleted by Bob').focus();
  await bob.page.keyboard.press('Delete');
  await expect(alice.card('Deleted by Bob')).toHaveCount(0);
  await expect(alice.cell('Touchpoints', 'Awareness')).toBeFocused();

  await alice.card('Moved by Bob').focus();
  await bob.card('Moved by Bob').focus();
  await bob.page.keyboard.press('Alt+ArrowRight');
  await expect(alice.cell('Touchpoints', 'Consideration')).toContainText('Moved by Bob');
  await expect(alice.card('Moved by Bob')).toBeFocused();

  // Alice goes to the header: a change in the grid does not pull her focus back.
  const members = alice.page.getByRole('button', { name: 'Members', exact: true });
  await members.focus();
  await bob.addCard('Touchpoints', 'Decision', 'New from Bob');
  await expect(alice.card('New from Bob')).toBeVisible();
  await expect(members).toBeFocused();
});
