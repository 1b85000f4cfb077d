/**
 * Coalesces bursts of a board's recomputations into at most one run per `intervalMs`: a request
 * made while one is waiting joins it; one made just after a run waits for the rest of the interval.
 * What runs always reads the latest state, so nothing is lost by joining.
 */
export class Coalescer {
  private readonly intervalMs: number;
  private readonly pending = new Map<string, Promise<void>>();
  private readonly lastRun = new Map<string, number>();

  constructor(intervalMs: number) {
    this.intervalMs = intervalMs;
  }

  /** Asks for `run` for `key`; resolves once a run that started after this request has finished. */
  request(key: string, run: () => Promise<void>): Promise<void> {
    const waiting = this.pending.get(key);
    if (waiting) return waiting;
    const wait = Math.max(0, (this.lastRun.get(key) ?? 0) + this.intervalMs - Date.now());
    const next = new Promise<void>((resolve) => setTimeout(resolve, wait)).then(async () => {
      this.pending.delete(key);
      this.lastRun.set(key, Date.now());
      try {
        await run();
      } finally {
        // Forget boards that went quiet, so that the map does not grow with every board ever polled.
        setTimeout(() => {
          if (!this.pending.has(key) && Date.now() - (this.lastRun.get(key) ?? 0) >= this.intervalMs)
            this.lastRun.delete(key);
        }, this.intervalMs).unref();
      }
    });
    this.pending.set(key, next);
    return next;
  }
}
