// The big board in headless Chromium: first render, then frame times while idle, panning and
// zooming. Each trial is a fresh browser (fresh profile, empty cache) signed in as the owner.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { type FirstRenderMarks, type FrameRun, runFrames, watchFirstRender } from './big-board-page.ts';
import type { CellLayout } from './big-board-load.ts';
import { type Account, type BenchServer, sessionCookie } from './big-board-server.ts';
import { launchChromium } from './lib/chromium.ts';

export interface BrowserOptions {
  viewport: { width: number; height: number };
  /** Length of each scripted interaction. */
  durationMs: number;
  /** Panning speed, px/s. */
  panSpeed: number;
  /** deltaY of each ctrl+wheel event while zooming (one per frame). */
  wheelDelta: number;
  /** Write Chromium CPU profiles of the load and of each interaction to this folder. */
  profileDir: string | null;
}

export interface BrowserTrial {
  marks: FirstRenderMarks;
  idle: FrameRun;
  pan: FrameRun;
  /** Panning again while other people edit cards (see `LiveEdits`). */
  panLive: FrameRun;
  zoom: FrameRun;
}

/** Other people editing the board, started and stopped around a measurement. */
export interface LiveEdits {
  /** Resolves once the edits have begun. */
  start(): Promise<void>;
  /** Stops; resolves with how many edits were made, once the server saved them. */
  stop(): Promise<number>;
}

/** One trial: a fresh Chromium opens the board, then idles, pans and zooms. */
export async function browserTrial(
  server: BenchServer,
  owner: Account,
  boardId: string,
  layout: CellLayout,
  options: BrowserOptions,
  trial: number,
  liveEdits: LiveEdits,
): Promise<BrowserTrial> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: options.viewport });
    await context.addCookies([{ ...sessionCookie(owner), url: server.url }]);
    const page = await context.newPage();
    const cdp = options.profileDir ? await context.newCDPSession(page) : null;
    await page.addInitScript(watchFirstRender, layout);
    const profileLoad = cdp ? await startProfile(cdp) : null;
    await page.goto(`${server.url}/boards/${boardId}`);
    await page.waitForFunction(
      () => window.__bigBoard?.paintedAt != null && window.__bigBoard.savedAt != null,
      undefined,
      {
        timeout: 120_000,
        polling: 100,
      },
    );
    const marks = await page.evaluate(() => window.__bigBoard!);
    if (profileLoad) await profileLoad(`load-${trial}`, options.profileDir!);
    // Let whatever the page does after its first complete frame settle before measuring frames.
    await waitForQuiet(page);
    const measure = async (kind: 'idle' | 'pan' | 'zoom', name: string = kind) => {
      const stop = cdp ? await startProfile(cdp) : null;
      const run = await page.evaluate(runFrames, {
        kind,
        durationMs: options.durationMs,
        speed: options.panSpeed,
        wheelDelta: options.wheelDelta,
      });
      if (stop) await stop(`${name}-${trial}`, options.profileDir!);
      await waitForQuiet(page);
      return run;
    };
    const idle = await measure('idle');
    const pan = await measure('pan');
    await liveEdits.start();
    const panLive = await measure('pan', 'pan-live');
    const edits = await liveEdits.stop();
    panLive.covered += `, while ${edits} edits by others arrived`;
    const zoom = await measure('zoom');
    return { marks, idle, pan, panLive, zoom };
  } finally {
    await browser.close();
  }
}

/** Waits until the page has gone a second without a long task (or five seconds have passed). */
export async function waitForQuiet(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let lastLong = performance.now();
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries())
            lastLong = Math.max(lastLong, entry.startTime + entry.duration);
        });
        observer.observe({ type: 'longtask' });
        const started = performance.now();
        const check = () => {
          const now = performance.now();
          if (now - lastLong > 1000 || now - started > 5000) {
            observer.disconnect();
            resolve();
          } else setTimeout(check, 100);
        };
        setTimeout(check, 100);
      }),
  );
}

/** Starts Chromium's sampling profiler; the function returned stops it and writes the profile. */
async function startProfile(cdp: CDPSession): Promise<(name: string, dir: string) => Promise<void>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async (name, dir) => {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/big-board-${name}.cpuprofile`, JSON.stringify(profile));
  };
}
