import { describe, expect, it } from 'vitest';
import { blueprintLineBetween, blueprintLines } from './blueprint-lines.ts';

describe('the lines of a service blueprint', () => {
  it('separate customer actions, frontstage, backstage and support, in that order', () => {
    expect(blueprintLines(['actions', 'frontstage', 'backstage', 'support'])).toEqual([
      'interaction',
      'visibility',
      'internal',
      null,
    ]);
  });

  it('are the same whichever of the two layers is above', () => {
    expect(blueprintLineBetween('frontstage', 'actions')).toBe('interaction');
    expect(blueprintLineBetween('backstage', 'frontstage')).toBe('visibility');
    expect(blueprintLineBetween('support', 'backstage')).toBe('internal');
  });

  it('are drawn only between adjacent layers', () => {
    // Touchpoints between customer actions and frontstage: no one place for the line of interaction.
    expect(blueprintLines(['actions', 'touchpoints', 'frontstage', 'backstage'])).toEqual([
      null,
      null,
      'visibility',
      null,
    ]);
    expect(blueprintLineBetween('actions', 'backstage')).toBeNull();
    expect(blueprintLineBetween('frontstage', 'support')).toBeNull();
  });

  it('are not drawn on a journey map without a blueprint', () => {
    expect(blueprintLines(['touchpoints', 'actions', 'painPoints', 'opportunities'])).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(blueprintLines([])).toEqual([]);
    expect(blueprintLineBetween('backstage', 'backstage')).toBeNull();
  });
});
