import type * as Y from 'yjs';
import type { SessionKey } from './kinds/session-kind.ts';

// The session doc `session:<boardId>` holds what a facilitator runs live: one entry per feature
// (`SESSION_KEYS`), each a plain JSON value the server replaces whole. Each feature's record, its
// reader and builder live in `session-<feature>.ts`; pages read an entry only through its reader.

/** A session doc's `session` map: key → that feature's plain value. */
export function sessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('session');
}

/** The stored value of one entry (not yet checked: pass it to the feature's reader). */
export function readSessionValue(doc: Y.Doc, key: SessionKey): unknown {
  return sessionMap(doc).get(key);
}

/** Every entry of a session doc, as plain data (what a page mirrors). */
export function readSession(doc: Y.Doc): Partial<Record<SessionKey, unknown>> {
  return sessionMap(doc).toJSON() as Partial<Record<SessionKey, unknown>>;
}
