import { describe, expect, it } from 'vitest';
import { forgetScope } from './forget-scope.ts';
import { isLocalCopyOf, localCopyName, readLocalCopyName } from './local-copy-names.ts';

describe('localCopyName', () => {
  it('names a copy by its person, board and document, and reads them back', () => {
    const name = localCopyName('u1', 'b1', 'lane:b1:l1');
    expect(readLocalCopyName(name)).toEqual({ userId: 'u1', boardId: 'b1', docName: 'lane:b1:l1' });
  });

  it('gives two people on one computer two copies of the same document', () => {
    expect(localCopyName('lan', 'b1', 'board:b1')).not.toBe(localCopyName('minh', 'b1', 'board:b1'));
  });

  it('keeps ids with separators apart: no name reads as another person’s', () => {
    const tricky = localCopyName('a/b', 'c', 'board:c');
    expect(readLocalCopyName(tricky)).toEqual({ userId: 'a/b', boardId: 'c', docName: 'board:c' });
    expect(isLocalCopyOf(tricky, 'a')).toBe(false);
    expect(localCopyName('a/b', 'c', 'd')).not.toBe(localCopyName('a', 'b/c', 'd'));
  });

  it('reads no other database as a copy', () => {
    for (const name of [
      '',
      'journeyboard-copy',
      'journeyboard-copy/u/b',
      'other/u/b/d',
      'journeyboard-copy/%E0/b/d',
    ]) {
      expect(readLocalCopyName(name)).toBeNull();
    }
  });
});

describe('isLocalCopyOf', () => {
  const name = localCopyName('u1', 'b1', 'talk:b1');
  it('matches a person’s copies, of every board or of one', () => {
    expect(isLocalCopyOf(name, 'u1')).toBe(true);
    expect(isLocalCopyOf(name, 'u1', 'b1')).toBe(true);
    expect(isLocalCopyOf(name, 'u1', 'b2')).toBe(false);
    expect(isLocalCopyOf(name, 'u2')).toBe(false);
  });
});

describe('forgetScope', () => {
  it('forgets everything of a person whose session ended, one board when its access went', () => {
    expect(forgetScope('signed-out')).toBe('person');
    expect(forgetScope('session-expired')).toBe('person');
    expect(forgetScope('sign-in')).toBe('person');
    expect(forgetScope('access-removed')).toBe('board');
    expect(forgetScope('link-revoked')).toBe('board');
    expect(forgetScope('no-access')).toBe('board');
    expect(forgetScope('board-not-found')).toBe('board');
  });
});
