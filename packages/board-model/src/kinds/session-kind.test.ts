import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROLES } from '../roles.ts';
import { readSession, readSessionValue, sessionMap } from '../session.ts';
import { DocumentGuard, type DocumentWriter } from './document-guard.ts';
import { docName, mayWriteDocument, parseDocName } from './index.ts';
import { sessionKind } from './session-kind.ts';

const BOARD = 'q2k7mvxbn4a3hd5e';
const FACILITATOR: DocumentWriter = {
  userId: 'f5h9dqx2m7b4nv3s',
  displayName: 'Hà Phạm',
  role: 'facilitator',
  guest: false,
  departmentId: null,
};

describe('the session doc kind', () => {
  it('is named session:<boardId> and parsed back, and nothing else is one', () => {
    expect(docName({ kind: 'session', boardId: BOARD })).toBe(`session:${BOARD}`);
    expect(parseDocName(`session:${BOARD}`)).toEqual({ kind: 'session', boardId: BOARD });
    for (const name of ['session:', `session:${BOARD}:x`, 'session:not an id', `sessions:${BOARD}`]) {
      expect(parseDocName(name), name).toBeNull();
    }
  });

  it('is written by no role: the server writes it', () => {
    for (const role of ROLES) {
      expect(mayWriteDocument({ role, departmentId: null }, { kind: 'session', boardId: BOARD }, null)).toBe(
        false,
      );
    }
  });

  it('refuses any update a client sends, even from someone who runs the board', () => {
    const doc = new Y.Doc();
    const forged = new Y.Doc();
    sessionMap(forged).set('timer', { status: 'running', endsAt: Date.now() + 60_000 });
    const update = Y.encodeStateAsUpdate(forged);
    expect(DocumentGuard.checkOnce(doc, sessionKind.content, update, FACILITATOR)).not.toBeNull();
    expect(readSessionValue(doc, 'timer')).toBeUndefined();
  });

  it('reads what the server wrote as plain data', () => {
    const doc = new Y.Doc();
    sessionMap(doc).set('private', { on: true });
    expect(readSession(doc)).toEqual({ private: { on: true } });
    expect(readSessionValue(doc, 'private')).toEqual({ on: true });
  });
});
