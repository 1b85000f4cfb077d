import type { Department } from '@journeyboard/board-model';

/** Colours of people on the board (white text on each reads at 4.5:1 or more). */
export const PERSON_COLOURS = [
  '#2f5d62',
  '#7a4f9a',
  '#a2572b',
  '#2e6b9e',
  '#8a6d1d',
  '#3f7a4a',
  '#9a3d5d',
] as const;

/**
 * A person's colour, the same on every page: their department's (by its place among the
 * board's departments), else one picked from their id.
 */
export function personColour(
  userId: string | null,
  departmentId: string | null,
  departments: readonly Department[],
): string {
  const index = departmentId === null ? -1 : departments.findIndex((d) => d.id === departmentId);
  if (index >= 0) return PERSON_COLOURS[index % PERSON_COLOURS.length]!;
  let hash = 0;
  for (const char of userId ?? '') hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PERSON_COLOURS[hash % PERSON_COLOURS.length]!;
}
