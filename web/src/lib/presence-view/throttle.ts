/** The timers a throttle waits with: the browser's, or a test's. */
export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Sends the latest of the values pushed to it at most once every `intervalMs`: a value pushed
 * after a quiet interval goes at once; values pushed sooner wait, and only the last of them goes,
 * when the interval ends. So a moving pointer is sent ~15 times a second (interval 66 ms), its
 * final place always, and nothing at all while it rests.
 */
export class Throttle<T> {
  private readonly intervalMs: number;
  private readonly send: (value: T) => void;
  private readonly timers: Timers;
  private lastSent = -Infinity;
  private pending: { value: T } | null = null;
  private timer: unknown = null;

  constructor(intervalMs: number, send: (value: T) => void, timers: Timers = browserTimers) {
    this.intervalMs = intervalMs;
    this.send = send;
    this.timers = timers;
  }

  push(value: T): void {
    const wait = this.lastSent + this.intervalMs - this.timers.now();
    if (wait <= 0 && this.timer === null) {
      this.emit(value);
      return;
    }
    this.pending = { value };
    this.timer ??= this.timers.setTimeout(() => this.flushPending(), Math.max(0, wait));
  }

  /** Forgets a value waiting to be sent (the pointer left: nothing older may follow). */
  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private flushPending(): void {
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (pending) this.emit(pending.value);
  }

  private emit(value: T): void {
    this.lastSent = this.timers.now();
    this.send(value);
  }
}

/** At most `max` events in any `windowMs` (e.g. reaction bursts: 5 in 2 s). */
export class RateLimit {
  private readonly max: number;
  private readonly windowMs: number;
  private readonly times: number[] = [];

  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Whether one more may happen at `now` (and counts it if so). */
  take(now: number): boolean {
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}
