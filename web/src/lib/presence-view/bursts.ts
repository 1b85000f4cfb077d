import type { ReactionEmoji } from '@journeyboard/board-model';
import type { Peer } from './follow.ts';

/** How long one burst floats up. */
export const BURST_MS = 1500;
/** Bursts this page may send: at most this many… */
export const BURSTS_PER_WINDOW = 5;
/** …in this long. */
export const BURST_WINDOW_MS = 2000;
/** The most bursts shown at once (the oldest go first): a crowd reacting stays cheap to draw. */
export const MAX_BURSTS_SHOWN = 40;

export interface NewBurst {
  clientId: number;
  emoji: ReactionEmoji;
}

/**
 * The bursts that are new in `peers`: a client's counter that changed since `seen` (each client's
 * counter as last seen, updated here). The first sight of a counter is not a burst: a page that
 * comes in does not replay old ones.
 */
export function newBursts(seen: Map<number, number>, peers: readonly Peer[]): NewBurst[] {
  const found: NewBurst[] = [];
  const present = new Set<number>();
  for (const { clientId, record } of peers) {
    present.add(clientId);
    const n = record.burst?.n ?? 0;
    const before = seen.get(clientId);
    if (before !== undefined && n !== before && record.burst)
      found.push({ clientId, emoji: record.burst.emoji });
    seen.set(clientId, n);
  }
  for (const clientId of seen.keys()) if (!present.has(clientId)) seen.delete(clientId);
  return found;
}
