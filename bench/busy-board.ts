// Busy board: one board with 40 people editing (one update a second each) and 300 watching.
// Fan-out latency p50/p95/p99 to every other person, the server's CPU and memory, against the
// reference Yjs server under the same load. Target: p99 ≤ 100 ms, and no worse than the reference.
// Run: npm run bench (all benchmarks) or node bench/busy-board.ts [--quick] with Node >= 22.
import { runFanoutBenchmark } from './lib/fanout-benchmark.ts';
import { QUICK } from './lib/options.ts';

await runFanoutBenchmark({
  name: 'busy-board',
  title: 'Busy board',
  boards: 1,
  editors: QUICK ? 8 : 40,
  watchers: QUICK ? 60 : 300,
  loadSeconds: QUICK ? 6 : 30,
  intervalMs: 1000,
  targetP99Ms: 100,
  maxP99Ratio: 1,
  workers: QUICK ? 2 : 4,
  instances: Number(process.env.BENCH_INSTANCES ?? 1),
});
