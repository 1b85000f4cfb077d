import { describe, expect, it } from 'vitest';
import { isValidId, newId } from './ids.ts';

describe('newId', () => {
  it('makes 12 base-62 characters that pass isValidId', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(isValidId(id)).toBe(true);
  });

  it('does not repeat itself over many draws', () => {
    const ids = new Set(Array.from({ length: 5000 }, newId));
    expect(ids.size).toBe(5000);
  });
});

describe('isValidId', () => {
  it('accepts 6 to 64 letters, digits, underscores and dashes', () => {
    expect(isValidId('abc_-9')).toBe(true);
    expect(isValidId('x'.repeat(64))).toBe(true);
  });

  it('refuses ids that are too short, too long or hold other characters', () => {
    for (const id of ['', 'abcde', 'x'.repeat(65), 'abc:def', 'abc def', 'abcdé1', 'abc/def']) {
      expect(isValidId(id)).toBe(false);
    }
  });

  it('refuses values that are not strings', () => {
    expect(isValidId(123456 as unknown as string)).toBe(false);
    expect(isValidId(undefined as unknown as string)).toBe(false);
  });
});
