/**
 * Where stages and lanes go when their headers are dragged, moved or removed: positions in the
 * sorted list of stages (or lanes), as the board model's `moveStage` and `moveLane` take them.
 */

/** Which half of a header something is dropped on: before it (left, above) or after it. */
export type DropSide = 'before' | 'after';

/**
 * The index a stage or lane dragged from `from` ends at when dropped on the `side` of the one at
 * `over`. Dropping it next to itself gives back `from`: nothing moves.
 */
export function dropIndex(from: number, over: number, side: DropSide): number {
  // The gap it is dropped into, counted in the list as it is now, before it leaves its place.
  const gap = side === 'before' ? over : over + 1;
  return gap > from ? gap - 1 : gap;
}

/**
 * Which move button keeps focus after a header moved `direction` (-1 back, 1 forward): the same
 * one while it can still move that way, else the other one, else none (a lone stage or lane).
 */
export function moveButtonAfterMove(
  direction: -1 | 1,
  can: { back: boolean; forward: boolean },
): -1 | 1 | null {
  const same = direction === -1 ? can.back : can.forward;
  const other = direction === -1 ? can.forward : can.back;
  if (same) return direction;
  if (other) return direction === -1 ? 1 : -1;
  return null;
}

/**
 * Where focus may go once `removedId` leaves `ids` (the list before the removal), best first: the
 * next one, the previous one, then further out on both sides, next side first. Focus goes to the
 * first of them that the person can focus (a lead cannot rename every lane).
 */
export function focusOrderAfterRemoval(ids: readonly string[], removedId: string): string[] {
  const at = ids.indexOf(removedId);
  if (at === -1) return [];
  const order: string[] = [];
  for (let distance = 1; distance < ids.length; distance++) {
    const next = ids[at + distance];
    const previous = at - distance >= 0 ? ids[at - distance] : undefined;
    if (next !== undefined) order.push(next);
    if (previous !== undefined) order.push(previous);
  }
  return order;
}
