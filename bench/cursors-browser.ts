// The cursor benchmark's watching browser: headless Chromium (e2e/chromium.ts's flags) opens the
// board by its watch link, as a stakeholder does, and records the time between animation frames
// while the movers move; it also counts the WebSocket bytes the page receives.
import type { Browser, Page } from 'playwright-core';
import { waitForQuiet } from './big-board-browser.ts';
import { runFrames } from './big-board-page.ts';
import { launchChromium } from './lib/chromium.ts';

const VIEWPORT = { width: 1280, height: 720 };
const LOAD_TIMEOUT_MS = 60_000;

/** A WebSocket frame's header from the server (unmasked): 2 bytes, plus 2 or 8 for a longer length. */
const frameHeader = (payload: number) => (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);

export class WatchingBrowser {
  private readonly browser: Browser;
  private readonly page: Page;
  private counting = false;
  private bytes = 0;
  private frames = 0;

  private constructor(browser: Browser, page: Page) {
    this.browser = browser;
    this.page = page;
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (!this.counting) return;
        const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
        this.bytes += size + frameHeader(size);
        this.frames++;
      });
    });
  }

  /** Opens `/watch/<token>` in a fresh browser and resolves once the board is live and the page quiet. */
  static async open(baseUrl: string, watchToken: string): Promise<WatchingBrowser> {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const watching = new WatchingBrowser(browser, await context.newPage());
      await watching.page.goto(`${baseUrl}/watch/${watchToken}`);
      await watching.page.waitForURL(/\/boards\//, { timeout: LOAD_TIMEOUT_MS });
      await watching.page.locator('[data-sync-status="saved"]').waitFor({ timeout: LOAD_TIMEOUT_MS });
      await waitForQuiet(watching.page);
      return watching;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** Starts or stops counting the bytes the page's sockets receive. */
  countBytes(on: boolean): void {
    if (on) {
      this.bytes = 0;
      this.frames = 0;
    }
    this.counting = on;
  }

  get received(): { bytes: number; frames: number } {
    return { bytes: this.bytes, frames: this.frames };
  }

  /** The time between consecutive animation frames (ms) over `durationMs`, the page left alone. */
  async frameIntervals(durationMs: number): Promise<number[]> {
    const run = await this.page.evaluate(runFrames, {
      kind: 'idle' as const,
      durationMs,
      speed: 0,
      wheelDelta: 0,
    });
    return run.deltas;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
