import { describe, expect, it } from 'vitest';
import { setLocale } from '#lib/paraglide/runtime.js';
import { checkEmail, checkName, checkPassword, checkSignUp } from './account-checks.ts';

describe('account checks', () => {
  it('accepts a complete sign-up', () => {
    expect(checkSignUp({ name: 'Lan', email: 'lan@example.com', password: 'long enough' })).toBeNull();
  });

  it('says what is wrong, first problem first', () => {
    setLocale('en', { reload: false });
    expect(checkSignUp({ name: ' ', email: 'x', password: '' })).toBe(checkName(' '));
    expect(checkEmail('lan@example')).toMatch(/email/i);
    expect(checkPassword('short')).toContain('8');
    expect(checkName('x'.repeat(81))).toContain('80');
  });

  it('counts characters, not code units, like the server', () => {
    expect(checkPassword('😀'.repeat(8))).toBeNull();
  });
});
