import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { type Account, createBoard, type ServerProcess, signInContext, signUpInvited } from './server.ts';

/** The lanes of a board made 6 × 6 by `BoardPage.sixBySix`, in order. */
export const SIX_LANES = [
  'Touchpoints',
  'Customer actions',
  'Pain points',
  'Opportunities',
  'Metrics and KPIs',
  'Channels',
] as const;
/** Its stages, in order. */
export const SIX_STAGES = [
  'Awareness',
  'Consideration',
  'Decision',
  'Retention',
  'Advocacy',
  'New stage',
] as const;

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

  /** The part of the page the grid scrolls in. */
  scroller(): Locator {
    return this.page.locator('[data-board-scroller]');
  }

  /** Adds a stage at the end (named "New stage") and a lane of each of `laneKinds`. */
  async addStageAndLanes(laneKinds: readonly string[]): Promise<void> {
    await this.page.getByRole('button', { name: 'Add stage' }).click();
    for (const kind of laneKinds) {
      await this.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption(kind);
      await this.page.getByRole('button', { name: 'Add lane' }).click();
    }
  }

  /**
   * Makes the default board 6 stages × 6 lanes and puts `cards` cards on it, each in a cell of
   * its own (down the diagonal, then beside it). Returns the lanes and stages, in order.
   */
  async sixBySix(cards: number): Promise<{ lanes: string[]; stages: string[] }> {
    await this.addStageAndLanes(['kpis', 'channels']);
    const lanes = [...SIX_LANES];
    const stages = [...SIX_STAGES];
    for (let i = 0; i < cards; i++) {
      await this.addCard(
        lanes[i % 6]!,
        stages[(i + Math.floor(i / 6)) % 6]!,
        `Note ${i + 1} about the journey`,
      );
    }
    await this.expectSaved();
    return { lanes, stages };
  }

  /**
   * Waits until what has the focus is not covered by anything, a sticky header above all: the
   * element at the centre of the focused element is that element or inside it.
   */
  async expectFocusUncovered(): Promise<void> {
    await expect
      .poll(() =>
        this.page.evaluate(() => {
          const focused = document.activeElement;
          if (!(focused instanceof HTMLElement) || focused === document.body) return 'nothing has the focus';
          const box = focused.getBoundingClientRect();
          const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          if (at && (at === focused || focused.contains(at))) return 'uncovered';
          return `${focused.outerHTML.slice(0, 80)} is covered by ${at?.outerHTML.slice(0, 80) ?? 'nothing'}`;
        }),
      )
      .toBe('uncovered');
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

/**
 * A new board with its owner and a facilitator (named Bob), each on a page of their own, both
 * open on the board.
 */
export async function boardForTwo(
  browser: Browser,
  server: ServerProcess,
  owner: Account,
  title: string,
): Promise<{ boardId: string; alice: BoardPage; bob: BoardPage }> {
  const boardId = await createBoard(server, owner, title);
  const facilitator = await signUpInvited(server, owner, boardId, 'Bob', 'facilitator');
  const alice = await BoardPage.newContext(browser, server, owner);
  const bob = await BoardPage.newContext(browser, server, facilitator);
  await alice.open(server.url, boardId);
  await bob.open(server.url, boardId);
  return { boardId, alice, bob };
}
