import { describe, expect, it } from 'vitest';
import { blueprintLineAbove } from './blueprint-lines.ts';

describe('blueprintLineAbove', () => {
  it('draws the three lines of a service blueprint where its lanes meet, in order', () => {
    const kinds = ['actions', 'frontstage', 'backstage', 'support'] as const;
    expect(kinds.map((_, i) => blueprintLineAbove(kinds, i))).toEqual([
      null,
      'interaction',
      'visibility',
      'internal',
    ]);
  });

  it('draws none between lanes that are not next to each other in a blueprint', () => {
    const kinds = ['frontstage', 'actions', 'touchpoints', 'backstage', 'painPoints', 'support'] as const;
    expect(kinds.map((_, i) => blueprintLineAbove(kinds, i))).toEqual([null, null, null, null, null, null]);
    expect(blueprintLineAbove(['actions', 'frontstage'], 5)).toBeNull();
  });
});
