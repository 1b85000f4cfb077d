import type { LaneKind } from '@journeyboard/board-model';

// A service blueprint's lanes are split by three lines (DOMAIN.md, "Beyond the map"): the line of
// interaction between what the customer does and the frontstage, the line of visibility between
// what the customer sees and the backstage, and the line of internal interaction between the
// backstage and the support processes behind it. The board draws one where two such lanes meet.

/** One of the three lines of a service blueprint. */
export type BlueprintLine = 'interaction' | 'visibility' | 'internal';

const LINES: readonly { above: LaneKind; below: LaneKind; line: BlueprintLine }[] = [
  { above: 'actions', below: 'frontstage', line: 'interaction' },
  { above: 'frontstage', below: 'backstage', line: 'visibility' },
  { above: 'backstage', below: 'support', line: 'internal' },
];

/** The line drawn above the lane at `index` of `kinds` (the board's lanes, in order), if any. */
export function blueprintLineAbove(kinds: readonly LaneKind[], index: number): BlueprintLine | null {
  if (index < 1 || index >= kinds.length) return null;
  const above = kinds[index - 1];
  const below = kinds[index];
  return LINES.find((pair) => pair.above === above && pair.below === below)?.line ?? null;
}
