import { ApiError, type BoardDetails, type Me } from '#lib/api.ts';

/**
 * What the page last learnt from the API, kept in this browser so that a board opens while the
 * server cannot be reached: who was signed in here, and each board's details as they last saw them.
 * A board's details are kept under the person's id, so nobody is shown another person's access,
 * and all of a person's are dropped when they sign out (`forgetKeptAccess`).
 */
const SIGNED_IN_KEY = 'journeyboard-signed-in';
const BOARD_PREFIX = 'journeyboard-board';

/** The storage used: the browser's localStorage, or none where there is none (tests, disabled). */
export type KeptStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function boardKey(userId: string, boardId: string): string {
  return [BOARD_PREFIX, userId, boardId].map(encodeURIComponent).join('/');
}

function browserStorage(): KeptStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage disabled for this site.
    return null;
  }
}

function write(storage: KeptStorage | null, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled: the board then needs the server to open, as before.
  }
}

function read(storage: KeptStorage | null, key: string): unknown {
  try {
    const text = storage?.getItem(key);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/**
 * Whether a failed API request means the server could not be reached (no answer, or a proxy's
 * "bad gateway" / "unavailable" / "timed out"), not that it refused: then what was kept is used.
 */
export function serverUnreachable(error: unknown): boolean {
  return error instanceof ApiError && [0, 502, 503, 504].includes(error.status);
}

/** Remembers who the API says is signed in; forgets that anyone was when nobody is. */
export function keepSignedIn(me: Me, storage: KeptStorage | null = browserStorage()): void {
  if (me.user) write(storage, SIGNED_IN_KEY, me);
  else storage?.removeItem(SIGNED_IN_KEY);
}

/** Who was signed in here when the API last answered, or nobody. */
export function keptSignedIn(storage: KeptStorage | null = browserStorage()): Me {
  const kept = read(storage, SIGNED_IN_KEY);
  return isMe(kept) ? kept : { user: null, boardId: null };
}

/** Remembers a board's details as its person (`details.access.userId`) saw them; not for watchers. */
export function keepBoard(details: BoardDetails, storage: KeptStorage | null = browserStorage()): void {
  const userId = details.access.userId;
  if (userId !== null) write(storage, boardKey(userId, details.id), details);
}

/** The details `userId` last saw of a board, or null. */
export function keptBoard(
  userId: string,
  boardId: string,
  storage: KeptStorage | null = browserStorage(),
): BoardDetails | null {
  const kept = read(storage, boardKey(userId, boardId));
  return isBoardDetails(kept) && kept.id === boardId && kept.access.userId === userId ? kept : null;
}

/** Forgets what was kept of `userId`: of one board when `boardId` is given, else everything. */
export function forgetKeptAccess(
  userId: string,
  boardId?: string,
  storage: KeptStorage | null = browserStorage(),
): void {
  if (!storage) return;
  try {
    if (boardId !== undefined) {
      storage.removeItem(boardKey(userId, boardId));
      return;
    }
    const prefix = `${[BOARD_PREFIX, userId].map(encodeURIComponent).join('/')}/`;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
    if (keptSignedIn(storage).user?.id === userId) storage.removeItem(SIGNED_IN_KEY);
  } catch {
    // Disabled meanwhile: nothing can be read back either.
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isMe(value: unknown): value is Me {
  return (
    isRecord(value) &&
    isRecord(value.user) &&
    typeof value.user.id === 'string' &&
    typeof value.user.displayName === 'string' &&
    (value.boardId === null || typeof value.boardId === 'string')
  );
}

function isBoardDetails(value: unknown): value is BoardDetails {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.title === 'string' &&
    isRecord(value.access) &&
    typeof value.access.role === 'string' &&
    (value.access.userId === null || typeof value.access.userId === 'string')
  );
}
