import { expect, type Locator, test } from '@playwright/test';
import {
  type LaneKind,
  laneDocName,
  linkCards,
  readBoard,
  readCards,
  structureDocName,
} from '@journeyboard/board-model';
import { SESSION_COOKIE, SyncClient, waitForSaved } from '@journeyboard/testing';
import { axeViolations, describeViolations } from './axe.ts';
import { type BoardPage, boardForTwo } from './board.ts';
import { type Account, ServerProcess, signUp } from './server.ts';

/** A lane document, as a raw client holds it. */
type LaneDoc = Parameters<typeof linkCards>[0];

let server: ServerProcess;
let owner: Account;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Alice');
});
test.afterEach(async () => {
  await server.dispose();
});

const PAIN = 'Refund takes two weeks';
const PROCESS = 'Refunds approved by hand';
const IDEA = 'Approve small refunds at once';

/** A card by its own text (not by the texts of the cards it lists as linked). */
function cardOf(board: BoardPage, text: string): Locator {
  return board.page.getByRole('article', { name: text, exact: true });
}

/** The item of `card`'s list of links that names the card `other`. */
function linkItem(board: BoardPage, card: string, relation: string, other: string): Locator {
  return cardOf(board, card)
    .locator('[data-card-links] li')
    .filter({ has: board.page.getByRole('button', { name: new RegExp(`^${relation}: ${other} `) }) });
}

/** The connector drawn from the card `from` to the card `to`. */
async function connector(board: BoardPage, from: string, to: string): Promise<Locator> {
  const [fromId, toId] = await Promise.all(
    [from, to].map((text) => cardOf(board, text).getAttribute('data-card-id')),
  );
  return board.page.locator(
    `svg[data-connectors] path[data-connector][data-from="${fromId}"][data-to="${toId}"]`,
  );
}

/** Whether the connector runs from the edge of one card to the edge of the other. */
async function expectBetween(board: BoardPage, path: Locator, from: string, to: string): Promise<void> {
  await expect
    .poll(async () => {
      const ends = await path.evaluate((element) => {
        const line = element as SVGPathElement;
        const svg = line.ownerSVGElement!.getBoundingClientRect();
        const start = line.getPointAtLength(0);
        const end = line.getPointAtLength(line.getTotalLength());
        return [
          { x: svg.left + start.x, y: svg.top + start.y },
          { x: svg.left + end.x, y: svg.top + end.y },
        ];
      });
      const boxes = await Promise.all([cardOf(board, from).boundingBox(), cardOf(board, to).boundingBox()]);
      const onEdge = (
        point: { x: number; y: number },
        box: { x: number; y: number; width: number; height: number } | null,
      ) =>
        box !== null &&
        point.x >= box.x - 2 &&
        point.x <= box.x + box.width + 2 &&
        point.y >= box.y - 2 &&
        point.y <= box.y + box.height + 2;
      return onEdge(ends[0]!, boxes[0]!) && onEdge(ends[1]!, boxes[1]!);
    })
    .toBe(true);
}

test('link a pain point to a backstage card and see the connector, on both pages, until the card is removed', async ({
  browser,
}) => {
  const { alice, bob } = await boardForTwo(browser, server, owner, 'Refunds');
  await alice.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('backstage');
  await alice.page.getByRole('button', { name: 'Add lane' }).click();
  await alice.addCard('Pain points', 'Decision', PAIN);
  await alice.addCard('Backstage processes', 'Decision', PROCESS);
  await alice.addCard('Touchpoints', 'Awareness', 'Sees the refund policy');

  // Alice links the pain point to the process that causes it, from the card's tools.
  await cardOf(alice, PAIN).hover();
  await cardOf(alice, PAIN).getByRole('button', { name: 'Link to another card' }).click();
  const picker = alice.page.getByRole('dialog', { name: `Link “${PAIN}” to another card` });
  const search = picker.getByRole('combobox', { name: 'Find a card by its text, lane or stage' });
  await expect(search).toBeFocused();
  // The process comes first, among the suggestions for a pain point; the others follow.
  const suggested = picker.getByRole('group', {
    name: 'Suggested: the processes that may cause this pain point',
  });
  await expect(suggested.getByRole('option')).toHaveText([new RegExp(PROCESS)]);
  await expect(picker.getByRole('group', { name: 'Other cards' }).getByRole('option')).toHaveText([
    /Sees the refund policy/,
  ]);
  const inPicker = await axeViolations(alice.page);
  expect(inPicker, describeViolations(inPicker)).toEqual([]);
  await suggested.getByRole('option', { name: new RegExp(PROCESS) }).click();
  await expect(picker).toHaveCount(0);
  await expect(linkItem(alice, PAIN, 'Caused by', PROCESS)).toBeVisible();
  await alice.expectSaved();

  // Bob selects the pain point: both cards list the link, and the connector runs between them.
  await expect(linkItem(bob, PAIN, 'Caused by', PROCESS)).toBeVisible();
  await expect(linkItem(bob, PROCESS, 'Causes', PAIN)).toBeVisible();
  await expect(linkItem(bob, PAIN, 'Caused by', PROCESS)).toContainText('Backstage processes · Decision');
  await expect(bob.page.locator('path[data-connector]')).toHaveCount(0);
  await cardOf(bob, PAIN).click();
  const bobsConnector = await connector(bob, PAIN, PROCESS);
  await expect(bobsConnector).toHaveCount(1);
  await expectBetween(bob, bobsConnector, PAIN, PROCESS);
  // It follows the cards when the board zooms (the focus stays on the card) and scrolls.
  await bob.page.keyboard.press('Control+Minus');
  await expect(bob.scroller()).not.toHaveAttribute('data-zoom', '1');
  await expectBetween(bob, bobsConnector, PAIN, PROCESS);
  await bob.page.keyboard.press('Control+0');
  await bob.scroller().evaluate((scroller) => scroller.scrollBy(0, 120));
  await expectBetween(bob, bobsConnector, PAIN, PROCESS);
  const violations = await axeViolations(bob.page);
  expect(violations, describeViolations(violations)).toEqual([]);
  // The list is what the connector means to a screen reader: the card's description holds it.
  await expect(cardOf(bob, PAIN)).toHaveAccessibleDescription(/Caused by: Refunds approved by hand/);
  // Selecting the other end shows the same connector; a card with no links shows none.
  await cardOf(bob, PROCESS).click();
  await expect(await connector(bob, PAIN, PROCESS)).toHaveCount(1);
  await cardOf(bob, 'Sees the refund policy').click();
  await expect(bob.page.locator('path[data-connector]')).toHaveCount(0);
  // Following the link from the list goes to the linked card, and keeps its connector drawn.
  await linkItem(bob, PROCESS, 'Causes', PAIN).getByRole('button').first().click();
  await expect(cardOf(bob, PAIN)).toBeFocused();
  await expect(bobsConnector).toHaveCount(1);

  // Alice selects the pain point too, and removes the process: the link and the connector go,
  // on both pages, and nothing says a link is broken (hers went with the card, in one step).
  await cardOf(alice, PAIN).click();
  await expect(await connector(alice, PAIN, PROCESS)).toHaveCount(1);
  await cardOf(alice, PROCESS).focus();
  await alice.page.keyboard.press('Delete');
  await expect(cardOf(bob, PROCESS)).toHaveCount(0);
  for (const page of [alice, bob]) {
    await expect(page.page.locator('[data-card-links]')).toHaveCount(0);
    await expect(page.page.locator('path[data-connector]')).toHaveCount(0);
  }
  await cardOf(bob, PAIN).click();
  await expect(bob.page.locator('path[data-connector]')).toHaveCount(0);

  // Undo brings back the card and the link with it.
  const toast = alice.page.locator('[data-undo-toast]');
  await toast.hover();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(linkItem(bob, PAIN, 'Caused by', PROCESS)).toBeVisible();
  await expect(await connector(bob, PAIN, PROCESS)).toHaveCount(1);
  await alice.expectSaved();

  // In Vietnamese: the pain point names its cause, the process what it causes.
  await bob.page.evaluate(() => localStorage.setItem('PARAGLIDE_LOCALE', 'vi'));
  await bob.page.reload();
  await bob.expectSaved();
  // (Lane and stage names are the board's own, as they were written.)
  await expect(linkItem(bob, PAIN, 'Nguyên nhân', PROCESS)).toContainText('Backstage processes · Decision');
  await expect(linkItem(bob, PROCESS, 'Gây ra', PAIN)).toBeVisible();
  await cardOf(bob, PAIN).hover();
  await cardOf(bob, PAIN).getByRole('button', { name: 'Liên kết với thẻ khác' }).click();
  // The process is linked already: what is left is not among the suggestions.
  const vietnamese = bob.page.getByRole('dialog', { name: `Liên kết “${PAIN}” với thẻ khác` });
  await expect(vietnamese.getByRole('group', { name: 'Các thẻ trên bảng' }).getByRole('option')).toHaveText([
    /Sees the refund policy/,
  ]);
  const inVietnamese = await axeViolations(bob.page);
  expect(inVietnamese, describeViolations(inVietnamese)).toEqual([]);
});

test('the keyboard links a card through the picker, follows the link and removes it', async ({ browser }) => {
  const { alice, bob } = await boardForTwo(browser, server, owner, 'Refunds by keyboard');
  await alice.addCard('Pain points', 'Decision', PAIN);
  await alice.addCard('Pain points', 'Retention', 'Nobody answers the chat');
  await alice.addCard('Opportunities', 'Decision', IDEA);
  await expect(cardOf(bob, IDEA)).toBeVisible();

  // To the opportunity, then Tab to its tools: edit, colour, then link.
  await cardOf(bob, IDEA).focus();
  const page = bob.page;
  const linkButton = cardOf(bob, IDEA).getByRole('button', { name: 'Link to another card' });
  for (let i = 0; i < 5 && !(await linkButton.evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(linkButton).toBeFocused();
  await page.keyboard.press('Enter');
  const picker = page.getByRole('dialog', { name: `Link “${IDEA}” to another card` });
  const search = picker.getByRole('combobox');
  await expect(search).toBeFocused();
  // Both pain points are suggested; typing narrows the list, without accents or case.
  await expect(picker.getByRole('group', { name: /^Suggested/ }).getByRole('option')).toHaveCount(2);
  await page.keyboard.type('REFUND');
  await expect(picker.getByRole('option')).toHaveText([new RegExp(PAIN)]);
  await page.keyboard.press('Backspace');
  await search.fill('');
  await page.keyboard.type('t');
  await expect(picker.getByRole('option')).toHaveCount(2);
  // The arrows choose (the field names the chosen card), Enter links to it.
  await page.keyboard.press('ArrowDown');
  const chosen = picker.getByRole('option', { selected: true });
  await expect(chosen).toHaveText(/Nobody answers the chat/);
  await expect(search).toHaveAttribute('aria-activedescendant', (await chosen.getAttribute('id'))!);
  await page.keyboard.press('ArrowUp');
  await expect(picker.getByRole('option', { selected: true })).toHaveText(new RegExp(PAIN));
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  // The focus is back on the button that opened the picker.
  await expect(linkButton).toBeFocused();
  await expect(linkItem(bob, IDEA, 'Answers', PAIN)).toBeVisible();
  await expect(linkItem(alice, PAIN, 'Answered by', IDEA)).toBeVisible();

  // Escape closes the picker without linking.
  await page.keyboard.press('Enter');
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(linkButton).toBeFocused();

  // Back to the card; Tab reaches its list of links first: Enter follows the link.
  await page.keyboard.press('Escape');
  await expect(cardOf(bob, IDEA)).toBeFocused();
  await page.keyboard.press('Tab');
  const follow = linkItem(bob, IDEA, 'Answers', PAIN).getByRole('button', { name: /Go to the card$/ });
  await expect(follow).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cardOf(bob, PAIN)).toBeFocused();
  await expect(await connector(bob, IDEA, PAIN)).toHaveCount(1);

  // From the pain point, whose lane Bob writes too, Tab to the link's remove button.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const remove = linkItem(bob, PAIN, 'Answered by', IDEA).getByRole('button', {
    name: `Remove the link with “${IDEA}”`,
  });
  await expect(remove).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cardOf(alice, IDEA).locator('[data-card-links]')).toHaveCount(0);
  await expect(page.locator('path[data-connector]')).toHaveCount(0);
  // And Ctrl+Z puts it back.
  await page.keyboard.press('Control+z');
  await expect(linkItem(alice, PAIN, 'Answered by', IDEA)).toBeVisible();
  await bob.expectSaved();
});

test('a stored link to a card on no lane shows only as a broken link its writers may remove, and the server refuses malformed links', async ({
  browser,
}) => {
  const { boardId, alice, bob } = await boardForTwo(browser, server, owner, 'Broken links');
  await alice.addCard('Pain points', 'Awareness', PAIN);
  await alice.expectSaved();
  const painId = await cardId(alice, PAIN);
  const laneName = laneDocName(boardId, await laneOfKind(boardId, 'painPoints'));

  // The model sees one lane: a link to an id that is on no other lane is for the page to judge.
  await write(laneName, (doc) => linkCards(doc, painId, 'cardNowhere01'));
  await expect(cardOf(alice, PAIN).locator('[data-broken-link]')).toHaveText(
    /Broken link: the linked card was removed/,
  );
  await expect(cardOf(alice, PAIN).locator('[data-link-to]')).toHaveCount(0);

  // Malformed links from a raw client that may write the lane: refused, nothing stored.
  const attempts: Record<string, unknown> = {
    'not a list': 'cardNowhere01',
    '21 links': Array.from({ length: 21 }, (_, i) => `cardTarget${String(i).padStart(2, '0')}`),
    'not an id': ['not an id!'],
    'a link to itself': [painId],
  };
  for (const [what, links] of Object.entries(attempts)) {
    const reason = await write(laneName, (doc) =>
      (doc.getMap('cards').get(painId) as { set(key: string, value: unknown): void }).set('links', links),
    );
    expect({ what, reason }).toEqual({ what, reason: 'content-refused' });
    expect({ what, stored: await storedLinks(laneName, painId) }).toEqual({
      what,
      stored: ['cardNowhere01'],
    });
  }

  // Alice removes the broken link: gone for everyone.
  await cardOf(alice, PAIN).focus();
  await cardOf(alice, PAIN).getByRole('button', { name: 'Remove broken link' }).click();
  for (const page of [alice, bob])
    await expect(cardOf(page, PAIN).locator('[data-card-links]')).toHaveCount(0);
  await alice.expectSaved();
  expect(await storedLinks(laneName, painId)).toEqual([]);
});

/** A raw sync client, signed in as the board's owner. */
function syncClient(): SyncClient {
  return new SyncClient(`${server.url.replace(/^http/, 'ws')}/sync`, `${SESSION_COOKIE}=${owner.session}`, {
    presence: false,
  });
}

/**
 * Makes `change` to a document through a raw client; resolves with why the server closed the
 * document, or null once it stored the change.
 */
async function write(docName: string, change: (doc: LaneDoc) => void): Promise<string | null> {
  const client = syncClient();
  try {
    const provider = await client.open(docName);
    const closed = new Promise<string>((resolve) =>
      provider.on('close', ({ event }: { event: { reason?: string } }) => resolve(event.reason ?? '')),
    );
    change(provider.document);
    return await Promise.race([closed, waitForSaved(provider).then(() => null)]);
  } finally {
    client.destroy();
  }
}

/** What a fresh client reads of a card's links. */
async function storedLinks(docName: string, cardId: string): Promise<readonly string[] | undefined> {
  const client = syncClient();
  try {
    const provider = await client.open(docName);
    return readCards(provider.document).find((card) => card.id === cardId)?.links;
  } finally {
    client.destroy();
  }
}

/** The id of the board's first lane of `kind`. */
async function laneOfKind(boardId: string, kind: LaneKind): Promise<string> {
  const client = syncClient();
  try {
    const structure = await client.open(structureDocName(boardId));
    return readBoard(structure.document).lanes.find((lane) => lane.kind === kind)!.id;
  } finally {
    client.destroy();
  }
}

async function cardId(board: BoardPage, text: string): Promise<string> {
  return (await cardOf(board, text).getAttribute('data-card-id'))!;
}
