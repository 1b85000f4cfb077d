import { describe, expect, it } from 'vitest';
import { BoardModelError } from './errors.ts';
import { checkIndex, cleanText } from './validation.ts';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof BoardModelError) return error.code;
    throw error;
  }
  return undefined;
}

describe('cleanText', () => {
  it('trims surrounding white space and keeps inner line breaks', () => {
    expect(cleanText('  two\nlines \t', 'cardText')).toBe('two\nlines');
  });

  it('stores Vietnamese typed with combining marks in precomposed form (NFC)', () => {
    const decomposed = 'Nhận biết'.normalize('NFD');
    expect(decomposed).not.toBe('Nhận biết');
    expect(cleanText(decomposed, 'stageName')).toBe('Nhận biết'.normalize('NFC'));
  });

  it('counts characters, not UTF-16 units or combining marks', () => {
    expect(cleanText('😀'.repeat(60), 'stageName')).toBe('😀'.repeat(60));
    expect(cleanText('ệ'.normalize('NFD').repeat(60), 'stageName')).toHaveLength(60);
    expect(codeOf(() => cleanText('😀'.repeat(61), 'stageName'))).toBe('TEXT_TOO_LONG');
  });

  it('refuses empty, blank and missing text', () => {
    expect(codeOf(() => cleanText('', 'title'))).toBe('EMPTY_TEXT');
    expect(codeOf(() => cleanText(' \n\t ', 'title'))).toBe('EMPTY_TEXT');
    expect(codeOf(() => cleanText(undefined, 'title'))).toBe('EMPTY_TEXT');
  });
});

describe('checkIndex', () => {
  it('accepts whole numbers from 0 to max', () => {
    expect(checkIndex(0, 3)).toBe(0);
    expect(checkIndex(3, 3)).toBe(3);
  });

  it('refuses negative, fractional, too large and non-numeric positions', () => {
    for (const index of [-1, 0.5, 4, Number.NaN, Number.POSITIVE_INFINITY, '1']) {
      expect(
        codeOf(() => checkIndex(index, 3)),
        String(index),
      ).toBe('INVALID_INDEX');
    }
  });
});
