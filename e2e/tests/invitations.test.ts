import { expect, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { ServerProcess, signUp } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

test('an invitation is taken up by its link: the invitee signs up on its page, accepts, and lands on the board in the role', async ({
  browser,
}) => {
  // The owner invites a facilitator by email; without a mail server the dialog shows the link.
  const owner = await BoardPage.newContext(browser, server, await signUp(server, 'Olivia'));
  await owner.page.goto(server.url);
  await owner.page.getByLabel('Board title').fill('Checkout journey');
  await owner.page.getByRole('button', { name: 'Create board' }).click();
  await owner.page.waitForURL(/\/boards\//);
  await owner.expectSaved();
  const boardUrl = owner.page.url();
  await owner.page.getByRole('button', { name: 'Share' }).click();
  const share = owner.page.getByRole('dialog', { name: 'Share this board' });
  await share.getByLabel('Email address').fill('minh@example.com');
  await share.getByLabel('Role').selectOption({ label: 'Facilitator' });
  await share.getByRole('button', { name: 'Invite' }).click();
  await expect(share.getByRole('status')).toHaveText(
    'Invited minh@example.com: send them this link. It works once.',
  );
  const inviteUrl = await share.getByRole('textbox', { name: 'Invitation link' }).inputValue();
  expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invite/[a-z2-7]{32}$`));
  await expect(share.getByRole('listitem')).toContainText(['minh@example.com']);

  // Signing up with the invited address alone gives nothing: the board stays hidden.
  const squatter = await BoardPage.newContext(
    browser,
    server,
    await signUp(server, 'Eve', 'minh@example.com'),
  );
  await squatter.page.goto(boardUrl);
  await expect(squatter.page.getByText('Board not found')).toBeVisible();
  await expect(squatter.page.locator('[data-sync-status]')).toHaveCount(0);

  // The invitee, in a browser of their own, opens the link, signs up from it and comes back.
  const invitee = await BoardPage.newContext(browser, server);
  await invitee.page.goto(inviteUrl);
  await expect(
    invitee.page.getByRole('heading', { name: 'You are invited to “Checkout journey”' }),
  ).toBeVisible();
  await expect(invitee.page.getByText('Role: Facilitator')).toBeVisible();
  await invitee.page.getByRole('link', { name: 'Sign up to accept the invitation' }).click();
  await invitee.page.waitForURL(/\/signup\?next=/);
  await invitee.page.getByLabel('Name', { exact: true }).fill('Minh');
  await invitee.page.getByLabel('Email', { exact: true }).fill('minh.personal@example.com');
  await invitee.page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await invitee.page.getByRole('button', { name: 'Sign up' }).click();
  await invitee.page.waitForURL(inviteUrl);
  await expect(invitee.page.getByText('You accept as Minh (minh.personal@example.com).')).toBeVisible();
  await invitee.page.getByRole('button', { name: 'Accept the invitation' }).click();
  await invitee.page.waitForURL(boardUrl);
  await invitee.expectSaved();
  await expect(invitee.page.locator('.presence [data-presence="Minh"]')).toContainText('Facilitator');
  await expect(invitee.page.getByRole('button', { name: 'Share' })).toBeVisible();

  // The invitation is taken up: it leaves the owner's list, and its link works no more.
  await share.getByRole('button', { name: 'Close' }).click();
  await owner.page.getByRole('button', { name: 'Share' }).click();
  await expect(share.getByRole('listitem')).toHaveCount(0);
  await squatter.page.goto(inviteUrl);
  await expect(squatter.page.getByRole('heading', { name: 'This invitation does not work' })).toBeVisible();
  await expect(squatter.page.getByRole('alert')).toHaveText(
    'This invitation has been accepted already: each invitation link works once.',
  );
});
