import { describe, expect, it } from 'vitest';
import { callApi } from './testing/api-client.ts';
import { boardWithEveryRole, type BoardWithEveryRole } from './testing/board-with-every-role.ts';
import { createBoard, signUp, type Identity } from './testing/harness.ts';
import { RawSyncSocket, upgradeAnswer } from './testing/raw-sync-socket.ts';
import { editStore, sessionIdOf } from './testing/stored-rows.ts';

const NO_SESSION = {
  status: 401,
  body: 'Refused: sign in or open a share link first (no valid session)',
};
const FOREIGN_ORIGIN = {
  status: 403,
  body: 'Refused: this page is not served by Journeyboard (Origin does not match PUBLIC_URL)',
};
const NO_ACCESS = 'no-access';
const SIGN_IN_FIRST = 'sign-in';

/** Every document of the board, as a client names it. */
function documentsOf(world: BoardWithEveryRole): string[] {
  return Object.values(world.docNames);
}

/** Opens every document of `world`'s board on one socket as `as`; resolves with the answers. */
async function openEveryDocument(world: BoardWithEveryRole, as: Identity) {
  const raw = await RawSyncSocket.connect(world.server, as);
  const answers = [];
  for (const name of documentsOf(world)) answers.push(await raw.authenticate(name));
  return { raw, answers };
}

const deniedEverywhere = (world: BoardWithEveryRole, reason: string) =>
  documentsOf(world).map((documentName) => ({ documentName, type: 'permissionDenied', reason }));

describe('the sync door', () => {
  it('refuses an upgrade without a session cookie with 401', async () => {
    const { server } = await boardWithEveryRole();
    expect(await upgradeAnswer(server, {})).toEqual(NO_SESSION);
    expect(await upgradeAnswer(server, { cookie: 'other=1' })).toEqual(NO_SESSION);
    expect((await upgradeAnswer(server, { cookie: server.owner.cookie })).status).toBe(101);
  });

  it('refuses an expired session at the upgrade, and on a socket opened before it expired', async () => {
    const world = await boardWithEveryRole();
    const { server, people } = world;
    const early = await RawSyncSocket.connect(server, people.salesParticipant);
    expect(await early.authenticate(world.docNames.structure)).toMatchObject({ type: 'authenticated' });

    await editStore(server, (db) =>
      db
        .updateTable('sessions')
        .set({ expires_at: Date.now() - 1_000 })
        .where('id', '=', sessionIdOf(people.salesParticipant.cookie))
        .execute(),
    );

    expect(await upgradeAnswer(server, { cookie: people.salesParticipant.cookie })).toEqual(NO_SESSION);
    expect(await early.authenticate(world.docNames.salesLane)).toEqual({
      documentName: world.docNames.salesLane,
      type: 'permissionDenied',
      reason: SIGN_IN_FIRST,
    });
    expect((await callApi(server, people.salesParticipant, 'GET', '/api/boards')).status).toBe(401);
  });

  it('refuses a tampered session token: the right id with a wrong secret, or garbage', async () => {
    const { server } = await boardWithEveryRole();
    const [name, token] = server.owner.cookie.split('=') as [string, string];
    const [id, secret] = token.split('.') as [string, string];
    const tampered = [
      `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`,
      `${id}.`,
      `${id}`,
      `${id}.${secret}.${secret}`,
      `.${secret}`,
      'garbage',
      `${id}.${'x'.repeat(5_000)}`,
      '%E0%A4%A',
    ];
    for (const value of tampered) {
      expect(await upgradeAnswer(server, { cookie: `${name}=${value}` }), value.slice(0, 80)).toEqual(
        NO_SESSION,
      );
      expect(
        (await callApi(server, { cookie: `${name}=${value}`, userId: null }, 'GET', '/api/boards')).status,
      ).toBe(401);
    }
    // The real one still works: a wrong guess did not end the session.
    expect((await upgradeAnswer(server, { cookie: server.owner.cookie })).status).toBe(101);
  });

  it('refuses the sessions made by a link once the link is revoked', async () => {
    const world = await boardWithEveryRole();
    const { server, people, links, boardId } = world;
    for (const link of [links.join, links.watch]) {
      const revoked = await callApi(
        server,
        server.owner,
        'DELETE',
        `/api/boards/${boardId}/links/${link.id}`,
      );
      expect(revoked.status).toBe(200);
    }
    for (const person of [people.supportGuest, people.watcher]) {
      expect(await upgradeAnswer(server, { cookie: person.cookie })).toEqual(NO_SESSION);
      expect((await callApi(server, person, 'GET', `/api/boards/${boardId}`)).status).toBe(401);
    }
    // The link itself no longer opens anything.
    const rejoin = await callApi(server, null, 'POST', `/api/links/${links.join.token}/join`, {
      name: 'Gia again',
      departmentId: 'dept-support',
    });
    expect(rejoin).toMatchObject({
      status: 404,
      body: { error: 'This link does not work: it may have been revoked', code: 'LINK_NOT_WORKING' },
    });
  });

  it('refuses a guest who joined board A every document of board B', async () => {
    const world = await boardWithEveryRole();
    const other = await createBoard(world.server, 'Another journey');
    const { raw, answers } = await openEveryDocument(world, world.people.supportGuest);
    expect(answers.every((a) => a.type === 'authenticated')).toBe(true);
    const names = [`board:${other.id}`, `talk:${other.id}`, `lane:${other.id}:${world.laneIds.shared}`];
    for (const name of names) {
      expect(await raw.authenticate(name)).toEqual({
        documentName: name,
        type: 'permissionDenied',
        reason: NO_ACCESS,
      });
    }
    // The watcher's link session is held to its board in the same way.
    const watcher = await RawSyncSocket.connect(world.server, world.people.watcher);
    for (const name of names) {
      expect(await watcher.authenticate(name)).toEqual({
        documentName: name,
        type: 'permissionDenied',
        reason: NO_ACCESS,
      });
    }
  });

  it('refuses an account with no role on the board every document of it', async () => {
    const world = await boardWithEveryRole();
    const stranger = await signUp(world.server.url, {
      email: 'stranger@journeyboard.test',
      password: 'stranger password',
      name: 'Sam Stranger',
    });
    const { raw, answers } = await openEveryDocument(world, stranger);
    expect(answers).toEqual(deniedEverywhere(world, NO_ACCESS));
    // Refusing a document leaves the socket open for the documents one may open.
    expect(raw.isOpen).toBe(true);
  });

  it('refuses an upgrade whose Origin is another site with 403, and accepts its own origin', async () => {
    const { server } = await boardWithEveryRole();
    const cookie = server.owner.cookie;
    const port = new URL(server.url).port;
    for (const origin of [
      'https://evil.example',
      `http://127.0.0.1:${Number(port) + 1}`,
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port}.evil.example`,
      'null',
    ]) {
      expect(await upgradeAnswer(server, { cookie, origin }), origin).toEqual(FOREIGN_ORIGIN);
    }
    expect((await upgradeAnswer(server, { cookie, origin: server.url })).status).toBe(101);
    // The Origin check comes first: no cookie and a foreign origin is still a 403.
    expect(await upgradeAnswer(server, { origin: 'https://evil.example' })).toEqual(FOREIGN_ORIGIN);
  });
});
