/**
 * Runs tasks of the same key (a board) one after the other, whatever the outcome of the one before
 * (others at once), within one instance. What the session's commands use:
 * - a session entry is read, decided on and written back (`ServerWriter.change` copies the
 *   document, then awaits the log before it applies the change): two commands for one board at
 *   once would both read the same entry and the later would undo the earlier; in turn, each reads
 *   what the one before wrote (timer, poll);
 * - a vote placed while the facilitator reveals is either counted or refused, never stored beside a
 *   tally that left it out (the store's own locks keep each person's votes within their limit
 *   across instances, votes-store.ts);
 * - two reveals of private mode at once land each card once.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // The last task of a key lets the key go, so that the map holds only boards being voted on.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
