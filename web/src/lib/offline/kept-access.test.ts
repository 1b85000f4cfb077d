import { ApiError, type BoardDetails, type Me } from '#lib/api.ts';
import { describe, expect, it } from 'vitest';
import {
  forgetKeptAccess,
  keepBoard,
  keepSignedIn,
  keptBoard,
  keptSignedIn,
  type KeptStorage,
  serverUnreachable,
} from './kept-access.ts';

/** An in-memory stand-in for localStorage. */
function memoryStorage(): KeptStorage & { keys(): string[] } {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    keys: () => [...items.keys()],
  };
}

function details(boardId: string, userId: string | null): BoardDetails {
  return {
    id: boardId,
    title: `Board ${boardId}`,
    createdAt: 1,
    updatedAt: 2,
    user: null,
    access: { boardId, role: 'participant', departmentId: null, userId, displayName: 'Lan', guest: false },
  };
}

const lan: Me = {
  user: { id: 'lan', kind: 'account', email: 'lan@example.com', displayName: 'Lan' },
  boardId: null,
};

describe('kept access', () => {
  it('gives back the board as its person last saw it, and to nobody else', () => {
    const storage = memoryStorage();
    keepBoard(details('b1', 'lan'), storage);
    expect(keptBoard('lan', 'b1', storage)?.access.role).toBe('participant');
    expect(keptBoard('minh', 'b1', storage)).toBeNull();
    expect(keptBoard('lan', 'b2', storage)).toBeNull();
  });

  it('keeps nothing for a watcher', () => {
    const storage = memoryStorage();
    keepBoard(details('b1', null), storage);
    expect(storage.keys()).toEqual([]);
  });

  it('reads a damaged entry as nothing kept', () => {
    const storage = memoryStorage();
    keepBoard(details('b1', 'lan'), storage);
    const [key] = storage.keys();
    storage.setItem(key!, '{not json');
    expect(keptBoard('lan', 'b1', storage)).toBeNull();
    storage.setItem(key!, JSON.stringify({ ...details('b1', 'minh') }));
    expect(keptBoard('lan', 'b1', storage)).toBeNull();
  });

  it('remembers who was signed in, and forgets when nobody is', () => {
    const storage = memoryStorage();
    keepSignedIn(lan, storage);
    expect(keptSignedIn(storage).user?.id).toBe('lan');
    keepSignedIn({ user: null, boardId: null }, storage);
    expect(keptSignedIn(storage).user).toBeNull();
  });

  it('forgets all of a person’s boards when they sign out, and nobody else’s', () => {
    const storage = memoryStorage();
    keepSignedIn(lan, storage);
    keepBoard(details('b1', 'lan'), storage);
    keepBoard(details('b2', 'lan'), storage);
    keepBoard(details('b1', 'minh'), storage);
    // An id that starts like Lan's is another person.
    keepBoard(details('b1', 'lanh'), storage);
    forgetKeptAccess('lan', undefined, storage);
    expect(keptSignedIn(storage).user).toBeNull();
    expect(keptBoard('lan', 'b1', storage)).toBeNull();
    expect(keptBoard('lan', 'b2', storage)).toBeNull();
    expect(keptBoard('minh', 'b1', storage)).not.toBeNull();
    expect(keptBoard('lanh', 'b1', storage)).not.toBeNull();
  });

  it('forgets one board when its access is lost', () => {
    const storage = memoryStorage();
    keepSignedIn(lan, storage);
    keepBoard(details('b1', 'lan'), storage);
    keepBoard(details('b2', 'lan'), storage);
    forgetKeptAccess('lan', 'b1', storage);
    expect(keptBoard('lan', 'b1', storage)).toBeNull();
    expect(keptBoard('lan', 'b2', storage)).not.toBeNull();
    expect(keptSignedIn(storage).user?.id).toBe('lan');
  });
});

describe('serverUnreachable', () => {
  it('is no answer or a gateway’s, never a refusal of the server’s own', () => {
    for (const status of [0, 502, 503, 504]) expect(serverUnreachable(new ApiError(status, 'x'))).toBe(true);
    for (const status of [400, 401, 403, 404, 429, 500])
      expect(serverUnreachable(new ApiError(status, 'x'))).toBe(false);
    expect(serverUnreachable(new Error('x'))).toBe(false);
  });
});
