/**
 * Runs the server's writes of one session entry one board at a time. A write reads the entry,
 * decides, and writes it back (`ServerWriter.change` copies the document, then awaits the log
 * before it applies the change): two commands for one board at once would both read the same
 * entry and the later one would undo the earlier. In turn, each reads what the one before wrote.
 */
export class SessionWrites {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every task run before for `boardId` has finished (whatever its outcome). */
  run<T>(boardId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(boardId) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(boardId, tail);
    void tail.then(() => {
      if (this.tails.get(boardId) === tail) this.tails.delete(boardId);
    });
    return result;
  }
}

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
