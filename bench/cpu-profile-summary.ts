// Reads a V8 CPU profile (written by `node --cpu-prof`, e.g. the server's under BENCH_CPU_PROF=dir)
// and prints where the time went: the share that was idle, the hottest functions by self time,
// and the self time per package or source folder. V8 samples the main thread on a wall-clock
// timer, so time blocked inside a synchronous native call (a SQLite commit waiting for fsync)
// shows up under that call, not as idle.
// Run: node bench/cpu-profile-summary.ts <file.cpuprofile> [--window=FROM-TO] [--top=N] [--timeline]
//      [--inclusive]
//   --window=40-70  only the samples from 40 s to 70 s after the profile started (the load phase)
//   --timeline      per second: the share idle, in SQLite calls, writing to sockets, and the rest
//   --inclusive     also the functions by total time: their own and that of everything they called
//                   (synchronously: what an async function awaits is not under it)
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}`))?.split('=')[1];
if (!file) {
  console.error(
    'usage: node bench/cpu-profile-summary.ts <file.cpuprofile> [--window=FROM-TO] [--top=N] [--timeline] [--inclusive]',
  );
  process.exit(2);
}
const top = Number(option('top') ?? 25);
const [windowFrom, windowTo] = (option('window') ?? '0-1e9').split('-').map(Number) as [number, number];
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

// Time per sample: the delta to the next sample (the last one gets the mean).
const selfMs = new Map<number, number>();
const deltas = profile.timeDeltas;
const meanDelta = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
/** Per whole second since the start: ms idle, in SQLite, in socket writes, and the rest. */
const timeline: { idle: number; sqlite: number; writev: number; other: number }[] = [];
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  elapsedUs += deltas[i] ?? 0;
  const seconds = elapsedUs / 1e6;
  const delta = (i + 1 < deltas.length ? deltas[i + 1]! : meanDelta) / 1000;
  const frame = nodes.get(id)!.callFrame;
  const second = (timeline[Math.floor(seconds)] ??= { idle: 0, sqlite: 0, writev: 0, other: 0 });
  if (frame.functionName === '(idle)') second.idle += delta;
  else if (frame.url.includes('sqlite')) second.sqlite += delta;
  else if (frame.functionName === 'writev' || frame.functionName === 'writeUtf8String')
    second.writev += delta;
  else second.other += delta;
  if (seconds < windowFrom || seconds > windowTo) return;
  selfMs.set(id, (selfMs.get(id) ?? 0) + delta);
});
const totalMs = [...selfMs.values()].reduce((a, b) => a + b, 0);

/** Where a function lives: a package name, a source folder of ours, or node's own. */
function placeOf(url: string): string {
  if (!url) return '(native)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node';
  const ours = /\/(server|packages|web)\/(.*)\/[^/]+$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}
const label = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(server|packages|web)\//, '$1/')}:${lineNumber + 1}`
    : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = nodes.get(id)!;
  byFunction.set(label(node), (byFunction.get(label(node)) ?? 0) + ms);
  const place = ['(idle)', '(program)', '(garbage collector)'].includes(node.callFrame.functionName)
    ? node.callFrame.functionName
    : placeOf(node.callFrame.url);
  byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
}

/** The JS caller of each native function: what called into SQLite, the socket, etc. */
const nativeCallers = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = nodes.get(id)!;
  if (node.callFrame.url || node.callFrame.functionName.startsWith('(')) continue;
  let parent = parentOf.get(id);
  while (parent !== undefined && !nodes.get(parent)!.callFrame.url) parent = parentOf.get(parent);
  const caller = parent === undefined ? '(none)' : label(nodes.get(parent)!);
  const key = `${node.callFrame.functionName} ← ${caller}`;
  nativeCallers.set(key, (nativeCallers.get(key) ?? 0) + ms);
}

const show = (title: string, entries: Map<string, number>, count: number) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(
      `${(ms / 1000).toFixed(2).padStart(8)} s ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${name}`,
    );
  }
};
console.log(`${file}: ${(totalMs / 1000).toFixed(1)} s sampled`);
if (args.includes('--timeline')) {
  console.log('\n  second |  idle % | SQLite % | socket writes % | other %');
  timeline.forEach((s, i) => {
    const all = s.idle + s.sqlite + s.writev + s.other || 1;
    const pct = (ms: number) => ((100 * ms) / all).toFixed(0).padStart(3);
    console.log(
      `  ${String(i).padStart(6)} |     ${pct(s.idle)} |      ${pct(s.sqlite)} |             ${pct(s.writev)} |     ${pct(s.other)}`,
    );
  });
}
show('Self time by place', byPlace, 20);
show(`Hottest functions (self time)`, byFunction, top);
show('Native functions by JS caller', nativeCallers, 15);
if (args.includes('--inclusive')) {
  // Each sample counts once for every function on its stack (once, however often it recurses).
  const totalByFunction = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const node = nodes.get(at)!;
      if (node.callFrame.functionName !== '(root)') onStack.add(label(node));
    }
    for (const name of onStack) totalByFunction.set(name, (totalByFunction.get(name) ?? 0) + ms);
  }
  show('Hottest functions (total time: their own and what they called)', totalByFunction, top);
}
