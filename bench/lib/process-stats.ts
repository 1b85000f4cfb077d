/**
 * CPU time and resident memory of another process, read from Linux's /proc (what `top` shows),
 * so the server under test is measured from outside without being asked.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/** The kernel's clock tick (USER_HZ), the unit of /proc/<pid>/stat's CPU times. */
function clockTicksPerSecond(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU time (user + system) the process has used so far, in milliseconds. */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis don't.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name and state.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond();
}

/** Resident set size of the process, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status: has the process exited?`);
  return Number(match[1]) * 1024;
}

/** CPU used by a set of processes over an interval, as a share of one core (1.0 = one core busy). */
export class CpuMeter {
  private readonly pids: number[];
  private readonly startedAt: number;
  private readonly startCpu: number;

  constructor(pids: number[]) {
    this.pids = pids;
    this.startedAt = performance.now();
    this.startCpu = this.totalCpu();
  }

  private totalCpu(): number {
    return this.pids.reduce((sum, pid) => sum + cpuTimeMs(pid), 0);
  }

  /** CPU milliseconds used since the meter started, and the share of a core that is. */
  read(): { cpuMs: number; cores: number } {
    const cpuMs = this.totalCpu() - this.startCpu;
    return { cpuMs, cores: cpuMs / (performance.now() - this.startedAt) };
  }
}

/** Samples the summed RSS of `pids` every `intervalMs` until stopped. */
export class RssSampler {
  private readonly samples: number[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly pids: number[];

  constructor(pids: number[], intervalMs = 500) {
    this.pids = pids;
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    try {
      this.samples.push(this.pids.reduce((sum, pid) => sum + rssBytes(pid), 0));
    } catch {
      // A process that exits mid-run is reported by whoever started it; the samples stop here.
    }
  }

  /** Stops sampling; returns the median and the peak, in bytes. */
  stop(): { median: number; peak: number } {
    clearInterval(this.timer);
    this.sample();
    const sorted = [...this.samples].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, peak: sorted.at(-1) ?? 0 };
  }
}

/** Whole-disk devices (vda, sda, nvme0n1), not their partitions. */
const WHOLE_DISK = /^(vd[a-z]+|sd[a-z]+|xvd[a-z]+|nvme\d+n\d+)$/;

function machineCounters() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const busyTicks = cpu.reduce((a, b) => a + b, 0) - (cpu[3] ?? 0) - (cpu[4] ?? 0);
  let ioMs = 0;
  for (const line of readFileSync('/proc/diskstats', 'utf8').split('\n')) {
    const fields = line.trim().split(/\s+/);
    // Field 13 of a line: milliseconds the device had I/O in progress.
    if (fields[2] && WHOLE_DISK.test(fields[2])) ioMs += Number(fields[12]);
  }
  return { busyMs: (busyTicks * 1000) / clockTicksPerSecond(), ioMs };
}

/**
 * How busy the whole machine was over an interval: CPU used by every process (in cores) and the
 * share of time the disk had I/O in progress. Beside the server's and the clients' own CPU, this
 * shows how much of a trial's figures is other people's work on a shared machine.
 */
export class MachineMeter {
  private readonly startedAt = performance.now();
  private readonly start = machineCounters();

  read(): { cpuCores: number; diskBusy: number } {
    const now = machineCounters();
    const elapsed = performance.now() - this.startedAt;
    return {
      cpuCores: (now.busyMs - this.start.busyMs) / elapsed,
      diskBusy: Math.min(1, (now.ioMs - this.start.ioMs) / elapsed),
    };
  }
}
