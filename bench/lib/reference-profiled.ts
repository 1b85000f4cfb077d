// Starts the reference server so that `node --cpu-prof` can write its profile: the reference has
// no SIGTERM handler, and a process killed by a signal writes none. Used only under BENCH_CPU_PROF.
const [script] = process.argv.slice(2);
process.on('SIGTERM', () => process.exit(0));
await import(script!);
