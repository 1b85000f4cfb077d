import { describe, expect, it } from 'vitest';
import { setLocale } from '#lib/paraglide/runtime.js';
import {
  describeDisconnect,
  disconnectKind,
  isCommentRefusal,
  type DisconnectKind,
} from './disconnect-reason.ts';

const reasons = [
  'Your access to this board was removed',
  'The link you joined with was revoked',
  'You were signed out',
  'Sign in or open a share link to join this board',
  'You have no access to this board',
  'Board not found',
];

describe('disconnectKind', () => {
  it('recognises every reason the server ends a session with', () => {
    const kinds = reasons.map(disconnectKind);
    expect(kinds).not.toContain(null);
    expect(new Set(kinds).size).toBe(reasons.length);
  });

  it('leaves passing troubles to the reconnecting provider', () => {
    expect(disconnectKind('Storage unavailable: the change was not saved')).toBeNull();
    expect(disconnectKind('')).toBeNull();
    expect(disconnectKind(undefined)).toBeNull();
  });
});

describe('isCommentRefusal', () => {
  const refusal =
    'Comments are written under your own name, and removed only by their author or the facilitators';

  it('recognises the refusal of a change to the comments, which does not end the session', () => {
    expect(isCommentRefusal(refusal)).toBe(true);
    expect(disconnectKind(refusal)).toBeNull();
    for (const other of [...reasons, 'Malformed message', '', null, undefined]) {
      expect(isCommentRefusal(other)).toBe(false);
    }
  });
});

describe('describeDisconnect', () => {
  for (const locale of ['en', 'vi'] as const) {
    it(`says each reason in its own words in ${locale}`, () => {
      setLocale(locale, { reload: false });
      const messages = reasons.map((r) => describeDisconnect(disconnectKind(r) as DisconnectKind));
      expect(new Set(messages).size).toBe(reasons.length);
    });
  }

  it('tells a guest their link was revoked', () => {
    setLocale('en', { reload: false });
    expect(describeDisconnect('link-revoked')).toContain('revoked');
  });
});
