/**
 * How many of this person's changes to one document the server has not acknowledged yet: what the
 * status says is waiting while offline. The count is kept beside the document's local copy, so it
 * survives a reload or a closed tab with the changes it counts.
 *
 * Every local change (a transaction that neither came from the server nor was read back from the
 * local copy) counts one. The count goes back to zero only when the server has acknowledged
 * everything this page holds: the provider is synced and has no unacknowledged message left. Its
 * handshake on reconnecting sends every change the server lacks in one message, and the server
 * acknowledges it only once it is stored, so that moment covers changes made before a reload too.
 *
 * The stored count is read before the document connects (see `LiveBoard.connect`), but a change
 * made before it is read still counts: `restore` adds the stored count to it.
 */
export class PendingChanges {
  private stored = 0;
  private local = 0;

  /** The changes waiting now. */
  get count(): number {
    return this.stored + this.local;
  }

  /** Takes in the count kept with the local copy (anything but a whole count reads as none). */
  restore(kept: unknown): number {
    this.stored = readPendingCount(kept);
    return this.count;
  }

  /** One more local change; returns the new count, to keep. */
  recordChange(): number {
    this.local += 1;
    return this.count;
  }

  /** The server acknowledged everything: nothing waits. Returns whether the count changed. */
  acknowledge(): boolean {
    const had = this.count;
    this.stored = 0;
    this.local = 0;
    return had !== 0;
  }
}

/** A kept count as a count: a whole number from 0 up; anything else (missing, corrupt) is 0. */
export function readPendingCount(kept: unknown): number {
  return typeof kept === 'number' && Number.isSafeInteger(kept) && kept > 0 ? kept : 0;
}

/**
 * Whether a provider's state means the server has acknowledged everything this page sent: it has
 * synced since it last connected and no message waits for the server's acknowledgement.
 */
export function allAcknowledged(state: { connected: boolean; synced: boolean; unsynced: number }): boolean {
  return state.connected && state.synced && state.unsynced === 0;
}
