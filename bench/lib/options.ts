/**
 * How a benchmark run is asked for. `npm run bench -- --quick` (or BENCH_QUICK=1) is a smoke run:
 * the same code paths at a tenth of the load and a few seconds each. BENCH_TRIALS=n repeats each
 * comparison n times, alternating which server goes first, because this machine is shared and
 * noisy: one trial is a sample, not a verdict.
 */
export const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');

export const TRIALS = Math.max(1, Number(process.env.BENCH_TRIALS ?? 1) || 1);

/**
 * When set to a folder, Journeyboard's server runs under `node --cpu-prof` and writes its profile
 * there on shutdown (see cpu-profile-summary.ts to read it).
 */
export const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF || null;

/**
 * Which servers the fan-out benchmarks drive (BENCH_SERVERS=journeyboard to profile ours alone);
 * both by default, since the comparison is the point.
 */
export const SERVERS = (process.env.BENCH_SERVERS ?? 'journeyboard,reference')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is 'journeyboard' | 'reference' => name === 'journeyboard' || name === 'reference');
