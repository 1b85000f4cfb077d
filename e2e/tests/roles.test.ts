import { expect, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { acceptInvitation, callApi, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** Controls that change the board: none of them may show to someone who may not use them. */
const EDITING_CONTROLS =
  /^(Add a card|Add stage|Add lane|Edit card|Delete card|Card colour|Rename|Move|Remove|Share|Board settings|Comment$)/;

test('a Sales lead’s lane is locked for Support, watched live, and revoking the join link disconnects its guests', async ({
  browser,
}) => {
  // The owner creates the board, both links, and invites the Sales lead.
  const owner = await BoardPage.newContext(browser, server, await signUp(server, 'Olivia'));
  await owner.page.goto(server.url);
  await owner.page.getByLabel('Board title').fill('Checkout journey');
  await owner.page.getByRole('button', { name: 'Create board' }).click();
  await owner.page.waitForURL(/\/boards\//);
  await owner.expectSaved();
  const boardUrl = owner.page.url();

  await owner.page.getByRole('button', { name: 'Share' }).click();
  const share = owner.page.getByRole('dialog', { name: 'Share this board' });
  await share.getByRole('button', { name: 'Create join link' }).click();
  await share.getByRole('button', { name: 'Create watch link' }).click();
  const joinUrl = await share.getByRole('textbox', { name: 'Join link' }).inputValue();
  const watchUrl = await share.getByRole('textbox', { name: 'Watch link' }).inputValue();
  expect(joinUrl).toMatch(new RegExp(`^${server.url}/join/\\w+$`));
  expect(watchUrl).toMatch(new RegExp(`^${server.url}/watch/\\w+$`));
  await share.getByLabel('Email address').fill('linh@example.com');
  await share.getByLabel('Role').selectOption({ label: 'Department lead' });
  await share.getByLabel('Department').selectOption({ label: 'Sales' });
  await share.getByRole('button', { name: 'Invite' }).click();
  await expect(share.getByRole('status')).toHaveText(
    'Invited linh@example.com: send them this link. It works once.',
  );
  const inviteUrl = await share.getByRole('textbox', { name: 'Invitation link' }).inputValue();
  await share.getByRole('button', { name: 'Close' }).click();

  // The lead signs up, accepts by the invitation's link, and adds a lane for Sales.
  const lead = await BoardPage.newContext(browser, server, await signUp(server, 'Linh', 'linh@example.com'));
  await lead.page.goto(inviteUrl);
  await lead.page.getByRole('button', { name: 'Accept the invitation' }).click();
  await lead.page.waitForURL(boardUrl);
  await lead.expectSaved();
  await expect(lead.page.locator('.presence [data-presence="Linh"]')).toContainText('Department lead');
  await expect(lead.laneHeader('Touchpoints').getByRole('button', { name: /^Rename/ })).toHaveCount(0);
  await lead.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('kpis');
  await lead.page.getByRole('button', { name: 'Add lane' }).click();
  await lead.page.getByRole('button', { name: 'Rename lane Metrics and KPIs' }).click();
  await lead.page.getByRole('textbox', { name: 'Rename lane Metrics and KPIs' }).fill('Sales KPIs');
  await lead.page.keyboard.press('Enter');
  await expect(lead.laneHeader('Sales KPIs').locator('[data-lane-owner]')).toHaveText('Sales');
  await lead.addCard('Sales KPIs', 'Decision', 'Closed deals');

  // A Support participant joins through the join link: no account, a name and a department.
  const participant = await BoardPage.newContext(browser, server);
  await participant.page.goto(joinUrl);
  await expect(participant.page.getByRole('heading', { name: 'Join “Checkout journey”' })).toBeVisible();
  await participant.page.getByLabel('Your name').fill('Sam');
  await participant.page.getByLabel('Your department').selectOption({ label: 'Support' });
  await participant.page.getByRole('button', { name: 'Join the board' }).click();
  await participant.expectSaved();

  // The Sales lane is locked for them: a lock, its department named, nothing to type into.
  const salesLane = participant.laneHeader('Sales KPIs');
  await expect(salesLane.locator('[data-lane-lock]')).toHaveText('Owned by Sales');
  await expect(salesLane.getByRole('img', { name: /^Locked/ })).toBeVisible();
  const salesCell = participant.cell('Sales KPIs', 'Decision');
  await expect(salesCell.getByRole('button', { name: /^Add a card/ })).toHaveCount(0);
  await expect(participant.card('Closed deals')).toHaveAttribute('draggable', 'false');
  await participant.card('Closed deals').dblclick();
  await participant.card('Closed deals').focus();
  await participant.page.keyboard.press('Delete');
  await participant.page.keyboard.press('F2');
  await participant.page.keyboard.type('typed into a locked lane');
  await salesCell.click({ position: { x: 20, y: 80 } });
  await participant.page.keyboard.type('typed into a locked cell');
  await expect(participant.page.getByRole('textbox')).toHaveCount(0);
  await expect(salesCell.locator('article.card .text')).toHaveText(['Closed deals']);
  await expect(lead.cell('Sales KPIs', 'Decision').locator('article.card .text')).toHaveText([
    'Closed deals',
  ]);

  // …but shared lanes are theirs to write, and every card is theirs to comment on.
  await participant.addCard('Touchpoints', 'Decision', 'Asks support about the price');
  await expect(lead.cell('Touchpoints', 'Decision')).toContainText('Asks support about the price');
  await participant.card('Closed deals').hover();
  await participant.card('Closed deals').getByRole('button', { name: 'Comment', exact: true }).click();
  const comments = participant.page.getByRole('complementary', { name: 'Comments' });
  await comments.getByRole('textbox', { name: 'Your comment' }).fill('Support hears about price here too');
  await comments.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(comments.getByRole('listitem')).toContainText(['Sam']);
  await expect(lead.card('Closed deals').getByRole('button', { name: 'Comments (1)' })).toHaveCount(1);

  // A stakeholder watches: the lead's edits arrive live; nothing on the page edits anything.
  const watcher = await BoardPage.newContext(browser, server);
  await watcher.page.goto(watchUrl);
  await watcher.page.waitForURL(/\/boards\//);
  await watcher.expectSaved();
  await expect(watcher.page.locator('[data-read-only]')).toHaveText('You are watching: read-only, live.');
  await expect(owner.page.locator('[data-watching]')).toHaveText('1 watching');
  await expect(watcher.page.locator('.presence [data-presence="Linh"]')).toContainText('Sales');
  await lead.addCard('Sales KPIs', 'Retention', 'Renewal rate');
  await expect(watcher.cell('Sales KPIs', 'Retention')).toContainText('Renewal rate');
  await expect(watcher.card('Closed deals').getByRole('button', { name: 'Comments (1)' })).toHaveCount(1);
  await expect(watcher.page.getByRole('button', { name: EDITING_CONTROLS })).toHaveCount(0);
  await expect(watcher.page.getByRole('main').getByRole('combobox')).toHaveCount(0);
  await expect(watcher.page.getByRole('main').getByRole('textbox')).toHaveCount(0);
  await expect(watcher.page.locator('[draggable="true"]')).toHaveCount(0);

  // The facilitator revokes the join link: the participant is disconnected and told why.
  owner.page.on('dialog', (dialog) => dialog.accept());
  await owner.page.getByRole('button', { name: 'Share' }).click();
  await owner.page.getByRole('button', { name: 'Revoke the join link' }).click();
  await expect(owner.page.getByRole('button', { name: 'Create join link' })).toBeVisible();
  await expect(participant.disconnectedBanner()).toContainText(
    'The link you joined with was revoked by the facilitator.',
    { timeout: 5_000 },
  );
  await expect(participant.status()).toHaveAttribute('data-sync-status', 'disconnected');
  await expect(participant.page.getByRole('button', { name: /^Add a card/ })).toHaveCount(0);
  await watcher.expectSaved();
});

test('a facilitator moves a participant to another department, and their page follows at once', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Onboarding');
  const { body } = await callApi<{ link: { token: string } }>(
    server,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      account: ownerAccount,
      body: { kind: 'join' },
    },
  );
  const owner = await BoardPage.newContext(browser, server, ownerAccount);
  await owner.open(server.url, boardId);
  await owner.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('channels');
  await owner.page
    .getByRole('combobox', { name: 'Department of the new lane' })
    .selectOption({ label: 'Sales' });
  await owner.page.getByRole('button', { name: 'Add lane' }).click();
  await owner.page.getByRole('button', { name: 'Rename lane Channels' }).click();
  await owner.page.getByRole('textbox', { name: 'Rename lane Channels' }).fill('Sales pains');
  await owner.page.keyboard.press('Enter');

  const participant = await BoardPage.newContext(browser, server);
  await participant.page.goto(`${server.url}/join/${body.link.token}`);
  await participant.page.getByLabel('Your name').fill('Sam');
  await participant.page.getByLabel('Your department').selectOption({ label: 'Support' });
  await participant.page.getByRole('button', { name: 'Join the board' }).click();
  await participant.expectSaved();
  await expect(participant.laneHeader('Sales pains').locator('[data-lane-lock]')).toBeVisible();

  await owner.page.getByRole('button', { name: 'Members' }).click();
  const members = owner.page.getByRole('dialog', { name: 'Members' });
  await expect(members.locator('[data-member="Sam"]')).toContainText('Guest');
  await members.getByRole('combobox', { name: 'Department of Sam' }).selectOption({ label: 'Sales' });
  await owner.page.getByRole('alertdialog').getByRole('button', { name: 'Change their rights' }).click();

  await expect(participant.laneHeader('Sales pains').locator('[data-lane-lock]')).toHaveCount(0);
  await expect(participant.page.locator('.presence [data-presence="Sam"]')).toContainText('Sales');
  await participant.addCard('Sales pains', 'Decision', 'Quote takes three days');
  await expect(owner.cell('Sales pains', 'Decision')).toContainText('Quote takes three days');
  await expect(participant.laneHeader('Touchpoints').locator('[data-lane-lock]')).toHaveCount(0);

  await members.getByRole('combobox', { name: 'Role of Sam' }).selectOption({ label: 'Viewer' });
  await owner.page.getByRole('alertdialog').getByRole('button', { name: 'Change their rights' }).click();
  await expect(participant.page.getByRole('button', { name: /^Add a card/ })).toHaveCount(0);
  await expect(participant.page.locator('[data-read-only]')).toHaveText('You are a viewer: read-only, live.');
});

test('a department lead invites participants to their own department, and changes no one’s role', async ({
  browser,
}) => {
  const owner = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, owner, 'Renewals');
  const leadAccount = await signUpInvited(server, owner, boardId, 'Linh', 'lead', 'dept-sales');
  const lead = await BoardPage.newContext(browser, server, leadAccount);
  await lead.open(server.url, boardId);
  await expect(lead.page.getByRole('button', { name: 'Share' })).toHaveCount(0);

  await lead.page.getByRole('button', { name: 'Members' }).click();
  const members = lead.page.getByRole('dialog', { name: 'Members' });
  await expect(members.getByRole('heading', { name: 'Invite to Sales' })).toBeVisible();
  await expect(members.getByLabel('Role')).toHaveCount(0);
  await members.getByLabel('Email address').fill('quan@example.com');
  await members.getByRole('button', { name: 'Invite' }).click();
  await expect(members.getByRole('status')).toHaveText(
    'Invited quan@example.com: send them this link. It works once.',
  );
  const inviteUrl = await members.getByRole('textbox', { name: 'Invitation link' }).inputValue();
  await expect(members.getByRole('listitem')).toContainText(['quan@example.com']);

  await acceptInvitation(server, await signUp(server, 'Quân', 'quan@example.com'), inviteUrl);
  await members.getByRole('button', { name: 'Close' }).click();
  await lead.page.getByRole('button', { name: 'Members' }).click();
  const quan = members.locator('[data-member="Quân"]');
  await expect(quan).toContainText('Participant');
  await expect(quan).toContainText('Sales');
  await expect(members.getByRole('combobox')).toHaveCount(0);
  await expect(quan.getByRole('button', { name: 'Remove Quân from the board' })).toBeVisible();
  await expect(members.getByRole('button', { name: 'Remove Olivia from the board' })).toHaveCount(0);
});
