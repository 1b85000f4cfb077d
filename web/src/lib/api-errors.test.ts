import { describe, expect, it } from 'vitest';
import { setLocale } from '#lib/paraglide/runtime.js';
import { ApiError } from './api.ts';
import { describeApiError } from './api-errors.ts';

describe('describeApiError', () => {
  it('says what each kind of refusal means, in the reader’s language', () => {
    setLocale('vi', { reload: false });
    const messages = [0, 401, 403, 404, 429, 500].map((status) =>
      describeApiError(new ApiError(status, 'English detail')),
    );
    for (const message of messages) expect(message).not.toContain('English detail');
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('names the wait after too many attempts', () => {
    setLocale('en', { reload: false });
    expect(describeApiError(new ApiError(429, 'x', { retryAfter: 600 }))).toContain('10');
  });

  it('translates a board error by its code', () => {
    setLocale('en', { reload: false });
    expect(describeApiError(new ApiError(400, 'Text is empty', { code: 'EMPTY_TEXT' }))).toBe(
      'Text cannot be empty.',
    );
  });

  it('passes the server’s message on for an input it refused without a code', () => {
    setLocale('en', { reload: false });
    expect(describeApiError(new ApiError(400, 'Choose a password of at least 8 characters'))).toContain(
      'Choose a password of at least 8 characters',
    );
  });
});
