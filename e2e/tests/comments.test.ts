import { expect, type Route, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { callApi, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

test('a page that still believes it runs the board cannot remove a comment: the server refuses, and the comment stays for everyone', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Onboarding');
  const facilitatorAccount = await signUpInvited(server, ownerAccount, boardId, 'Hà', 'facilitator');
  const samAccount = await signUpInvited(server, ownerAccount, boardId, 'Sam', 'participant', 'dept-support');

  const owner = await BoardPage.newContext(browser, server, ownerAccount);
  await owner.open(server.url, boardId);
  await owner.addCard('Touchpoints', 'Awareness', 'Ads on Zalo');

  // Sam comments on the card, and removes a comment of his own.
  const sam = await BoardPage.newContext(browser, server, samAccount);
  await sam.open(server.url, boardId);
  await sam.card('Ads on Zalo').hover();
  await sam.card('Ads on Zalo').getByRole('button', { name: 'Comment', exact: true }).click();
  const samComments = sam.page.getByRole('complementary', { name: 'Comments' });
  for (const text of ['Typo, ignore', 'Price is unclear here']) {
    await samComments.getByRole('textbox', { name: 'Your comment' }).fill(text);
    await samComments.getByRole('button', { name: 'Comment', exact: true }).click();
  }
  await expect(samComments.getByRole('listitem')).toHaveCount(2);
  await samComments
    .getByRole('listitem')
    .filter({ hasText: 'Typo, ignore' })
    .getByRole('button', { name: 'Delete comment' })
    .click();
  await expect(samComments.getByRole('listitem')).toHaveText([/Price is unclear here/]);
  await sam.expectSaved();

  // The facilitator reads Sam's comment, with a button to remove it.
  const facilitator = await BoardPage.newContext(browser, server, facilitatorAccount);
  await facilitator.open(server.url, boardId);
  await facilitator.card('Ads on Zalo').hover();
  await facilitator.card('Ads on Zalo').getByRole('button', { name: 'Comments (1)' }).click();
  const comments = facilitator.page.getByRole('complementary', { name: 'Comments' });
  const samsComment = comments.getByRole('listitem').filter({ hasText: 'Price is unclear here' });
  await expect(samsComment.getByRole('button', { name: 'Delete comment' })).toBeVisible();

  // The owner makes them a participant; their page learns it over a slow network: its request
  // for the new access is held, so it still offers what a facilitator may do.
  const held: Route[] = [];
  await facilitator.page.route(`**/api/boards/${boardId}`, (route) => {
    held.push(route);
  });
  // (callApi throws unless the server answers with success.)
  await callApi(server, 'PATCH', `/api/boards/${boardId}/members/${facilitatorAccount.id}`, {
    account: ownerAccount,
    body: { role: 'participant', departmentId: 'dept-support' },
  });
  await expect.poll(() => held.length).toBeGreaterThan(0);

  await samsComment.getByRole('button', { name: 'Delete comment' }).click();
  await expect(comments.getByRole('alert')).toHaveText(/The server refused that change to the comments/);
  // The page shows the comments as saved again: Sam's is back, and nobody else ever lost it.
  await expect(samsComment).toBeVisible();
  await facilitator.expectSaved();
  await expect(samComments.getByRole('listitem')).toHaveText([/Price is unclear here/]);
  await owner.page.reload();
  await owner.expectSaved();
  await expect(owner.card('Ads on Zalo').getByRole('button', { name: 'Comments (1)' })).toBeVisible();

  // Once the new access arrives, the page offers what a participant may: their own comments only.
  for (const route of held) await route.continue();
  await facilitator.page.unroute(`**/api/boards/${boardId}`);
  await expect(samsComment.getByRole('button', { name: 'Delete comment' })).toHaveCount(0);
  await comments.getByRole('textbox', { name: 'Your comment' }).fill('Agreed, it needs the price');
  await comments.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(comments.getByRole('alert')).toHaveCount(0);
  await expect(samComments.getByRole('listitem')).toHaveText([
    /Price is unclear here/,
    /Agreed, it needs the price/,
  ]);
  await facilitator.expectSaved();

  // The refused removal went with the page's copy of the comments: a reload does not send it again.
  await facilitator.page.reload();
  await facilitator.expectSaved();
  await facilitator.card('Ads on Zalo').hover();
  await facilitator.card('Ads on Zalo').getByRole('button', { name: 'Comments (2)' }).click();
  await expect(comments.getByRole('listitem')).toHaveCount(2);
  await expect(comments.getByRole('alert')).toHaveCount(0);
  await expect(samComments.getByRole('listitem')).toHaveCount(2);
});
