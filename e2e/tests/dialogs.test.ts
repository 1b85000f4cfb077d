import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { SESSION_COOKIE } from '@journeyboard/testing';
import { BoardPage } from './board.ts';
import { type Account, callApi, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** A member's role and department as the server has them. */
async function standing(owner: Account, boardId: string, userId: string) {
  const { body } = await callApi<{
    members: { userId: string; role: string; departmentId: string | null }[];
  }>(server, 'GET', `/api/boards/${boardId}/members`, { account: owner });
  const member = body.members.find((m) => m.userId === userId);
  return member ? { role: member.role, departmentId: member.departmentId } : null;
}

/** The member changes `page` asks the server for, as they are sent. */
function memberChangesSentBy(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && request.url().includes('/members/'))
      sent.push(request.postData() ?? '');
  });
  return sent;
}

/** Whether `page` has sent, over its sync WebSocket, an update that holds `text`. */
function syncSentBy(page: Page): (text: string) => boolean {
  const frames: Buffer[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => frames.push(Buffer.from(payload as string | Buffer))),
  );
  return (text) => frames.some((frame) => frame.includes(text));
}

/** Every request and sync frame already handed to the browser has been reported once this returns. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

test('one ArrowDown on a role select changes nothing until Enter; taking write rights away is confirmed first', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Renewals');
  const sam = await signUpInvited(server, ownerAccount, boardId, 'Sam', 'participant', 'dept-support');
  const samNow = () => standing(ownerAccount, boardId, sam.id);
  const owner = await BoardPage.newContext(browser, server, ownerAccount);
  const sent = memberChangesSentBy(owner.page);
  await owner.open(server.url, boardId);
  await owner.page.getByRole('button', { name: 'Members' }).click();
  const members = owner.page.getByRole('dialog', { name: 'Members' });
  const role = members.getByRole('combobox', { name: 'Role of Sam' });

  // Stepping through the roles with the keyboard only moves the selection.
  await role.focus();
  await owner.page.keyboard.press('ArrowDown');
  await expect(role).toHaveValue('viewer');
  await settle(owner.page);
  expect(sent).toEqual([]);
  expect(await samNow()).toEqual({ role: 'participant', departmentId: 'dept-support' });
  await expect(owner.page.getByRole('alertdialog')).toHaveCount(0);

  // Escape puts the select back, and leaves the Members dialog open.
  await owner.page.keyboard.press('Escape');
  await expect(role).toHaveValue('participant');
  await expect(members).toBeVisible();
  await expect(role).toBeFocused();

  // Enter commits; making Sam a viewer takes writing away, so it is asked first. Cancel keeps it.
  await owner.page.keyboard.press('ArrowDown');
  await owner.page.keyboard.press('Enter');
  const confirmation = owner.page.getByRole('alertdialog', { name: 'Change what Sam may do?' });
  await expect(confirmation).toContainText('New role: Viewer.');
  await expect(confirmation).toContainText(
    'Sam will only watch the board: no more writing cards or comments.',
  );
  await expect(confirmation.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirmation.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(role).toHaveValue('participant');
  await expect(role).toBeFocused();
  await settle(owner.page);
  expect(sent).toEqual([]);
  expect(await samNow()).toEqual({ role: 'participant', departmentId: 'dept-support' });

  // Confirmed, it is made, and focus stays on the select.
  await owner.page.keyboard.press('ArrowDown');
  await owner.page.keyboard.press('Enter');
  await confirmation.getByRole('button', { name: 'Change their rights' }).click();
  await expect.poll(samNow).toEqual({ role: 'viewer', departmentId: null });
  await expect(role).toHaveValue('viewer');
  await expect(role).toBeFocused();

  // Put back, Sam is offered the department they were in, not the board's first one.
  await owner.page.keyboard.press('ArrowUp');
  await owner.page.keyboard.press('Enter');
  const choice = owner.page.getByRole('dialog', { name: 'Which department does Sam join?' });
  const department = choice.getByRole('combobox', { name: 'Department' });
  await expect(department).toHaveValue('dept-support');
  await expect(department).toBeFocused();
  await choice.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(samNow).toEqual({ role: 'participant', departmentId: 'dept-support' });
  await expect(role).toBeFocused();

  // Moving Sam to another department takes Support's lanes away: one step changes nothing,
  // leaving the select commits, and the move is confirmed before it is made.
  const samsDepartment = members.getByRole('combobox', { name: 'Department of Sam' });
  await samsDepartment.focus();
  await owner.page.keyboard.press('ArrowDown');
  await expect(samsDepartment).toHaveValue('dept-hr');
  await settle(owner.page);
  expect(await samNow()).toEqual({ role: 'participant', departmentId: 'dept-support' });
  await owner.page.keyboard.press('Tab');
  await expect(confirmation).toContainText('New role: Participant, in HR.');
  await expect(confirmation).toContainText('Sam will no longer write in the lanes of Support.');
  await confirmation.getByRole('button', { name: 'Change their rights' }).click();
  await expect.poll(samNow).toEqual({ role: 'participant', departmentId: 'dept-hr' });
  await expect(samsDepartment).toBeFocused();

  // A change that takes nothing away is made at once, on Enter.
  await role.focus();
  await owner.page.keyboard.press('ArrowUp');
  await owner.page.keyboard.press('Enter');
  await expect.poll(samNow).toEqual({ role: 'lead', departmentId: 'dept-hr' });
  await expect(owner.page.getByRole('alertdialog')).toHaveCount(0);
  await expect(role).toBeFocused();
  expect(sent).toHaveLength(4);

  // Closing the dialog gives focus back to the button that opened it.
  await owner.page.keyboard.press('Escape');
  await expect(members).toHaveCount(0);
  await expect(owner.page.getByRole('button', { name: 'Members' })).toBeFocused();
});

test('a lane’s department changes for everyone only once the choice is committed', async ({ browser }) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Renewals');
  const samAccount = await signUpInvited(server, ownerAccount, boardId, 'Sam', 'participant', 'dept-support');
  const owner = await BoardPage.newContext(browser, server, ownerAccount);
  const sam = await BoardPage.newContext(browser, server, samAccount);
  const ownerSent = syncSentBy(owner.page);
  await owner.open(server.url, boardId);
  await sam.open(server.url, boardId);
  const lane = owner.page.getByRole('combobox', { name: 'Department of lane Touchpoints' });
  const samsLock = sam.laneHeader('Touchpoints').locator('[data-lane-lock]');

  await lane.focus();
  await owner.page.keyboard.press('ArrowDown');
  await expect(lane).toHaveValue('dept-sales');
  await settle(owner.page);
  expect(ownerSent('dept-sales')).toBe(false);
  await expect(samsLock).toHaveCount(0);

  await owner.page.keyboard.press('Enter');
  await expect(samsLock).toBeVisible();
  expect(ownerSent('dept-sales')).toBe(true);
  await expect(lane).toHaveValue('dept-sales');
  await expect(lane).toBeFocused();
});

test('the language changes on Enter, not on an arrow key, and focus comes back to its select', async ({
  page,
}) => {
  await page.goto(server.url);
  const language = page.getByRole('combobox', { name: 'Language' });
  await language.focus();
  await page.keyboard.press('ArrowDown');
  await expect(language).toHaveValue('vi');
  await settle(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Welcome to Journeyboard' })).toBeVisible();

  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  const ngonNgu = page.getByRole('combobox', { name: 'Ngôn ngữ' });
  await expect(ngonNgu).toHaveValue('vi');
  await expect(ngonNgu).toBeFocused();
});

test('focus lands on what was made, or on the neighbour of what was removed, in the share dialog', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Renewals');
  const owner = await BoardPage.newContext(browser, server, ownerAccount);
  await owner.open(server.url, boardId);
  owner.page.on('dialog', (dialog) => dialog.accept());
  await owner.page.getByRole('button', { name: 'Share' }).click();
  const share = owner.page.getByRole('dialog', { name: 'Share this board' });

  // A new link: focus is on its Copy button. "Copied" takes the same room as "Copy".
  await share.getByRole('button', { name: 'Create join link' }).click();
  const join = share.locator('[data-link-kind="join"]');
  const copy = join.getByRole('button', { name: 'Copy' });
  await expect(copy).toBeFocused();
  const field = join.getByRole('textbox', { name: 'Join link' });
  const before = { copy: await copy.boundingBox(), field: await field.boundingBox() };
  await owner.page.keyboard.press('Enter');
  const copied = join.getByRole('button', { name: 'Copied' });
  await expect(copied).toBeFocused();
  await expect(join.locator('[aria-live="polite"]')).toHaveText('Copied');
  expect({ copy: await copied.boundingBox(), field: await field.boundingBox() }).toEqual(before);

  // Revoked, the only link gives focus to the button that makes a new one.
  await join.getByRole('button', { name: 'Revoke the join link' }).click();
  await expect(join.getByRole('button', { name: 'Create join link' })).toBeFocused();

  // An invitation sent: focus is back in the email field, and the new one is listed.
  const email = share.getByRole('textbox', { name: 'Email address' });
  for (const address of ['an@example.com', 'binh@example.com', 'chi@example.com']) {
    await email.fill(address);
    await share.getByRole('button', { name: 'Invite' }).click();
    await expect(share.getByRole('listitem').filter({ hasText: address })).toBeVisible();
    await expect(email).toBeFocused();
  }

  // Cancelled, an invitation gives focus to the next one, else the one before, else the field.
  const cancel = (address: string) =>
    share.getByRole('button', { name: `Cancel the invitation of ${address}` });
  await cancel('binh@example.com').click();
  await expect(cancel('chi@example.com')).toBeFocused();
  await owner.page.keyboard.press('Enter');
  await expect(cancel('an@example.com')).toBeFocused();
  await owner.page.keyboard.press('Enter');
  await expect(share.getByRole('listitem')).toHaveCount(0);
  await expect(email).toBeFocused();

  await share.getByRole('button', { name: 'Close' }).click();
  await expect(share).toHaveCount(0);
  await expect(owner.page.getByRole('button', { name: 'Share', exact: true })).toBeFocused();
});

test('removing a member gives focus to the next row; a lead sees expired invitations and invites from the field', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Renewals');
  const leadAccount = await signUpInvited(server, ownerAccount, boardId, 'Linh', 'lead', 'dept-sales');
  for (const name of ['Quan', 'Tam'])
    await signUpInvited(server, ownerAccount, boardId, name, 'participant', 'dept-sales');
  await callApi(server, 'POST', `/api/boards/${boardId}/invitations`, {
    account: ownerAccount,
    body: { email: 'old@example.com', role: 'participant', departmentId: 'dept-sales' },
  });

  const lead = await BoardPage.newContext(browser, server, leadAccount);
  await lead.open(server.url, boardId);
  lead.page.on('dialog', (dialog) => dialog.accept());
  await lead.page.getByRole('button', { name: 'Members' }).click();
  const members = lead.page.getByRole('dialog', { name: 'Members' });
  const remove = (name: string) => members.getByRole('button', { name: `Remove ${name} from the board` });
  await remove('Quan').click();
  await expect(members.locator('[data-member="Quan"]')).toHaveCount(0);
  await expect(remove('Tam')).toBeFocused();
  await remove('Tam').click();
  await expect(members.locator('[data-member="Tam"]')).toHaveCount(0);
  // No row left has a control for a lead: focus goes to the field that invites.
  const email = members.getByRole('textbox', { name: 'Email address' });
  await expect(email).toBeFocused();
  await expect(email).toHaveAttribute('placeholder', 'name@example.com');

  await email.fill('new@example.com');
  await members.getByRole('button', { name: 'Invite' }).click();
  await expect(members.getByRole('listitem').filter({ hasText: 'new@example.com' })).toBeVisible();
  await expect(email).toBeFocused();
  await expect(members.getByRole('listitem').filter({ hasText: 'old@example.com' })).not.toContainText(
    'expired',
  );

  // Eight days on, the invitations are shown as expired.
  await lead.page.getByRole('button', { name: 'Close' }).click();
  await lead.page.clock.setFixedTime(Date.now() + 8 * 24 * 60 * 60 * 1000);
  await lead.page.getByRole('button', { name: 'Members' }).click();
  await expect(members.getByRole('listitem').filter({ hasText: 'old@example.com' })).toContainText('expired');
});

// Accessibility of every dialog, in both languages, for each role it is offered to.

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const messages = {
  en: JSON.parse(readFileSync(new URL('../../web/messages/en.json', import.meta.url), 'utf8')) as Record<
    string,
    string
  >,
  vi: JSON.parse(readFileSync(new URL('../../web/messages/vi.json', import.meta.url), 'utf8')) as Record<
    string,
    string
  >,
};
type Language = keyof typeof messages;
const say = (language: Language, key: string, values: Record<string, string> = {}) =>
  messages[language][key]!.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

/**
 * The serious and critical axe-core violations inside the dialog on top (the board behind it is
 * checked by the page tests), one line each.
 */
async function dialogViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    interface Result {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    }
    const axe = (window as unknown as { axe: { run: (context: Element) => Promise<Result> } }).axe;
    const open = [...document.querySelectorAll('dialog[open]')];
    const top = open.find((dialog) => !dialog.querySelector('dialog[open]'));
    if (!top) throw new Error('no dialog is open');
    const { violations } = await axe.run(top);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function pageIn(browser: Browser, language: Language, cookie: string | null): Promise<BoardPage> {
  const context = await browser.newContext();
  await context.addInitScript((locale) => localStorage.setItem('PARAGLIDE_LOCALE', locale), language);
  if (cookie) await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: server.url }]);
  return new BoardPage(await context.newPage());
}

test('axe-core finds nothing serious in any dialog, in English and Vietnamese, for each role', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Renewals');
  const leadAccount = await signUpInvited(server, ownerAccount, boardId, 'Linh', 'lead', 'dept-sales');
  await signUpInvited(server, ownerAccount, boardId, 'Sam', 'participant', 'dept-support');
  await callApi(server, 'POST', `/api/boards/${boardId}/invitations`, {
    account: ownerAccount,
    body: { email: 'quan@example.com', role: 'participant', departmentId: 'dept-sales' },
  });
  const link = async (kind: 'join' | 'watch') =>
    (
      await callApi<{ link: { token: string } }>(server, 'POST', `/api/boards/${boardId}/links`, {
        account: ownerAccount,
        body: { kind },
      })
    ).body.link.token;
  const joinToken = await link('join');
  const watchToken = await link('watch');
  const guestCookie = (
    await callApi(server, 'POST', `/api/links/${joinToken}/join`, {
      body: { name: 'Minh', departmentId: 'dept-support' },
    })
  ).session;
  const watcherCookie = (await callApi(server, 'POST', `/api/links/${watchToken}/watch`)).session;

  const found: Record<string, string[]> = {};
  for (const language of ['en', 'vi'] as const) {
    const check = async (page: Page, what: string, dialog: Locator) => {
      await expect(dialog).toBeVisible();
      // The dialog has loaded what it lists.
      await expect(dialog.getByText(say(language, 'loading'))).toHaveCount(0);
      found[`${what} · ${language}`] = await dialogViolations(page);
    };
    const open = async (page: Page, button: string, title: string) => {
      await page.getByRole('button', { name: say(language, button), exact: true }).click();
      return page.getByRole('dialog', { name: say(language, title) });
    };

    const owner = await pageIn(browser, language, ownerAccount.session);
    await owner.open(server.url, boardId);
    let dialog = await open(owner.page, 'members_open', 'members_title');
    await check(owner.page, 'Members · owner', dialog);
    await dialog
      .getByRole('combobox', { name: say(language, 'members_role_of', { name: 'Sam' }) })
      .selectOption('viewer');
    await check(owner.page, 'Role change confirmation · owner', owner.page.getByRole('alertdialog'));
    await owner.page.keyboard.press('Escape');
    await dialog
      .getByRole('button', { name: say(language, 'dialog_close') })
      .first()
      .click();
    dialog = await open(owner.page, 'share_open', 'share_title');
    await check(owner.page, 'Share · owner', dialog);
    await expect(dialog.getByRole('textbox', { name: say(language, 'invite_email') })).toHaveAttribute(
      'placeholder',
      say(language, 'invite_email_placeholder'),
    );
    await dialog.getByRole('button', { name: say(language, 'dialog_close') }).click();
    dialog = await open(owner.page, 'settings_open', 'settings_title');
    await check(owner.page, 'Settings · owner', dialog);
    await owner.page.context().close();

    for (const [who, cookie] of [
      ['lead', leadAccount.session],
      ['guest participant', guestCookie],
      ['watcher', watcherCookie],
    ] as const) {
      const page = await pageIn(browser, language, cookie);
      await page.open(server.url, boardId);
      await check(page.page, `Members · ${who}`, await open(page.page, 'members_open', 'members_title'));
      await page.page.context().close();
    }
  }

  console.log(
    Object.entries(found)
      .map(
        ([what, violations]) =>
          `${what}: ${violations.length}${violations.length ? `\n  ${violations.join('\n  ')}` : ''}`,
      )
      .join('\n'),
  );
  for (const [what, violations] of Object.entries(found)) expect.soft(violations, what).toEqual([]);
});
