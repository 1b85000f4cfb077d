import { CLOSE_REASONS } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { setLocale } from '#lib/paraglide/runtime.js';
import {
  describeDisconnect,
  describeRefusal,
  disconnectKind,
  isChangeRefusal,
  type DisconnectKind,
} from './disconnect-reason.ts';

// The close reasons travel as their kind (the board model's CLOSE_REASONS), never as English text.
const ending = [
  CLOSE_REASONS.accessRemoved,
  CLOSE_REASONS.linkRevoked,
  CLOSE_REASONS.signedOut,
  CLOSE_REASONS.sessionExpired,
  CLOSE_REASONS.signIn,
  CLOSE_REASONS.noAccess,
  CLOSE_REASONS.boardNotFound,
].map((r) => r.reason);

describe('disconnectKind', () => {
  it('recognises every reason the server ends a session with', () => {
    const kinds = ending.map(disconnectKind);
    expect(kinds).not.toContain(null);
    expect(new Set(kinds).size).toBe(ending.length);
  });

  it('leaves passing troubles to the reconnecting provider', () => {
    expect(disconnectKind(CLOSE_REASONS.notSaved.reason)).toBeNull();
    expect(disconnectKind(CLOSE_REASONS.tooFast.reason)).toBeNull();
    expect(disconnectKind('You were signed out')).toBeNull();
    expect(disconnectKind('')).toBeNull();
    expect(disconnectKind(undefined)).toBeNull();
  });
});

describe('isChangeRefusal', () => {
  it('recognises the refusals of a change, which do not end the session', () => {
    for (const refusal of [
      CLOSE_REASONS.commentRefused,
      CLOSE_REASONS.cardRefused,
      CLOSE_REASONS.contentRefused,
      CLOSE_REASONS.documentFull,
    ]) {
      expect(isChangeRefusal(refusal.reason)).toBe(true);
      expect(disconnectKind(refusal.reason)).toBeNull();
    }
    for (const other of [...ending, CLOSE_REASONS.malformedMessage.reason, '', null, undefined]) {
      expect(isChangeRefusal(other)).toBe(false);
    }
  });
});

describe('describeDisconnect and describeRefusal', () => {
  for (const locale of ['en', 'vi'] as const) {
    it(`says each reason in its own words in ${locale}`, () => {
      setLocale(locale, { reload: false });
      const messages = ending.map((r) => describeDisconnect(disconnectKind(r) as DisconnectKind));
      expect(new Set(messages).size).toBe(ending.length);
      const refusals = Object.values(CLOSE_REASONS)
        .filter((r) => disconnectKind(r.reason) === null)
        .map((r) => describeRefusal(r.reason));
      expect(refusals.every((text) => text.length > 10)).toBe(true);
    });
  }

  it('tells a guest their link was revoked', () => {
    setLocale('en', { reload: false });
    expect(describeDisconnect('link-revoked')).toContain('revoked');
  });
});
