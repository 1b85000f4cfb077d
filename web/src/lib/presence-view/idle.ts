/** A person whose pointer has not moved for this long fades. */
export const IDLE_MS = 10_000;

/** The clients idle at `now`, from when each last moved. */
export function idleClients(
  lastMoves: ReadonlyMap<number, number>,
  now: number,
  idleMs = IDLE_MS,
): Set<number> {
  const idle = new Set<number>();
  for (const [clientId, movedAt] of lastMoves) if (now - movedAt >= idleMs) idle.add(clientId);
  return idle;
}

/** How long from `now` until the next client turns idle; null when none will (all idle or none). */
export function untilNextIdle(
  lastMoves: ReadonlyMap<number, number>,
  now: number,
  idleMs = IDLE_MS,
): number | null {
  let soonest: number | null = null;
  for (const movedAt of lastMoves.values()) {
    const left = movedAt + idleMs - now;
    if (left > 0 && (soonest === null || left < soonest)) soonest = left;
  }
  return soonest;
}
