import { describe, expect, it } from 'vitest';
import { allAcknowledged, PendingChanges, readPendingCount } from './pending-changes.ts';

describe('PendingChanges', () => {
  it('counts each local change until the server acknowledges them all', () => {
    const pending = new PendingChanges();
    pending.restore(undefined);
    expect(pending.recordChange()).toBe(1);
    expect(pending.recordChange()).toBe(2);
    expect(pending.recordChange()).toBe(3);
    expect(pending.acknowledge()).toBe(true);
    expect(pending.count).toBe(0);
    expect(pending.acknowledge()).toBe(false);
  });

  it('goes on from the count kept with the local copy (a reload while offline)', () => {
    const pending = new PendingChanges();
    expect(pending.restore(3)).toBe(3);
    expect(pending.recordChange()).toBe(4);
    pending.acknowledge();
    expect(pending.count).toBe(0);
  });

  it('adds the kept count to changes made before the copy was read', () => {
    const pending = new PendingChanges();
    pending.recordChange();
    expect(pending.restore(2)).toBe(3);
  });
});

describe('readPendingCount', () => {
  it('reads a whole count from 0 up and anything else as none', () => {
    expect(readPendingCount(5)).toBe(5);
    expect(readPendingCount(0)).toBe(0);
    for (const kept of [undefined, null, -1, 1.5, Number.NaN, Infinity, '3', {}, 2 ** 60]) {
      expect(readPendingCount(kept)).toBe(0);
    }
  });
});

describe('allAcknowledged', () => {
  it('holds only when connected, synced and with no message unacknowledged', () => {
    expect(allAcknowledged({ connected: true, synced: true, unsynced: 0 })).toBe(true);
    expect(allAcknowledged({ connected: false, synced: true, unsynced: 0 })).toBe(false);
    expect(allAcknowledged({ connected: true, synced: false, unsynced: 0 })).toBe(false);
    // The handshake after a reconnect counts one until the server acknowledges what it sent.
    expect(allAcknowledged({ connected: true, synced: true, unsynced: 1 })).toBe(false);
  });
});
