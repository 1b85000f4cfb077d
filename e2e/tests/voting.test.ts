import { expect, test } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { callApi, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

test('a dot vote stays hidden until the facilitator reveals it, then every context shows the same counts and ranking, kept as a note', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Checkout journey');
  const samAccount = await signUpInvited(server, ownerAccount, boardId, 'Sam', 'participant', 'dept-support');
  const { body } = await callApi<{ link: { token: string } }>(
    server,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      account: ownerAccount,
      body: { kind: 'watch' },
    },
  );

  const owner = await BoardPage.newContext(browser, server, ownerAccount);
  await owner.open(server.url, boardId);
  await owner.addCard('Pain points', 'Awareness', 'Price unclear');
  await owner.addCard('Pain points', 'Consideration', 'Slow support');
  await owner.addCard('Pain points', 'Decision', 'No live chat');
  await owner.addCard('Opportunities', 'Decision', 'Offer a demo');
  await owner.expectSaved();

  const sam = await BoardPage.newContext(browser, server, samAccount);
  await sam.open(server.url, boardId);
  const watcher = await BoardPage.newContext(browser, server);
  await watcher.page.goto(`${server.url}/watch/${body.link.token}`);
  await watcher.expectSaved();
  await expect(watcher.card('Slow support')).toBeVisible();

  // Only the facilitator is offered to start a vote.
  await expect(sam.page.locator('[data-vote-start]')).toHaveCount(0);
  await expect(watcher.page.locator('[data-vote-start]')).toHaveCount(0);
  await owner.page.getByRole('button', { name: 'Start a vote' }).click();
  const dialog = owner.page.getByRole('dialog', { name: 'Start a dot vote' });
  await dialog.getByRole('radio', { name: 'Chosen lanes' }).check();
  await dialog.getByRole('checkbox', { name: 'Pain points' }).check();
  await dialog.getByRole('spinbutton', { name: 'Votes per person' }).fill('3');
  await dialog.getByRole('checkbox', { name: 'Allow several votes on one card' }).check();
  expect(await axeViolations(owner.page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Start voting' }).click();
  await expect(dialog).toHaveCount(0);

  for (const person of [owner, sam]) {
    await expect(person.page.locator('[data-vote-banner]')).toHaveText('Voting: 3 of 3 votes left');
  }
  await expect(watcher.page.locator('[data-vote-banner]')).toHaveText('Voting in progress');
  await expect(sam.page.locator('[data-vote-announcement]')).toHaveText('A vote has started: 3 votes each.');
  // Cards of lanes out of the vote, and watchers, get no vote buttons.
  await expect(owner.card('Offer a demo').locator('[data-card-vote]')).toHaveCount(0);
  await expect(watcher.page.locator('[data-card-vote]')).toHaveCount(0);
  await expect(sam.page.locator('[data-vote-reveal]')).toHaveCount(0);

  /** Places one vote on the card as `person`, and waits for its dot. */
  const addVote = async (person: BoardPage, card: string, after: number) => {
    await person
      .card(card)
      .getByRole('button', { name: /^Add a vote/ })
      .click();
    await expect(person.card(card).locator('[data-my-votes]')).toHaveAttribute(
      'data-my-votes',
      String(after),
    );
  };
  await addVote(owner, 'Price unclear', 1);
  await addVote(owner, 'Price unclear', 2);
  await addVote(owner, 'Slow support', 1);
  await expect(owner.page.locator('[data-vote-banner]')).toHaveText('Voting: 0 of 3 votes left');
  await expect(owner.card('No live chat').getByRole('button', { name: /^Add a vote/ })).toBeDisabled();

  await addVote(sam, 'Slow support', 1);
  await addVote(sam, 'Slow support', 2);
  await addVote(sam, 'Price unclear', 1);
  // Withdrawn, and put elsewhere: by keyboard.
  await sam
    .card('Price unclear')
    .getByRole('button', { name: /^Take back a vote/ })
    .focus();
  await sam.page.keyboard.press('Enter');
  await expect(sam.card('Price unclear').locator('[data-my-votes]')).toHaveAttribute('data-my-votes', '0');
  await sam
    .card('No live chat')
    .getByRole('button', { name: /^Add a vote/ })
    .focus();
  await sam.page.keyboard.press('Enter');
  await expect(sam.card('No live chat').locator('[data-my-votes]')).toHaveAttribute('data-my-votes', '1');
  await expect(sam.page.locator('[data-vote-banner]')).toHaveText('Voting: 0 of 3 votes left');

  // Nobody sees another's votes before the reveal: each sees their own dots only, no counts.
  await sam.page.reload();
  await sam.expectSaved();
  await expect(sam.card('Slow support').locator('[data-my-votes]')).toHaveAttribute('data-my-votes', '2');
  await expect(sam.card('Price unclear').locator('[data-my-votes]')).toHaveAttribute('data-my-votes', '0');
  await expect(owner.card('No live chat').locator('[data-my-votes]')).toHaveAttribute('data-my-votes', '0');
  await expect(owner.card('Slow support').locator('[data-my-votes]')).toHaveAttribute('data-my-votes', '1');
  for (const person of [owner, sam, watcher]) {
    await expect(person.page.locator('[data-vote-count]')).toHaveCount(0);
    await expect(person.page.locator('[data-vote-results]')).toHaveCount(0);
  }
  expect(await axeViolations(sam.page)).toEqual([]);

  await owner.page.getByRole('button', { name: 'Reveal votes' }).click();

  const expected = [
    ['Slow support', '3'],
    ['Price unclear', '2'],
    ['No live chat', '1'],
  ] as const;
  for (const person of [owner, sam, watcher]) {
    for (const [card, votes] of expected) {
      await expect(person.card(card).locator('[data-vote-count]')).toHaveText(`Votes: ${votes}`);
    }
    await expect(person.card('Offer a demo').locator('[data-vote-count]')).toHaveCount(0);
    await expect(person.page.locator('[data-card-vote]')).toHaveCount(0);
    const results = person.page.locator('[data-vote-results]');
    await expect(results.getByRole('heading', { name: 'Vote results' })).toBeVisible();
    await expect(results.locator('[data-vote-voters]')).toHaveText('Voters: 2');
    const ranked = results.getByRole('listitem');
    await expect(ranked).toHaveCount(expected.length);
    for (const [place, [card, votes]] of expected.entries()) {
      await expect(ranked.nth(place)).toContainText(card);
      await expect(ranked.nth(place)).toContainText(`Votes: ${votes}`);
    }
    await expect(person.page.locator('[data-vote-announcement]')).toHaveText(
      'Votes revealed: 2 people voted.',
    );
  }
  await expect(sam.page.locator('[data-vote-save]')).toHaveCount(0);
  expect(await axeViolations(owner.page)).toEqual([]);

  // The facilitator keeps the results as a note in the Opportunities lane: everyone sees it.
  const results = owner.page.locator('[data-vote-results]');
  await expect(results.getByRole('combobox', { name: 'Lane' }).locator('option:checked')).toHaveText(
    'Opportunities',
  );
  await results.getByRole('combobox', { name: 'Stage' }).selectOption({ label: 'Awareness' });
  await results.getByRole('button', { name: 'Save as a board note' }).click();
  await expect(results.getByRole('status')).toHaveText('Saved as a note in Opportunities.');
  const note = 'Vote results:\n1. Slow support (3)\n2. Price unclear (2)\n3. No live chat (1)';
  for (const person of [owner, sam, watcher]) {
    await expect(person.cell('Opportunities', 'Awareness').locator('article.card .text')).toHaveText(note);
  }
  // One undo step takes it away again.
  await owner.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(sam.cell('Opportunities', 'Awareness').locator('article.card')).toHaveCount(0);

  // Ending the vote takes the counts away everywhere.
  await owner.page.getByRole('button', { name: 'End vote' }).click();
  for (const person of [owner, sam, watcher]) {
    await expect(person.page.locator('[data-vote-count]')).toHaveCount(0);
    await expect(person.page.locator('[data-vote-results]')).toHaveCount(0);
  }
});
