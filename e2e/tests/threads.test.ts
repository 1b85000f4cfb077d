import { expect, test } from '@playwright/test';
import { axeViolations, describeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

test('a participant starts a thread on a lane they cannot edit and mentions the facilitator, who sees the badge, replies and resolves it; the author edits; reactions count across pages and a viewer only reads them', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Onboarding');
  const haAccount = await signUpInvited(server, ownerAccount, boardId, 'Hà Phạm', 'facilitator');
  const samAccount = await signUpInvited(server, ownerAccount, boardId, 'Sam', 'participant', 'dept-support');
  const vyAccount = await signUpInvited(server, ownerAccount, boardId, 'Vy', 'viewer');
  const linhAccount = await signUpInvited(server, ownerAccount, boardId, 'Linh', 'lead', 'dept-sales');

  // The Sales lead adds a lane of Sales, and a card in it.
  const linh = await BoardPage.newContext(browser, server, linhAccount);
  await linh.open(server.url, boardId);
  await linh.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('kpis');
  await linh.page.getByRole('button', { name: 'Add lane' }).click();
  await expect(linh.laneHeader('Metrics and KPIs').locator('[data-lane-owner]')).toHaveText('Sales');
  await linh.addCard('Metrics and KPIs', 'Awareness', 'Ads on Zalo');
  await linh.expectSaved();
  await linh.page.context().close();

  // Sam, of Support, may not edit the Sales lane, yet discusses its card.
  const sam = await BoardPage.newContext(browser, server, samAccount);
  await sam.open(server.url, boardId);
  const samCard = sam.card('Ads on Zalo');
  await samCard.hover();
  await expect(samCard.getByRole('button', { name: 'Edit card' })).toHaveCount(0);
  await samCard.getByRole('button', { name: 'Comment', exact: true }).click();
  const samPanel = sam.page.getByRole('complementary', { name: 'Comments' });
  const samBox = samPanel.getByRole('textbox', { name: 'Your comment' });
  await samBox.pressSequentially('Price is unclear, @ph');
  // The board's people are offered by name as he types; Enter picks the one chosen.
  await expect(samPanel.getByRole('option', { name: 'Hà Phạm' })).toHaveAttribute('aria-selected', 'true');
  await samBox.press('Enter');
  await expect(samBox).toHaveValue('Price is unclear, @Hà Phạm ');
  await samBox.pressSequentially('what do you think?');
  await samPanel.getByRole('button', { name: 'Comment', exact: true }).click();
  const threadId = await samPanel
    .locator('[data-thread]')
    .filter({ hasText: 'Price is unclear' })
    .getAttribute('data-thread');
  const samThread = samPanel.locator(`[data-thread="${threadId}"]`);
  await expect(samThread.locator('[data-mention]')).toHaveText('@Hà Phạm');
  await sam.expectSaved();

  // Hà is told: the board counts an unread mention, so does the card.
  const ha = await BoardPage.newContext(browser, server, haAccount);
  await ha.open(server.url, boardId);
  const haThreads = ha.page.locator('[data-open-threads]');
  await expect(haThreads).toHaveAccessibleName('Open threads 1');
  await expect(haThreads).toHaveAccessibleDescription('You are mentioned in 1 unread comments');
  await expect(ha.page.locator('[data-mention-badge]')).toHaveText('@1');
  await expect(ha.card('Ads on Zalo').locator('[data-card-mentions]')).toHaveText('@1');
  // From the list of open threads she goes to the card's conversation; reading it clears the badges.
  await haThreads.click();
  const listed = await axeViolations(ha.page);
  expect(listed, describeViolations(listed)).toEqual([]);
  await ha.page.locator('[data-open-thread]').filter({ hasText: 'Price is unclear' }).click();
  const haPanel = ha.page.getByRole('complementary', { name: 'Comments' });
  const haThread = haPanel.locator(`[data-thread="${threadId}"]`);
  await expect(haThread.locator('[data-mention]')).toHaveClass(/\bme\b/);
  await expect(haThreads).toHaveAccessibleDescription('');
  await expect(ha.page.locator('[data-mention-badge]')).toHaveCount(0);
  await expect(ha.card('Ads on Zalo').locator('[data-card-mentions]')).toHaveCount(0);

  // She replies in the thread.
  await haThread.getByRole('button', { name: 'Reply' }).click();
  await haThread.getByRole('textbox', { name: 'Your reply' }).fill('We show it on the next screen');
  await haThread.getByRole('button', { name: 'Send reply' }).click();
  await expect(haThread.getByRole('list', { name: '1 replies' })).toHaveText(/We show it on the next screen/);
  await ha.expectSaved();

  // Sam sees the reply under his comment, and a new-comment badge on the card once the panel is closed.
  await expect(samThread.getByRole('list', { name: '1 replies' })).toHaveText(/Hà Phạm.*We show it/);
  // Sam edits his own comment (not Hà's reply: he has no such tool there).
  await expect(samThread.locator('.reply').getByRole('button', { name: 'Edit comment' })).toHaveCount(0);
  await samThread.getByRole('button', { name: 'Edit comment' }).first().click();
  const editBox = samThread.getByRole('textbox', { name: 'Edit your comment' });
  await editBox.fill('Price is unclear on the ad itself');
  await samThread.getByRole('button', { name: 'Save' }).click();
  await expect(haThread).toContainText('Price is unclear on the ad itself');
  await expect(haThread.locator('[data-edited]')).toHaveText('edited');

  // Reactions: Sam gives 👍 from the panel, Hà the same on the card; both pages count two.
  await samPanel.getByRole('button', { name: /^Thumbs up: 0/ }).click();
  await expect(ha.card('Ads on Zalo').getByRole('button', { name: 'Thumbs up: 1 (Sam)' })).toBeVisible();
  await ha.card('Ads on Zalo').getByRole('button', { name: 'Thumbs up: 1 (Sam)' }).click();
  const samThumbs = samPanel.getByRole('button', { name: /^Thumbs up: 2/ });
  await expect(samThumbs).toHaveAccessibleName('Thumbs up: 2 (you, Hà Phạm)');
  await expect(samThumbs).toHaveAttribute('aria-pressed', 'true');
  await expect(sam.card('Ads on Zalo').locator('[data-reaction="👍"]')).toHaveText('👍2');
  // The thread, its reply and the reactions, on the card and in the panel, are fit for everyone to use.
  const discussed = await axeViolations(sam.page);
  expect(discussed, describeViolations(discussed)).toEqual([]);
  await ha.expectSaved();
  await sam.expectSaved();

  // Hà, who runs the board, resolves Sam's thread; it leaves the open threads of everyone.
  await haThread.getByRole('button', { name: 'Resolve thread' }).click();
  await expect(samThread.locator('[data-resolved-note]')).toHaveText('Resolved by Hà Phạm');
  await expect(sam.page.locator('[data-open-threads]')).toHaveAccessibleName('Open threads 0');
  await expect(samThread.getByRole('button', { name: 'Reopen thread' })).toBeVisible();
  await ha.expectSaved();

  // A viewer reads the conversation and the counts, and can change neither.
  const vy = await BoardPage.newContext(browser, server, vyAccount);
  await vy.open(server.url, boardId);
  const vyCard = vy.card('Ads on Zalo');
  await expect(vyCard.getByRole('img', { name: 'Thumbs up: 2 (Sam, Hà Phạm)' })).toBeVisible();
  await expect(vyCard.locator('button[data-reaction]')).toHaveCount(0);
  // Neither comment is read yet in her browser: the card says so, until she opens the conversation.
  await expect(vyCard.locator('[data-unread]')).toHaveText('2 new');
  await vyCard.hover();
  await vyCard.getByRole('button', { name: 'Comments (2), 2 new', exact: true }).click();
  const vyPanel = vy.page.getByRole('complementary', { name: 'Comments' });
  await expect(vyPanel.locator('[data-thread]')).toHaveCount(1);
  await expect(
    vyPanel.getByRole('button', { name: /Reply|Edit comment|Resolve|Reopen|Thumbs up/ }),
  ).toHaveCount(0);
  await expect(vyPanel.getByRole('textbox')).toHaveCount(0);
  await expect(vyCard.locator('[data-unread]')).toHaveCount(0);
  // What she read stays read in this browser after a reload.
  await vy.page.reload();
  await vy.expectSaved();
  await expect(vy.card('Ads on Zalo').locator('.comment-count')).toContainText('2');
  await expect(vy.card('Ads on Zalo').locator('[data-unread]')).toHaveCount(0);
});
