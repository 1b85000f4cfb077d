import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { type Account, type ServerProcess, signInContext } from './server.ts';

/** What a person does on a board page, in words a test can read. */
export class BoardPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  /** A page of its own browser context (its own cookies), signed in as `account` when given. */
  static async newContext(browser: Browser, server: ServerProcess, account?: Account): Promise<BoardPage> {
    const context = await browser.newContext();
    if (account) await signInContext(context, server, account);
    return new BoardPage(await context.newPage());
  }

  laneHeader(lane: string): Locator {
    return this.page
      .locator('.lane-header')
      .filter({ has: this.page.locator('.text').getByText(lane, { exact: true }) });
  }

  /** The banner that says why the server ended this page's session. */
  disconnectedBanner(): Locator {
    return this.page.locator('[data-disconnected]');
  }

  cell(lane: string, stage: string): Locator {
    return this.page.getByRole('group', { name: `${lane} in ${stage}`, exact: true });
  }

  card(text: string): Locator {
    return this.page.locator('article.card', { hasText: text });
  }

  status(): Locator {
    return this.page.locator('[data-sync-status]').first();
  }

  async open(baseUrl: string, boardId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/boards/${boardId}`);
    await this.expectSaved();
  }

  async expectSaved(): Promise<void> {
    await expect(this.status()).toHaveAttribute('data-sync-status', 'saved');
  }

  async addCard(lane: string, stage: string, text: string): Promise<void> {
    await this.cell(lane, stage)
      .getByRole('button', { name: `Add a card to ${lane} in ${stage}` })
      .click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
    await expect(this.cell(lane, stage).locator('article.card', { hasText: text })).toBeVisible();
  }
}
