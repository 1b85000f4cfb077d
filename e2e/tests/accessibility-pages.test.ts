import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
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

/**
 * The focus ring `element` shows once focused from the keyboard: its width and its contrast
 * against what it is drawn on (the ring sits outside the control, over its surroundings).
 */
async function focusRing(element: Locator): Promise<{ width: number; contrast: number }> {
  await element.focus();
  return element.evaluate((target) => {
    const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const linear = (v: number) =>
        v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4;
      return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
    };
    let behind = 'rgb(255, 255, 255)';
    for (let node = target.parentElement; node; node = node.parentElement) {
      const background = getComputedStyle(node).backgroundColor;
      const alpha = rgb(background)[3];
      if (background !== 'transparent' && (alpha === undefined || alpha > 0.9)) {
        behind = background;
        break;
      }
    }
    const style = getComputedStyle(target);
    const [a, b] = [luminance(rgb(style.outlineColor)), luminance(rgb(behind))];
    const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    return { width, contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
}

test('every focus ring, on the pages and the board’s sharing controls, is at least 3:1 and 3 px thick', async ({
  browser,
}) => {
  const expectRing = async (element: Locator, what: string) => {
    const ring = await focusRing(element);
    expect(ring.width, what).toBeGreaterThanOrEqual(3);
    expect(ring.contrast, what).toBeGreaterThanOrEqual(3);
  };
  const signedOut = await openPage(browser, 'en');
  await signedOut.goto(`${server.url}/signup`);
  // The keyboard's focus, so that :focus-visible applies.
  await signedOut.keyboard.press('Tab');
  for (const element of await signedOut.locator('a[href], button, input, select').all()) {
    await expectRing(element, (await element.evaluate((e) => e.outerHTML)).slice(0, 80));
  }
  await signedOut.context().close();

  const page = await openPage(browser, 'en', owner);
  await page.goto(`${server.url}/boards/${boardId}`);
  await page.keyboard.press('Tab');
  await expectRing(page.getByRole('button', { name: 'Members', exact: true }), 'Members');
  await expectRing(page.getByRole('button', { name: 'Share', exact: true }), 'Share');
  // Opened from the keyboard, as the rings are seen by whoever drives the board with it.
  await page.getByRole('button', { name: 'Share', exact: true }).press('Enter');
  const share = page.getByRole('dialog');
  await expectRing(share.getByRole('button', { name: 'Copy' }).first(), 'Copy');
  await expectRing(share.getByRole('button', { name: /Revoke/ }).first(), 'Revoke');
  await expectRing(share.getByRole('button', { name: 'Create watch link' }), 'Create link');
  await expectRing(share.getByRole('button', { name: 'Invite', exact: true }), 'Invite');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Members', exact: true }).press('Enter');
  await expectRing(page.getByRole('dialog').getByRole('button').first(), 'the Members dialog');
  await page.context().close();
});
