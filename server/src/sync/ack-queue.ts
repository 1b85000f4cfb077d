import type { Connection } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';

/** Hocuspocus's SyncStatus message: its answer to each update or sync step 2 a client sends. */
const SYNC_STATUS = 8;
const SEND_AT_ONCE = Promise.resolve(true);

/**
 * Holds back the acknowledgements Hocuspocus sends a connection until what each acknowledges is
 * committed, so that a connection's updates need not wait for each other's commits to be applied
 * and relayed.
 *
 * Hocuspocus handles a connection's messages one at a time and answers every update and sync step
 * 2 with one SyncStatus message, right after the `beforeSync` hooks have run for it. So the n-th
 * SyncStatus it sends answers the n-th of those messages: `expect` is called in `beforeSync` for
 * each of them, with what its acknowledgement waits for (resolving to whether to send it), and
 * the SyncStatus messages go out in order, each once its wait and those before it are over.
 * Everything else the connection is sent (others' updates, presence) goes at once.
 */
export class AckQueue {
  private readonly waits: Promise<boolean>[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(connection: Connection) {
    const send = connection.send.bind(connection);
    // The message starts with the connection's address, then the message type.
    const typeAt = encoding.encode((encoder) =>
      encoding.writeVarString(encoder, connection.messageAddress),
    ).length;
    connection.send = (message: Uint8Array) => {
      if (message[typeAt] !== SYNC_STATUS) {
        send(message);
        return;
      }
      const wait = this.waits.shift() ?? SEND_AT_ONCE;
      this.tail = this.tail
        .then(() => wait)
        .then((ok) => {
          // A connection closed meanwhile (its document discarded, access withdrawn) is told
          // nothing more: its page opens the document again and counts afresh.
          if (ok && connection.document?.hasConnection(connection)) send(message);
        });
    };
  }

  /** The acknowledgement of the message being handled waits for `wait` (null: none). */
  expect(wait: Promise<boolean> | null): void {
    this.waits.push(wait === null ? SEND_AT_ONCE : wait.catch(() => false));
  }
}
