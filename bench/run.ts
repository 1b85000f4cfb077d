// Runs every benchmark, one after another, each in its own process (so one that fails does not
// stop the others, and none inherits another's memory). `npm run bench` at the root runs this
// through turbo, after building the web app. Options (environment, or flags after `--`):
//   --quick / BENCH_QUICK=1   a short smoke run of each benchmark
//   BENCH_ONLY=relay,bundle   only these benchmarks (also those run only when named: soak)
//   BENCH_TRIALS=3            repeat each server comparison, alternating which server goes first
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** In order: quick ones first, so a broken setup shows early. */
const BENCHMARKS = [
  'board-size',
  'comment-check',
  'bundle',
  'durability',
  'leaks',
  'connection-memory',
  'relay',
  'busy-board',
  'cursors',
  'big-board',
];
/** Run only when named (`npm run bench -- soak`): half an hour is not for every run. */
const ON_REQUEST = ['soak'];

const named = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter((name) => name !== '');
const only = named.length > 0 ? named : null;
const known = [...BENCHMARKS, ...ON_REQUEST];
const unknown = only?.filter((name) => !known.includes(name)) ?? [];
if (unknown.length > 0) {
  console.error(`No benchmark named ${unknown.join(', ')}; there are: ${known.join(', ')}.`);
  process.exit(1);
}

const args = process.argv.slice(2);
const failed: string[] = [];
const started = performance.now();
for (const name of known) {
  if (only ? !only.includes(name) : !BENCHMARKS.includes(name)) continue;
  const script = new URL(`./${name}.ts`, import.meta.url).pathname;
  // big-board.ts is another benchmark's; it runs here once it exists.
  if (!existsSync(script)) continue;
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(`${name} (${result.status ?? result.signal})`);
}
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(`\nBenchmarks finished in ${minutes} min; figures in bench/results/*.json.`);
if (failed.length > 0) {
  console.error(`Failed or missed a hard target: ${failed.join(', ')}`);
  process.exitCode = 1;
}
