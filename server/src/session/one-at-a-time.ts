/**
 * Runs tasks of the same key one after the other (others at once): what a board's vote commands
 * use, so that a vote placed while the facilitator reveals is either counted or refused, never
 * stored beside a tally that left it out. Within one instance only: the store's own locks keep
 * each person's votes within their limit across instances (votes-store.ts).
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
