import { expect, type Locator, type Page } from '@playwright/test';

/** What a person does on a board page, in words a test can read. */
export class BoardPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
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
