// Relay: 1,000 WebSocket connections on 100 boards, 250 people editing (one update a second each)
// and 750 watching by watch link. Fan-out latency p50/p95/p99 from each update's send time to its
// arrival at every other person on the board; the server's CPU, RSS and memory per connection.
// Targets: p99 ≤ 50 ms and ≤ 2× the reference Yjs server's under the same load, memory per
// connection ≤ 50 kB, server CPU per update ≤ 1.5× the reference's, while Journeyboard
// authenticates, checks roles and stores every update before acknowledging it.
// Run: npm run bench (all benchmarks) or node bench/relay.ts [--quick] with Node >= 22.
import { runFanoutBenchmark } from './lib/fanout-benchmark.ts';
import { QUICK } from './lib/options.ts';

await runFanoutBenchmark({
  name: 'relay',
  title: 'Relay',
  boards: QUICK ? 10 : 100,
  editors: QUICK ? 25 : 250,
  watchers: QUICK ? 75 : 750,
  loadSeconds: QUICK ? 6 : 30,
  intervalMs: 1000,
  targetP99Ms: 50,
  maxP99Ratio: 2,
  maxKBPerConnection: 50,
  maxCpuPerUpdateRatio: 1.5,
  workers: QUICK ? 2 : 4,
  instances: Number(process.env.BENCH_INSTANCES ?? 1),
});
