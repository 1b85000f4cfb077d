/**
 * Where this browser keeps its local copy of a board document: one IndexedDB database per signed-in
 * person and document. The person's id is part of the name so that two people signing in on one
 * computer never open each other's copy, and the board's id too, so that losing access to one
 * board clears that board's copies only. Each part is URI-encoded: an id may hold any character,
 * a `/` included, without one name reading as another.
 */
const PREFIX = 'journeyboard-copy';

/** The database name of `userId`'s local copy of the document `docName` of board `boardId`. */
export function localCopyName(userId: string, boardId: string, docName: string): string {
  return [PREFIX, userId, boardId, docName].map(encodeURIComponent).join('/');
}

/** Whose copy, of which board and document, a database name is; null for any other database. */
export function readLocalCopyName(name: string): { userId: string; boardId: string; docName: string } | null {
  const parts = name.split('/');
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  try {
    const [userId, boardId, docName] = parts.slice(1).map(decodeURIComponent) as [string, string, string];
    return userId && boardId && docName ? { userId, boardId, docName } : null;
  } catch {
    // Not encoded by this page (a stray "%"): not one of its copies.
    return null;
  }
}

/** Whether a database is `userId`'s copy (of board `boardId`, when given). */
export function isLocalCopyOf(name: string, userId: string, boardId?: string): boolean {
  const copy = readLocalCopyName(name);
  return copy !== null && copy.userId === userId && (boardId === undefined || copy.boardId === boardId);
}
