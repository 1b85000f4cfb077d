// How far the server's clock is from this browser's. The session's times (a timer's end) are on
// the server's clock; each page turns them into its own with the offset, so that every page shows
// the same time left whatever its clock says. The estimate is Cristian's: ask the server's time,
// and take the sample that came back fastest, whose answer is the least uncertain (within half
// its round trip).

/** One question of the server's time: sent at `sentAt`, answered `serverNow`, back at `receivedAt` (this browser's ms). */
export interface ClockSample {
  sentAt: number;
  serverNow: number;
  receivedAt: number;
}

/** How many samples one estimate takes. */
export const SAMPLES_PER_ESTIMATE = 5;
/** How often the estimate is made again (clocks drift, laptops sleep). */
export const ESTIMATE_INTERVAL_MS = 60_000;

/**
 * The server's clock minus this browser's, in ms, from the sample with the smallest round trip:
 * server now − (sent + received) / 2. Null when no sample is usable.
 */
export function estimateOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    const trip = sample.receivedAt - sample.sentAt;
    if (!Number.isFinite(trip) || trip < 0 || !Number.isFinite(sample.serverNow)) continue;
    if (best === null || trip < best.receivedAt - best.sentAt) best = sample;
  }
  if (best === null) return null;
  return Math.round(best.serverNow - (best.sentAt + best.receivedAt) / 2);
}

export interface ClockSource {
  /** The server's time (`GET /api/time`); rejects when it cannot be asked. */
  serverTime: () => Promise<number>;
  /** This browser's clock (ms): `performance.timeOrigin + performance.now()` or `Date.now()`. */
  now: () => number;
}

/** Asks the server's time `count` times in a row and estimates the offset; null when every question failed. */
export async function measureOffset(
  source: ClockSource,
  count = SAMPLES_PER_ESTIMATE,
): Promise<number | null> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i += 1) {
    const sentAt = source.now();
    try {
      const serverNow = await source.serverTime();
      samples.push({ sentAt, serverNow, receivedAt: source.now() });
    } catch {
      // Offline for a moment: the other samples, or the estimate before, stand.
    }
  }
  return estimateOffset(samples);
}

/**
 * Estimates the offset now and every `intervalMs`, passing each estimate to `onOffset` (a failed
 * one keeps the one before). Returns what stops it.
 */
export function watchOffset(
  source: ClockSource,
  onOffset: (offsetMs: number) => void,
  intervalMs = ESTIMATE_INTERVAL_MS,
): () => void {
  let stopped = false;
  const estimate = async () => {
    const offset = await measureOffset(source);
    if (!stopped && offset !== null) onOffset(offset);
  };
  void estimate();
  const timer = setInterval(() => void estimate(), intervalMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
