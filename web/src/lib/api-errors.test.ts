import { API_ERROR_CODES, BOARD_MODEL_ERROR_CODES } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import { ApiError } from './api.ts';
import { describeApiError, refusedField } from './api-errors.ts';

/**
 * Reads messages in `locale`. (The runtime's `setLocale` cannot switch outside a browser: its strategies keep
 * the locale in localStorage, so Node would stay on the base locale.)
 */
const readIn = (locale: 'en' | 'vi') => overwriteGetLocale(() => locale);

const SERVER_WORDS = 'English words from the server';
const CODES = [...API_ERROR_CODES, ...BOARD_MODEL_ERROR_CODES];

/** What the reader is told of a refusal with `code`, in `locale`. */
function told(code: string, locale: 'en' | 'vi', limit: number | null = 42): string {
  readIn(locale);
  return describeApiError(new ApiError(400, SERVER_WORDS, { code, limit, retryAfter: 120 }));
}

describe('describeApiError', () => {
  it.each(CODES)(
    'says %s in English and in Vietnamese, in words of its own, without the server’s',
    (code) => {
      const en = told(code, 'en');
      const vi = told(code, 'vi');
      for (const message of [en, vi]) {
        expect(message.trim()).not.toBe('');
        expect(message).not.toContain(SERVER_WORDS);
        expect(message).not.toMatch(/\{\w+\}/);
      }
      expect(vi).not.toBe(en);
      readIn('en');
      expect(en, 'a known code has a message of its own, not the general one').not.toBe(
        m.api_refused_generic(),
      );
    },
  );

  it('says what each kind of refusal without a code means, in the reader’s language', () => {
    readIn('vi');
    const messages = [0, 401, 403, 404, 429, 500].map((status) =>
      describeApiError(new ApiError(status, SERVER_WORDS)),
    );
    for (const message of messages) expect(message).not.toContain(SERVER_WORDS);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('gives a code it does not know a general message that says what to do, never the server’s words', () => {
    for (const locale of ['en', 'vi'] as const) {
      const message = told('A_CODE_FROM_A_NEWER_SERVER', locale);
      readIn(locale);
      expect(message).toBe(m.api_refused_generic());
    }
    expect(told('A_CODE_FROM_A_NEWER_SERVER', 'en')).toMatch(/Reload the page and try again/);
    readIn('en');
    expect(describeApiError(new Error(SERVER_WORDS))).toBe(m.api_refused_generic());
  });

  it('names the limit an input broke, and the wait after too many attempts', () => {
    expect(told('PASSWORD_TOO_SHORT', 'en', 8)).toBe('Choose a password of at least 8 characters.');
    expect(told('TEXT_TOO_LONG', 'vi', 120)).toContain('120');
    expect(told('TOO_MANY_ATTEMPTS', 'en')).toContain('2 minute');
  });

  it('says a refused sign-up in the reader’s language, as guidance', () => {
    expect(told('SIGN_UP_REFUSED', 'en')).toMatch(/sign in instead/);
    expect(told('SIGN_UP_REFUSED', 'vi')).toBe(
      'Không thể dùng email này để tạo tài khoản mới. Nếu bạn đã có tài khoản, hãy đăng nhập.',
    );
  });
});

describe('refusedField', () => {
  it('puts an account refusal beside the field it is about, and the others on the whole form', () => {
    const field = (code: string) => refusedField(new ApiError(400, SERVER_WORDS, { code }));
    expect(field('SIGN_UP_REFUSED')).toBe('email');
    expect(field('PASSWORD_TOO_SHORT')).toBe('password');
    expect(field('NAME_EMPTY')).toBe('name');
    expect(field('WRONG_CURRENT_PASSWORD')).toBe('current');
    expect(field('TOO_MANY_ATTEMPTS')).toBeNull();
    expect(field('A_CODE_FROM_A_NEWER_SERVER')).toBeNull();
  });
});
