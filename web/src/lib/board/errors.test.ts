import { BOARD_MODEL_ERROR_CODES, BoardModelError } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { setLocale } from '#lib/paraglide/runtime.js';
import { describeError } from './errors.ts';

const codes = BOARD_MODEL_ERROR_CODES;

describe('describeError', () => {
  for (const locale of ['en', 'vi'] as const) {
    it(`gives every board error its own message in ${locale}`, () => {
      setLocale(locale, { reload: false });
      const messages = codes.map((code) =>
        describeError(new BoardModelError(code, 'English detail', { limit: 60 })),
      );
      const generic = describeError(new Error('English detail'));
      for (const message of messages) {
        expect(message).not.toBe(generic);
        expect(message).not.toContain('English detail');
      }
      expect(new Set(messages).size).toBe(codes.length);
    });
  }

  it('tells how to free a department that still owns lanes', () => {
    setLocale('en', { reload: false });
    expect(describeError(new BoardModelError('DEPARTMENT_IN_USE', 'x'))).toBe(
      'This department still owns lanes: give them another department or make them shared first.',
    );
  });

  it('names the limit a text broke', () => {
    setLocale('en', { reload: false });
    expect(describeError(new BoardModelError('TEXT_TOO_LONG', 'x', { limit: 60 }))).toBe(
      'That is too long: at most 60 characters.',
    );
  });

  it('passes an unexpected error through with its message', () => {
    setLocale('en', { reload: false });
    expect(describeError(new Error('socket closed'))).toBe('Something went wrong: socket closed');
  });
});
