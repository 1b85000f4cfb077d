import { renameBoard, structureDocName } from '@journeyboard/board-model';
import { SESSION_COOKIE, SyncClient, waitForSaved } from '@journeyboard/testing';
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { BoardPage } from './board.ts';
import { callApi, createBoard, ServerProcess, signInContext, signUp } from './server.ts';

// The pages around the board: each names itself in the reader's language, and a refusal is said
// in that language, beside the field it is about.

/** The web app's message catalogue of `locale`. */
const catalogue = async (locale: 'en' | 'vi') =>
  JSON.parse(await readFile(new URL(`../../web/messages/${locale}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** A page of its own context in `language`, kept where the app keeps it. */
async function pageIn(browser: Browser, language: 'en' | 'vi'): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((locale) => localStorage.setItem('PARAGLIDE_LOCALE', locale), language);
  return context.newPage();
}

/** Expects `field` to be marked failing, described by an error that reads `message`, and focused. */
async function expectFailing(field: Locator, message: string | RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message instanceof RegExp ? message : new RegExp(message));
  await expect(field).toBeFocused();
  const errorId = (await field.getAttribute('aria-describedby'))!.split(' ')[0]!;
  const error = field.page().locator(`[id="${errorId}"]`);
  await expect(error).toHaveText(message);
  // Beside the field: right under it, not at the end of the form.
  const [fieldBox, errorBox] = [await field.boundingBox(), await error.boundingBox()];
  expect(errorBox!.y - (fieldBox!.y + fieldBox!.height)).toBeLessThan(16);
}

test('every page names itself, and the name follows client-side navigation and a renamed board', async ({
  page,
}) => {
  await page.goto(server.url);
  await expect(page).toHaveTitle('Welcome to Journeyboard');
  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await expect(page).toHaveTitle('Sign up · Journeyboard');
  await page.getByLabel('Name').fill('Mai Nguyen');
  await page.getByLabel('Email').fill('mai@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Board title')).toBeVisible();
  await expect(page).toHaveTitle('Boards · Journeyboard');

  await page.getByLabel('Board title').fill('Clinic visit');
  await page.getByRole('button', { name: 'Create board' }).click();
  await page.waitForURL(/\/boards\//);
  const board = new BoardPage(page);
  await board.expectSaved();
  await expect(page).toHaveTitle('Clinic visit · Journeyboard');

  // Renamed by someone else: the title follows, live.
  const boardId = new URL(page.url()).pathname.split('/').pop()!;
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!;
  const client = new SyncClient(
    `${server.url.replace(/^http/, 'ws')}/sync`,
    `${SESSION_COOKIE}=${cookie.value}`,
  );
  try {
    const structure = await client.open(structureDocName(boardId));
    renameBoard(structure.document, 'Dental clinic visit');
    await waitForSaved(structure);
  } finally {
    client.destroy();
  }
  await expect(page).toHaveTitle('Dental clinic visit · Journeyboard');

  await page.getByRole('link', { name: 'All boards' }).click();
  await expect(page.getByLabel('Board title')).toBeVisible();
  await expect(page).toHaveTitle('Boards · Journeyboard');
  await page.getByRole('navigation').getByRole('link', { name: 'Mai Nguyen' }).click();
  await expect(page).toHaveTitle('Your account · Journeyboard');
  await page.getByRole('navigation').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveTitle('Welcome to Journeyboard');
  await page.getByRole('navigation').getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveTitle('Sign in · Journeyboard');
  await page.goto(`${server.url}/nowhere`);
  await expect(page).toHaveTitle('Page not found · Journeyboard');
});

test('the link pages and the error page name themselves, in Vietnamese too', async ({ browser }) => {
  const owner = await signUp(server, 'Mai Facilitator');
  const boardId = await createBoard(server, owner, 'Clinic visit');
  const invitation = await callApi<{ link: string }>(server, 'POST', `/api/boards/${boardId}/invitations`, {
    account: owner,
    body: { email: 'lan@example.com', role: 'viewer', departmentId: null },
  });
  const linkToken = async (kind: 'join' | 'watch') =>
    (
      await callApi<{ link: { token: string } }>(server, 'POST', `/api/boards/${boardId}/links`, {
        account: owner,
        body: { kind },
      })
    ).body.link.token;
  const joinToken = await linkToken('join');
  const watchToken = await linkToken('watch');

  const expected = {
    en: {
      invite: 'Clinic visit · Journeyboard',
      brokenInvite: 'This invitation does not work · Journeyboard',
      join: 'Clinic visit · Journeyboard',
      brokenJoin: 'This link does not work · Journeyboard',
      noBoard: 'Board not found · Journeyboard',
      signUp: 'Sign up · Journeyboard',
    },
    vi: {
      invite: 'Clinic visit · Journeyboard',
      brokenInvite: 'Lời mời này không dùng được · Journeyboard',
      join: 'Clinic visit · Journeyboard',
      brokenJoin: 'Liên kết này không dùng được · Journeyboard',
      noBoard: 'Không tìm thấy bảng · Journeyboard',
      signUp: 'Đăng ký · Journeyboard',
    },
  };
  for (const language of ['en', 'vi'] as const) {
    const titles = expected[language];
    const page = await pageIn(browser, language);
    await page.goto(invitation.body.link);
    await expect(page).toHaveTitle(titles.invite);
    // From the invitation to signing up, without a reload.
    await page.locator('.actions .button.secondary').click();
    await expect(page).toHaveTitle(titles.signUp);
    await page.goto(`${server.url}/invite/no-such-invitation`);
    await expect(page).toHaveTitle(titles.brokenInvite);
    await page.goto(`${server.url}/join/${joinToken}`);
    await expect(page).toHaveTitle(titles.join);
    await page.goto(`${server.url}/join/no-such-link`);
    await expect(page).toHaveTitle(titles.brokenJoin);
    await page.goto(`${server.url}/watch/${watchToken}`);
    await page.waitForURL(/\/boards\//);
    await expect(page).toHaveTitle('Clinic visit · Journeyboard');
    await page.context().close();

    const signedIn = await pageIn(browser, language);
    await signInContext(signedIn.context(), server, owner);
    await signedIn.goto(`${server.url}/boards/noSuchBoard123`);
    await expect(signedIn).toHaveTitle(titles.noBoard);
    await signedIn.context().close();
  }
});

test('a Vietnamese sign-up refused for an email that has an account says so in Vietnamese, beside the email', async ({
  browser,
}) => {
  const existing = await signUp(server, 'Lan Tran');
  const [en, vi] = [await catalogue('en'), await catalogue('vi')];
  const page = await pageIn(browser, 'vi');
  await page.goto(`${server.url}/signup`);
  await page.getByLabel('Tên').fill('Lan');
  await page.getByLabel('Email').fill(existing.email);
  await page.getByLabel('Mật khẩu').fill('another long password');
  await page.getByRole('button', { name: 'Đăng ký' }).click();

  const email = page.getByLabel('Email');
  await expectFailing(email, vi.api_code_sign_up_refused!);
  // Nothing English on the page: neither the server's words nor the English catalogue's.
  const text = await page.locator('main').innerText();
  for (const english of [
    'An account cannot be made',
    'The server refused',
    en.api_code_sign_up_refused!,
    en.signup!,
  ]) {
    expect(text).not.toContain(english);
  }
  await expect(page.getByLabel('Tên')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Mật khẩu')).not.toHaveAttribute('aria-invalid', 'true');
});

test('sign-up and sign-in show each problem beside its field and focus the first failing one', async ({
  page,
}) => {
  const existing = await signUp(server, 'Lan Tran');
  await page.goto(`${server.url}/signup`);
  await page.getByLabel('Name').fill('Lan');
  await page.getByLabel('Email').fill('lan@example');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expectFailing(page.getByLabel('Email'), 'Enter an email address like name@example.com.');
  const password = page.getByLabel('Password');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  // The error first, then the help.
  await expect(password).toHaveAccessibleDescription(
    'Choose a password of at least 8 characters. At least 8 characters.',
  );
  await expect(page.getByLabel('Name')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Fixed, the marks go; the server's refusal lands beside the email.
  await page.getByLabel('Email').fill(existing.email);
  await password.fill('long enough password');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expectFailing(page.getByLabel('Email'), /If you already have an account, sign in instead\./);
  await expect(password).not.toHaveAttribute('aria-invalid', 'true');

  await page.goto(`${server.url}/signin`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectFailing(page.getByLabel('Email'), 'Enter an email address like name@example.com.');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Email').fill(existing.email);
  await page.getByLabel('Password').fill('not the password');
  // Submitted with Enter from the password field, which fails: it is focused anew.
  await page.getByLabel('Password').press('Enter');
  await expectFailing(
    page.getByLabel('Password'),
    'That email and password do not match. Check them and try again.',
  );
  await expect(page.getByLabel('Email')).not.toHaveAttribute('aria-invalid', 'true');
});
