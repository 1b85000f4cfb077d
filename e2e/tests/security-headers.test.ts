import { type BrowserContext, expect, type Response, test } from '@playwright/test';
import { BoardPage } from './board.ts';
import { callApi, createBoard, ServerProcess, signUp } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** Every Content-Security-Policy violation the pages of `context` report, as text. */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

function expectSecurityHeaders(response: Response | null) {
  const headers = response!.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("connect-src 'self'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
}

test('pages are sent with a strict Content-Security-Policy, and a board works live under it with no violation', async ({
  browser,
}) => {
  const ownerAccount = await signUp(server, 'Olivia');
  const boardId = await createBoard(server, ownerAccount, 'Checkout journey');
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
  const ownerViolations = await watchViolations(owner.page.context());
  expectSecurityHeaders(await owner.page.goto(`${server.url}/boards/${boardId}`));
  // Saved: the sync WebSocket opened and answered under connect-src.
  await owner.expectSaved();
  await owner.addCard('Touchpoints', 'Decision', 'Price shown late');

  // A guest joins by link; the owner's name is refused, in words the guest can act on.
  const guest = await BoardPage.newContext(browser, server);
  const guestViolations = await watchViolations(guest.page.context());
  expectSecurityHeaders(await guest.page.goto(`${server.url}/join/${body.link.token}`));
  await guest.page.getByLabel('Your name').fill(' olivia ');
  await guest.page.getByLabel('Your department').selectOption({ label: 'Support' });
  await guest.page.getByRole('button', { name: 'Join the board' }).click();
  await expect(guest.page.getByLabel('Your name')).toHaveAccessibleDescription(
    /^Someone on this board already has this name\. Add your surname or an initial\./,
  );
  await guest.page.getByLabel('Your name').fill('Olivia N.');
  await guest.page.getByRole('button', { name: 'Join the board' }).click();
  await guest.expectSaved();
  await expect(guest.card('Price shown late')).toBeVisible();
  await guest.addCard('Touchpoints', 'Retention', 'Reminder email');
  await expect(owner.card('Reminder email')).toBeVisible();

  const missing = await owner.page.goto(`${server.url}/no-such-page`);
  expect(missing!.status()).toBe(404);
  expectSecurityHeaders(missing);

  expect(ownerViolations).toEqual([]);
  expect(guestViolations).toEqual([]);
});
