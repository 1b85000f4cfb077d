// Bundle: the JavaScript a person downloads when they open a watch link (/watch/<token>, which
// takes them to the board page as a viewer), measured in headless Chromium: every script response
// until the board shows as live, its size as sent, and gzipped here (zlib, level 9) so the figure
// does not depend on what the server compresses. Target: ≤ 200 kB gzipped. Also lists the largest
// chunks, named after their source where the build's manifest says.
// Run: npm run bench (all benchmarks) or node bench/bundle.ts with Node >= 22 (needs web/build and
// Chromium at /usr/bin/chromium or CHROMIUM_PATH).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createBoard, createLink, signUp } from './lib/journeyboard-api.ts';
import { fmt, machineNow, printTable, writeResults } from './lib/report.ts';
import { launchChromium } from './lib/chromium.ts';
import { spawnJourneyboard } from './lib/server-under-test.ts';

const TARGET_GZIP_KB = 200;
const WEB_DIR = new URL('../web/', import.meta.url).pathname;
/**
 * Strings that survive minification and betray a library inside a chunk (the build has no source
 * maps to ask). A hint for reading the breakdown, not an inventory.
 */
const SIGNATURES: [string, string][] = [
  ['yjs', 'Yjs was already imported'],
  ['@hocuspocus/provider', 'Hocuspocus'],
  ['fractional-indexing', 'invalid order key'],
  ['svelte', 'svelte.dev/e/'],
  ['@sveltejs/kit', 'sveltekit'],
];

interface Script {
  file: string;
  /** What the chunk holds, from the build manifest (a route, a module name), when known. */
  holds: string;
  /** Libraries recognised inside it by SIGNATURES. */
  contains: string[];
  bytes: number;
  gzipBytes: number;
  /** Body bytes as they came over the wire, and how they were encoded. */
  transferBytes: number;
  encoding: string;
}

/** Names of the built chunks, from Vite's client manifest and SvelteKit's generated route nodes. */
function chunkNames(): Map<string, string> {
  const names = new Map<string, string>();
  const manifestFile = join(WEB_DIR, '.svelte-kit/output/client/.vite/manifest.json');
  if (!existsSync(manifestFile)) return names;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<
    string,
    { file: string; name?: string }
  >;
  for (const [source, chunk] of Object.entries(manifest)) {
    const node = /client-optimized\/nodes\/(\d+)\.js$/.exec(source);
    let holds = chunk.name ?? source;
    if (node) {
      const generated = join(WEB_DIR, '.svelte-kit/generated/build/client-optimized/nodes', `${node[1]}.js`);
      const component = existsSync(generated)
        ? /src\/routes\/(.*?)\/?\+(page|layout|error)\.svelte/.exec(readFileSync(generated, 'utf8'))
        : null;
      holds = component ? `route /${component[1]} (${component[2]})` : `route node ${node[1]}`;
    } else if (source.includes('/@sveltejs/kit/')) {
      holds = `SvelteKit ${chunk.name ?? ''}`.trim();
    }
    names.set(chunk.file.split('/').pop()!, holds);
  }
  return names;
}

if (!existsSync(join(WEB_DIR, 'build/handler.js'))) {
  throw new Error(
    'the web app is not built: run `pnpm --filter @journeyboard/web build` (npm run bench builds it)',
  );
}

const browser = await launchChromium();
const dataDir = mkdtempSync(join(tmpdir(), 'journeyboard-bundle-'));
const server = await spawnJourneyboard({ dataDir });
const scripts: Script[] = [];
let documentBytes = 0;
try {
  const owner = await signUp(server.url, `owner-${Date.now()}@bench.test`);
  const boardId = await createBoard(server.url, owner, 'Bundle board');
  const token = await createLink(server.url, owner, boardId, 'watch');
  const names = chunkNames();

  const context = await browser.newContext();
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() === 'document' && response.url().includes('/watch/')) {
      pending.push(response.body().then((body) => void (documentBytes = body.length)));
    }
    if (request.resourceType() !== 'script') return;
    pending.push(
      (async () => {
        const body = await response.body();
        const sizes = await request.sizes();
        const file = new URL(response.url()).pathname.split('/').pop()!;
        scripts.push({
          file,
          holds: names.get(file) ?? '',
          contains: SIGNATURES.filter(([, text]) => body.includes(text)).map(([library]) => library),
          bytes: body.length,
          gzipBytes: gzipSync(body, { level: 9 }).length,
          transferBytes: sizes.responseBodySize,
          encoding: (await response.headerValue('content-encoding')) ?? 'none',
        });
      })(),
    );
  });
  await page.goto(`${server.url}/watch/${token}`);
  await page.waitForURL(/\/boards\//, { timeout: 30_000 });
  await page.locator('[data-sync-status="saved"]').waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const kB = (bytes: number) => bytes / 1000;
const sum = (pick: (s: Script) => number) => scripts.reduce((n, s) => n + pick(s), 0);
const totals = {
  scripts: scripts.length,
  bytes: sum((s) => s.bytes),
  gzipBytes: sum((s) => s.gzipBytes),
  transferBytes: sum((s) => s.transferBytes),
  encodings: [...new Set(scripts.map((s) => s.encoding))],
};
const largest = [...scripts].sort((a, b) => b.gzipBytes - a.gzipBytes);
printTable(
  `Bundle: JavaScript loaded by /watch/<token> until the board is live (${scripts.length} scripts), largest first`,
  ['chunk', 'named after', 'contains (by signature)', 'raw kB', 'gzip kB', 'sent kB', 'share of gzip'],
  largest
    .slice(0, 15)
    .map((s) => [
      s.file,
      s.holds,
      s.contains.join(', '),
      fmt(kB(s.bytes)),
      fmt(kB(s.gzipBytes)),
      `${fmt(kB(s.transferBytes))} ${s.encoding}`,
      `${fmt((100 * s.gzipBytes) / totals.gzipBytes, 0)}%`,
    ]),
);
const met = kB(totals.gzipBytes) <= TARGET_GZIP_KB;
printTable(
  'Bundle: summary',
  ['figure', 'measured', 'target'],
  [
    [
      'initial JavaScript, gzipped (kB)',
      fmt(kB(totals.gzipBytes)),
      `≤ ${TARGET_GZIP_KB}: ${met ? 'met' : 'MISSED'}`,
    ],
    ['initial JavaScript, uncompressed (kB)', fmt(kB(totals.bytes)), ''],
    [`as sent by the server (${totals.encodings.join(', ')}) (kB)`, fmt(kB(totals.transferBytes)), ''],
    ['scripts', totals.scripts, ''],
    ['watch page HTML (kB)', fmt(kB(documentBytes)), ''],
  ],
);
writeResults('bundle', {
  machine: machineNow(),
  note: 'kB = 1000 bytes; gzip = zlib level 9 over each script body; sent = encoded body size as Chromium received it',
  totals,
  targets: { gzipKB: { target: TARGET_GZIP_KB, measured: kB(totals.gzipBytes), met } },
  scripts: largest,
});
