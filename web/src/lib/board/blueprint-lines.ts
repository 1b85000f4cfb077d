import type { LaneKind } from '@journeyboard/board-model';

/**
 * The lines a service blueprint draws between its layers: the line of interaction between what
 * the customer does and what the staff they meet do (frontstage), the line of visibility between
 * what the customer sees and what goes on behind (backstage), and the line of internal
 * interaction between the backstage and the processes and systems that support it.
 */
export type BlueprintLine = 'interaction' | 'visibility' | 'internal';

/** Which line separates two layers, whichever of the two is above. */
const LINES: readonly { between: readonly [LaneKind, LaneKind]; line: BlueprintLine }[] = [
  { between: ['actions', 'frontstage'], line: 'interaction' },
  { between: ['frontstage', 'backstage'], line: 'visibility' },
  { between: ['backstage', 'support'], line: 'internal' },
];

/** The line drawn between two adjacent lanes of these kinds, or null when they are not two layers of a blueprint. */
export function blueprintLineBetween(above: LaneKind, below: LaneKind): BlueprintLine | null {
  const found = LINES.find(
    ({ between: [a, b] }) => (a === above && b === below) || (a === below && b === above),
  );
  return found?.line ?? null;
}

/**
 * The lines to draw on a board whose lanes, from the top, are of `kinds`: entry `i` is the line
 * drawn under lane `i`, or null. Only adjacent lanes are separated: a blueprint's layers drawn
 * apart, with another lane between them, have no line, as there is no one place to draw it.
 */
export function blueprintLines(kinds: readonly LaneKind[]): (BlueprintLine | null)[] {
  return kinds.map((kind, i) => {
    const below = kinds[i + 1];
    return below === undefined ? null : blueprintLineBetween(kind, below);
  });
}
