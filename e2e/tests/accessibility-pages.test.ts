import { type Browser, expect, type Page, test } from '@playwright/test';
import { axeViolations, describeViolations } from './axe.ts';
import { type Account, callApi, createBoard, ServerProcess, signInContext, signUp } from './server.ts';

// Every page outside the board, as someone sees it, in both languages: axe-core finds no serious
// or critical violation on any of them.

let server: ServerProcess;
let owner: Account;
let boardId: string;
let inviteLink: string;
let joinToken: string;

test.beforeAll(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Mai Facilitator');
  boardId = await createBoard(server, owner, 'Clinic visit');
  const invitation = await callApi<{ link: string }>(server, 'POST', `/api/boards/${boardId}/invitations`, {
    account: owner,
    body: { email: 'invited@example.com', role: 'viewer', departmentId: null },
  });
  inviteLink = invitation.body.link;
  const link = await callApi<{ link: { token: string } }>(server, 'POST', `/api/boards/${boardId}/links`, {
    account: owner,
    body: { kind: 'join' },
  });
  joinToken = link.body.link.token;
});
test.afterAll(async () => {
  await server.dispose();
});

type Language = 'en' | 'vi';

/** A page of its own context, in `language` (kept where the app keeps it), signed in as `account`. */
async function openPage(browser: Browser, language: Language, account?: Account): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((locale) => localStorage.setItem('PARAGLIDE_LOCALE', locale), language);
  if (account) await signInContext(context, server, account);
  return context.newPage();
}

interface PageCase {
  name: string;
  signedIn: boolean;
  /** Brings the page to the state to check, and waits until it shows. */
  show: (page: Page, language: Language) => Promise<void>;
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

const PAGES: PageCase[] = [
  {
    name: 'home, signed out',
    signedIn: false,
    show: async (page) => {
      await page.goto(server.url);
      await expect(heading(page)).toBeVisible();
    },
  },
  {
    name: 'sign-up',
    signedIn: false,
    show: async (page) => {
      await page.goto(`${server.url}/signup`);
      await expect(page.locator('form input').first()).toBeVisible();
    },
  },
  {
    name: 'sign-up with its errors shown',
    signedIn: false,
    show: async (page) => {
      await page.goto(`${server.url}/signup`);
      await page.locator('form button[type="submit"]').click();
      await expect(page.locator('form [aria-invalid="true"]').first()).toBeVisible();
    },
  },
  {
    name: 'sign-in',
    signedIn: false,
    show: async (page) => {
      await page.goto(`${server.url}/signin`);
      await expect(page.locator('form input').first()).toBeVisible();
    },
  },
  {
    name: 'sign-in refused',
    signedIn: false,
    show: async (page) => {
      await page.goto(`${server.url}/signin`);
      await page.locator('input[type="email"]').fill(owner.email);
      await page.locator('input[type="password"]').fill('not the password');
      await page.locator('form button[type="submit"]').click();
      await expect(page.locator('form [aria-invalid="true"]').first()).toBeVisible();
    },
  },
  {
    name: 'board list, with a board',
    signedIn: true,
    show: async (page) => {
      await page.goto(server.url);
      await expect(page.locator('.boards a')).toHaveCount(1);
    },
  },
  {
    name: 'account',
    signedIn: true,
    show: async (page) => {
      await page.goto(`${server.url}/account`);
      await expect(page.locator('input[type="password"]').first()).toBeVisible();
    },
  },
  {
    name: 'invitation',
    signedIn: false,
    show: async (page) => {
      await page.goto(inviteLink);
      await expect(page.locator('.offer')).toBeVisible();
    },
  },
  {
    name: 'invitation, broken link',
    signedIn: false,
    show: async (page) => {
      await page.goto(`${server.url}/invite/no-such-invitation`);
      await expect(page.getByRole('alert')).toBeVisible();
    },
  },
  {
    name: 'join',
    signedIn: false,
    show: async (page) => {
      await page.goto(`${server.url}/join/${joinToken}`);
      await expect(page.locator('#join-department')).toBeVisible();
    },
  },
  {
    name: 'error page',
    signedIn: true,
    show: async (page) => {
      await page.goto(`${server.url}/boards/noSuchBoard123`);
      await expect(page.locator('.error-page')).toBeVisible();
    },
  },
];

for (const language of ['en', 'vi'] as const) {
  for (const pageCase of PAGES) {
    test(`${pageCase.name} (${language}) has no serious or critical axe violation`, async ({ browser }) => {
      const page = await openPage(browser, language, pageCase.signedIn ? owner : undefined);
      await pageCase.show(page, language);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.context().close();
    });
  }
}
