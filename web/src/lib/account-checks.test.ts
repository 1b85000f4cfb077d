import { describe, expect, it } from 'vitest';
import { setLocale } from '#lib/paraglide/runtime.js';
import {
  checkEmail,
  checkName,
  checkPassword,
  checkSignUp,
  firstFailing,
  signInProblems,
  signUpProblems,
} from './account-checks.ts';

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

describe('form problems', () => {
  it('names every failing field of a sign-up, and the first one to focus', () => {
    const problems = signUpProblems({ name: 'Lan', email: 'lan@', password: 'short' });
    expect(Object.keys(problems)).toEqual(['email', 'password']);
    expect(problems.email).toBe(checkEmail('lan@'));
    expect(firstFailing(problems, ['name', 'email', 'password'])).toBe('email');
    expect(signUpProblems({ name: 'Lan', email: 'lan@example.com', password: 'long enough' })).toEqual({});
    expect(firstFailing({}, ['name'])).toBeNull();
  });

  it('asks a sign-in for an email and a password, and nothing more', () => {
    expect(Object.keys(signInProblems({ email: ' ', password: '' }))).toEqual(['email', 'password']);
    expect(signInProblems({ email: 'lan@example.com', password: 'x' })).toEqual({});
  });
});
