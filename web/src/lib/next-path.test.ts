import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './next-path.ts';

describe('safeNextPath', () => {
  it('keeps a path on this site', () => {
    expect(safeNextPath('/boards/abc123?x=1')).toBe('/boards/abc123?x=1');
  });

  it('sends anything else home', () => {
    for (const next of [
      null,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'boards',
      '/a\nb',
    ]) {
      expect(safeNextPath(next)).toBe('/');
    }
  });
});

describe('signInPath', () => {
  it('returns to the page asked for', () => {
    expect(signInPath('/boards/abc')).toBe('/signin?next=%2Fboards%2Fabc');
    expect(signInPath('/account', '/signup')).toBe('/signup?next=%2Faccount');
    expect(signInPath('/')).toBe('/signin');
  });
});
