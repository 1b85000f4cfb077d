// The server watches each session with open connections, to close them when it expires; it lets a
// session go with its last connection. Sessions last for weeks: watched until their expiry, every
// guest and watcher who ever came by would stay in memory (a timer and their request's headers
// each), as 1,000 visits to a board in bench/leaks.ts showed.
//
// A real Hocuspocus with the access extension, in this process, so that the test can count what
// it watches; sockets are stand-ins that take what the server sends, and the session and board
// lookups answer as for a watcher.
import { Hocuspocus, type Extension, type WebSocketLike } from '@hocuspocus/server';
import { structureDocName, talkDocName, type BoardAccess } from '@journeyboard/board-model';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AuthService } from './auth/auth-service.ts';
import type { MembershipStore } from './auth/membership-store.ts';
import { SESSION_COOKIE } from './http/cookies.ts';
import { AccessExtension } from './sync/access-extension.ts';
import type { BoardStructureReader } from './sync/board-structure.ts';
import { waitUntil } from './testing/harness.ts';
import { authFrame, syncStep1Frame } from './testing/raw-sync-socket.ts';

const BOARD = 'boardAbc123';
const HOUR_MS = 60 * 60 * 1000;

/** Sessions `<id>.secret`, valid for an hour, each a watcher of the board. */
function accessExtension(): AccessExtension {
  const auth = {
    async validateSessionToken(token: string | undefined) {
      const id = token?.split('.')[0];
      if (!id) return null;
      return {
        session: { id, userId: null, boardId: BOARD, linkId: 'link1', expiresAt: Date.now() + HOUR_MS },
        user: null,
        renewed: false,
      };
    },
  } as unknown as AuthService;
  const watcher: BoardAccess = {
    boardId: BOARD,
    role: 'viewer',
    departmentId: null,
    userId: null,
    displayName: '',
    guest: false,
  };
  const memberships = { resolveAccess: async () => watcher } as unknown as MembershipStore;
  const structure = {
    laneDepartment: async () => null,
    waitForLane: async () => false,
  } as unknown as BoardStructureReader;
  return new AccessExtension({ auth, memberships, structure, log: pino({ level: 'silent' }) });
}

/** Lets a test hold documents while they load, as a slow store does. */
class HeldLoading implements Extension {
  extensionName = 'held-loading';
  private release: (() => void) | null = null;
  private held: Promise<void> | null = null;
  loading = 0;

  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  letGo(): void {
    this.release?.();
    this.held = null;
  }

  async onLoadDocument(): Promise<void> {
    this.loading++;
    await this.held;
  }
}

/** A socket of `session` on the server: what it is sent is dropped; `close` is the client leaving. */
function openSocket(hocuspocus: Hocuspocus, session: string) {
  let open = true;
  const socket: WebSocketLike = {
    get readyState() {
      return open ? 1 : 3;
    },
    send() {},
    close() {
      open = false;
    },
  };
  const request = new Request('http://127.0.0.1/sync', {
    headers: { cookie: `${SESSION_COOKIE}=${session}.secret` },
  });
  const connection = hocuspocus.handleConnection(socket, request);
  return {
    open(documentName: string) {
      connection.handleMessage(authFrame(documentName));
      connection.handleMessage(syncStep1Frame(documentName));
    },
    close() {
      open = false;
      connection.handleClose({ code: 1000, reason: '' });
    },
  };
}

function serverWith(access: AccessExtension, loading = new HeldLoading()) {
  return new Hocuspocus({ name: 'session-watch', quiet: true, extensions: [access, loading] });
}

const connections = (hocuspocus: Hocuspocus, documentName: string) =>
  hocuspocus.documents.get(documentName)?.getConnectionsCount() ?? 0;

describe('the sessions the server watches for their expiry', () => {
  it('are those with open connections: a session is let go with its last connection', async () => {
    const access = accessExtension();
    const hocuspocus = serverWith(access);
    const structure = structureDocName(BOARD);
    const talk = talkDocName(BOARD);

    // One person, two tabs: two sockets of one session, two documents each.
    const first = openSocket(hocuspocus, 'session1');
    const second = openSocket(hocuspocus, 'session1');
    for (const socket of [first, second]) {
      socket.open(structure);
      socket.open(talk);
    }
    await waitUntil(
      () => connections(hocuspocus, structure) === 2 && connections(hocuspocus, talk) === 2,
      'both tabs have both documents open',
    );
    expect(access.watchedSessions).toBe(1);

    // A hundred visitors who come and go, each a session of their own.
    for (let visitor = 0; visitor < 100; visitor++) {
      const socket = openSocket(hocuspocus, `visitor${visitor}`);
      socket.open(structure);
      socket.open(talk);
      await waitUntil(() => connections(hocuspocus, talk) === 3, `visitor ${visitor} is in`);
      socket.close();
      await waitUntil(() => connections(hocuspocus, talk) === 2, `visitor ${visitor} has left`);
    }
    await waitUntil(() => access.watchedSessions === 1, 'only the session still open is watched');

    first.close();
    await waitUntil(() => connections(hocuspocus, talk) === 1, 'the first tab has closed');
    expect(access.watchedSessions).toBe(1);
    second.close();
    await waitUntil(() => access.watchedSessions === 0, 'no session is watched once everyone left');
  });

  it('do not include a session whose socket closed while its document was loading', async () => {
    const access = accessExtension();
    const loading = new HeldLoading();
    const hocuspocus = serverWith(access, loading);
    const structure = structureDocName(BOARD);

    loading.hold();
    const leaving = openSocket(hocuspocus, 'leaving');
    leaving.open(structure);
    await waitUntil(() => loading.loading === 1, 'the document is loading');
    // Authenticated, and gone before the document could be opened.
    leaving.close();
    loading.letGo();
    await waitUntil(() => hocuspocus.documents.size === 0, 'the document is unloaded, nobody having it open');
    expect(access.watchedSessions).toBe(0);

    // Someone who stays is still watched.
    const staying = openSocket(hocuspocus, 'staying');
    staying.open(structure);
    await waitUntil(() => connections(hocuspocus, structure) === 1, 'the document is open');
    expect(access.watchedSessions).toBe(1);
    staying.close();
    await waitUntil(() => access.watchedSessions === 0, 'the session is let go');
  });
});
