import { makePng } from '@journeyboard/testing';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolations, describeViolations } from './axe.ts';
import { BoardPage, boardForTwo } from './board.ts';
import { callApi, createBoard, ServerProcess, signUp } from './server.ts';

let server: ServerProcess;
test.beforeEach(async () => {
  server = await ServerProcess.start();
});
test.afterEach(async () => {
  await server.dispose();
});

/** Picks `file` through the paperclip among a card's tools, as a person does with the file picker. */
async function attachThroughCard(
  page: Page,
  card: Locator,
  file: { name: string; mimeType: string; buffer: Buffer },
  button = 'Attach a file to this card',
): Promise<void> {
  await card.hover();
  const chooser = page.waitForEvent('filechooser');
  await card.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
}

/** Whether an image has loaded and shows pixels (a broken image has no natural width). */
async function expectLoaded(image: Locator): Promise<void> {
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
}

/** A watch link of `boardId`, made by `owner` over the API; returns its address. */
async function watchLink(boardId: string, owner: Awaited<ReturnType<typeof signUp>>): Promise<string> {
  const { body } = await callApi<{ link: { token: string } }>(
    server,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      account: owner,
      body: { kind: 'watch' },
    },
  );
  return `${server.url}/watch/${body.link.token}`;
}

test('an image attached to a card shows as its thumbnail for everyone on the board, and a watcher of another board cannot fetch it', async ({
  browser,
}) => {
  const olivia = await signUp(server, 'Olivia');
  const { boardId, alice, bob } = await boardForTwo(browser, server, olivia, 'Checkout journey');
  await alice.addCard('Touchpoints', 'Awareness', 'Whiteboard from the workshop');

  await attachThroughCard(alice.page, alice.card('Whiteboard from the workshop'), {
    name: 'whiteboard.png',
    mimeType: 'image/png',
    buffer: makePng(1200, 800),
  });

  // Bob, in another browser context, sees the thumbnail on the card, served by the server.
  const thumbnail = bob
    .card('Whiteboard from the workshop')
    .getByRole('img', { name: 'Open whiteboard.png' });
  await expect(thumbnail).toBeVisible();
  await expectLoaded(thumbnail);
  const src = await thumbnail.getAttribute('src');
  expect(src).toMatch(new RegExp(`^/api/boards/${boardId}/attachments/\\w+/thumbnail$`));
  const fileUrl = `${server.url}${src!.replace(/\/thumbnail$/, '')}`;

  // In the card's panel the file is listed, with a larger thumbnail that opens the image.
  await bob.card('Whiteboard from the workshop').hover();
  await bob
    .card('Whiteboard from the workshop')
    .getByRole('button', { name: 'Comment', exact: true })
    .click();
  const panel = bob.page.getByRole('region', { name: 'Attachments' });
  await expectLoaded(panel.getByRole('img', { name: 'Open whiteboard.png' }));
  await expect(panel.getByRole('link', { name: 'Open whiteboard.png' })).toHaveAttribute(
    'href',
    fileUrl.slice(server.url.length),
  );

  // Opened, the image shows whole in a tab of its own.
  const opening = bob.page.waitForEvent('popup');
  await panel.getByRole('link', { name: 'Open whiteboard.png' }).click();
  const opened = await opening;
  await expectLoaded(opened.locator('img'));
  expect(await opened.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  await opened.close();

  // The card, its tools and the panel, with the file on them, are fit for everyone to use.
  await bob.card('Whiteboard from the workshop').focus();
  const violations = await axeViolations(bob.page);
  expect(violations, describeViolations(violations)).toEqual([]);

  // A stakeholder watching this board sees it too.
  const watcher = await BoardPage.newContext(browser, server);
  await watcher.page.goto(await watchLink(boardId, olivia));
  await watcher.page.waitForURL(/\/boards\//);
  await expectLoaded(
    watcher.card('Whiteboard from the workshop').getByRole('img', { name: 'Open whiteboard.png' }),
  );
  expect((await watcher.page.request.get(fileUrl)).status()).toBe(200);

  // A watcher of another board, with that board's session cookie, gets nothing of it.
  const otherBoard = await createBoard(server, olivia, 'Onboarding');
  const outsider = await BoardPage.newContext(browser, server);
  await outsider.page.goto(await watchLink(otherBoard, olivia));
  await outsider.page.waitForURL(new RegExp(`/boards/${otherBoard}`));
  await outsider.expectSaved();
  for (const url of [fileUrl, `${fileUrl}/thumbnail`, `${server.url}/api/boards/${boardId}/attachments`]) {
    const answer = await outsider.page.request.get(url);
    expect(answer.status(), url).toBe(404);
    expect(answer.headers()['content-type']).toMatch(/^application\/json/);
  }
  // Nor through the board it does watch.
  const sideways = fileUrl.replace(`/boards/${boardId}/`, `/boards/${otherBoard}/`);
  expect((await outsider.page.request.get(sideways)).status()).toBe(404);

  // Removed by whoever attached it, it goes from Bob's card too.
  await panel.getByRole('button', { name: 'Remove whiteboard.png' }).waitFor();
  await alice.card('Whiteboard from the workshop').hover();
  await alice
    .card('Whiteboard from the workshop')
    .getByRole('button', { name: 'Comment', exact: true })
    .click();
  await alice.page
    .getByRole('region', { name: 'Attachments' })
    .getByRole('button', { name: 'Remove whiteboard.png' })
    .click();
  await expect(bob.card('Whiteboard from the workshop').getByRole('img')).toHaveCount(0);
  await expect(panel.getByText('No attachments yet.')).toBeVisible();
  // Taken off the card, the file stays on the server: an undo puts it back whole.
  expect((await alice.page.request.get(fileUrl)).status()).toBe(200);
});

test('a file of a refused type, one over the limit and one that is not what it says are refused with a clear message, and nothing is attached', async ({
  browser,
}) => {
  const olivia = await signUp(server, 'Olivia');
  const { boardId, alice, bob } = await boardForTwo(browser, server, olivia, 'Support journey');
  await alice.addCard('Pain points', 'Decision', 'Too many form fields');
  const card = alice.card('Too many form fields');

  // Refused by the page before a byte is sent.
  await attachThroughCard(alice.page, card, {
    name: 'logo.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  });
  await expect(card.getByRole('alert')).toHaveText(
    /logo\.svg was not attached: This kind of file cannot be attached\. Attach an image \(PNG, JPEG, WebP, GIF\), a PDF, or a text file/,
  );
  await card.getByRole('button', { name: 'Dismiss' }).click();

  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  big.write('%PDF-1.7\n');
  await attachThroughCard(alice.page, card, { name: 'report.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(card.getByRole('alert')).toHaveText(
    /report\.pdf was not attached: The file is larger than 10 MB/,
  );
  await card.getByRole('button', { name: 'Dismiss' }).click();

  // Refused by the server, which reads the bytes: this "PNG" is text.
  await attachThroughCard(alice.page, card, {
    name: 'screenshot.png',
    mimeType: 'image/png',
    buffer: Buffer.from('not really an image'),
  });
  await expect(card.getByRole('alert')).toHaveText(
    /screenshot\.png was not attached: The file is not what its name or type says, or it is damaged/,
  );

  // A page that skipped its own check of the size still hears the server's refusal, not a broken
  // connection: the server stops keeping the bytes at 10 MiB and answers once they are sent.
  const refusal = await alice.page.evaluate(
    (path) =>
      new Promise<{ status: number; code: string }>((resolve) => {
        const request = new XMLHttpRequest();
        request.open('POST', path);
        request.setRequestHeader('content-type', 'application/pdf');
        request.setRequestHeader('x-file-name', 'big.pdf');
        request.onloadend = () =>
          resolve({
            status: request.status,
            code: (JSON.parse(request.responseText || '{}') as { code?: string }).code ?? '',
          });
        request.send(new Blob(['%PDF-1.7\n', new Uint8Array(10 * 1024 * 1024)]));
      }),
    `/api/boards/${boardId}/attachments`,
  );
  expect(refusal).toEqual({ status: 413, code: 'ATTACHMENT_TOO_LARGE' });

  // In Vietnamese, the same refusal in its words.
  await alice.page.evaluate(() => localStorage.setItem('PARAGLIDE_LOCALE', 'vi'));
  await alice.page.reload();
  await alice.expectSaved();
  await attachThroughCard(
    alice.page,
    card,
    { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg/>') },
    'Đính kèm tệp vào thẻ này',
  );
  await expect(card.getByRole('alert')).toHaveText(
    /Chưa đính kèm được logo\.svg: Không thể đính kèm loại tệp này/,
  );

  await alice.expectSaved();
  await expect(bob.card('Too many form fields').locator('[data-card-attachments]')).toHaveCount(0);
  const list = await callApi<{ attachments: unknown[] }>(
    server,
    'GET',
    `/api/boards/${boardId}/attachments`,
    {
      account: olivia,
    },
  );
  expect(list.body.attachments).toEqual([]);
});
