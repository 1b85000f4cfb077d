import { describe, expect, it } from 'vitest';
import { GUESSES_PER_ACCOUNT, GUESSES_PER_ACCOUNT_AND_ADDRESS } from './http/password-guesses.ts';
import { BAD_LINK_TOKENS_PER_ADDRESS, LINK_ENTRIES_PER_ADDRESS } from './http/sharing-routes.ts';
import { callApi, shareLinkToken, type ApiAnswer } from './testing/api-client.ts';
import {
  boardWithEveryRole,
  SALES,
  tokenOf,
  type BoardWithEveryRole,
} from './testing/board-with-every-role.ts';
import {
  createBoard,
  listBoards,
  makeDataDir,
  OWNER_NAME,
  signUp,
  startServerProcess,
  type Identity,
  type ServerProcess,
} from './testing/harness.ts';
import { RawSyncSocket, upgradeAnswer, type ServerMessage } from './testing/raw-sync-socket.ts';
import { editStore, storedState } from './testing/stored-rows.ts';

const startServer = async () => startServerProcess(await makeDataDir());

/** Two clients behind one trusted proxy: someone guessing, and the account's owner. */
const ATTACKER = '203.0.113.66';
const OWNER_ADDRESS = '198.51.100.9';

const ACCOUNT = { email: 'casey@journeyboard.test', password: 'casey password 1', name: 'Casey' };

/** Signs in by the API, as a second device would; the answer and, on success, the identity. */
async function signIn(server: ServerProcess, email: string, password: string) {
  const answer = await callApi<{ user?: { id: string } }>(server, null, 'POST', '/api/auth/signin', {
    email,
    password,
  });
  const identity: Identity | null =
    answer.status === 200 && answer.cookie ? { cookie: answer.cookie, userId: answer.body.user!.id } : null;
  return { answer, identity };
}

/** What the board looks like from the outside: members, invitations, links, structure and the board list. */
async function boardState(world: BoardWithEveryRole) {
  const { server, boardId, docNames } = world;
  const get = async (path: string) => (await callApi(server, server.owner, 'GET', path)).body;
  return {
    boards: await listBoards(server),
    members: await get(`/api/boards/${boardId}/members`),
    links: await get(`/api/boards/${boardId}/links`),
    structure: await storedState(server, docNames.structure),
  };
}

const closeMessages = (raw: RawSyncSocket) =>
  raw.messages.filter((m): m is Extract<ServerMessage, { type: 'close' }> => m.type === 'close');

const withoutBody = <T>(answer: ApiAnswer<T>) => ({ status: answer.status, body: answer.body });

describe('HTTP security', () => {
  it('refuses cross-site state changes with 403, whatever the cookie says, and changes nothing', async () => {
    const world = await boardWithEveryRole();
    const { server, boardId, people, links, laneIds } = world;
    // An invitation still to be taken up: a forged accept would take it.
    const invited = await callApi<{ link: string }>(
      server,
      server.owner,
      'POST',
      `/api/boards/${boardId}/invitations`,
      {
        email: 'nadia@journeyboard.test',
        role: 'facilitator',
      },
    );
    expect(invited.status).toBe(201);
    const before = await boardState(world);
    const requests: [string, string, unknown][] = [
      ['POST', '/api/boards', { title: 'Forged' }],
      ['DELETE', `/api/boards/${boardId}`, undefined],
      ['POST', `/api/boards/${boardId}/invitations`, { email: 'mallory@evil.example', role: 'facilitator' }],
      ['PATCH', `/api/boards/${boardId}/members/${people.viewer.userId}`, { role: 'facilitator' }],
      ['DELETE', `/api/boards/${boardId}/members/${people.salesLead.userId}`, undefined],
      ['POST', `/api/boards/${boardId}/links`, { kind: 'join' }],
      ['DELETE', `/api/boards/${boardId}/links/${links.join.id}`, undefined],
      ['POST', `/api/boards/${boardId}/lanes`, { name: 'Forged', kind: 'notes' }],
      ['DELETE', `/api/boards/${boardId}/lanes/${laneIds.sales}`, undefined],
      ['POST', `/api/boards/${boardId}/transfer`, { userId: people.facilitator.userId }],
      ['POST', '/api/invitations/accept', { token: tokenOf(invited.body.link) }],
      ['POST', '/api/auth/password', { current: 'correct horse battery', next: 'mallory was here' }],
      ['POST', '/api/auth/signout-everywhere', {}],
      ['POST', '/api/auth/signout', {}],
      ['POST', '/api/auth/signin', { email: 'mallory@evil.example', password: 'mallory password' }],
      [
        'POST',
        '/api/auth/signup',
        { email: 'mallory@evil.example', password: 'mallory password', name: 'M' },
      ],
    ];
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site', origin: 'https://boards.evil.example' },
      { origin: 'null' },
    ];
    for (const headers of crossSite) {
      for (const [method, path, body] of requests) {
        const answer = await callApi(server, server.owner, method, path, body, headers);
        expect(withoutBody(answer), `${method} ${path} ${JSON.stringify(headers)}`).toEqual({
          status: 403,
          body: { error: 'Cross-site requests are refused', code: 'CROSS_SITE' },
        });
        expect(answer.headers.get('set-cookie'), `${method} ${path}`).toBeNull();
      }
    }
    expect(await boardState(world)).toEqual(before);
    expect((await callApi(server, server.owner, 'GET', '/api/auth/me')).body).toMatchObject({
      user: { id: server.owner.userId },
    });
  });

  it('accepts state changes from its own origin, and from clients that are not browsers', async () => {
    const server = await startServer();
    const sameOrigin: Record<string, string>[] = [
      { origin: server.url },
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin', origin: server.url },
      { 'sec-fetch-site': 'none' },
      {},
    ];
    for (const [i, headers] of sameOrigin.entries()) {
      const answer = await callApi(
        server,
        server.owner,
        'POST',
        '/api/boards',
        { title: `Board ${i}` },
        headers,
      );
      expect(answer.status, JSON.stringify(headers)).toBe(201);
    }
    expect(await listBoards(server)).toHaveLength(sameOrigin.length);
  });

  it('limits wrong passwords per account and address: the sixth attempt in 15 minutes gets 429 and Retry-After, even with the right password', async () => {
    const server = await startServer();
    await signUp(server.url, ACCOUNT);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(
        (await signIn(server, ACCOUNT.email, `wrong password ${attempt}`)).answer.status,
        `attempt ${attempt}`,
      ).toBe(401);
    }
    const { answer } = await signIn(server, ` ${ACCOUNT.email.toUpperCase()} `, ACCOUNT.password);
    expect(withoutBody(answer)).toEqual({
      status: 429,
      body: { error: 'Too many attempts. Try again in 15 minute(s).', code: 'TOO_MANY_ATTEMPTS' },
    });
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(answer.headers.get('set-cookie')).toBeNull();
    // Another account from the same address still signs in.
    expect((await signIn(server, 'owner@journeyboard.test', 'correct horse battery')).answer.status).toBe(
      200,
    );
  });

  it("lets no stranger lock the owner out: wrong passwords from another address do not stop the owner's sign-in", async () => {
    const server = await startServerProcess(await makeDataDir(), { TRUST_PROXY: '1' });
    const owner = { email: 'owner@journeyboard.test', password: 'correct horse battery' };
    const signInFrom = (address: string, password: string, email = owner.email) =>
      callApi(server, null, 'POST', '/api/auth/signin', { email, password }, { 'x-forwarded-for': address });
    for (let attempt = 1; attempt <= GUESSES_PER_ACCOUNT_AND_ADDRESS; attempt++) {
      expect((await signInFrom(ATTACKER, `guess ${attempt}`)).status, `guess ${attempt}`).toBe(401);
    }
    for (let attempt = 1; attempt <= 10; attempt++) {
      const refused = await signInFrom(ATTACKER, `guess ${attempt}`);
      expect(refused.status, `guess past the limit ${attempt}`).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The right password from the attacker's address is held up too: guessing stays slow there.
    expect((await signInFrom(ATTACKER, owner.password)).status).toBe(429);

    const atHome = await signInFrom(OWNER_ADDRESS, owner.password);
    expect(atHome.status).toBe(200);
    expect(atHome.cookie).not.toBeNull();

    // The owner's own typos count from their address, and a right password clears them.
    for (let round = 1; round <= 2; round++) {
      for (let attempt = 1; attempt < GUESSES_PER_ACCOUNT_AND_ADDRESS; attempt++) {
        expect((await signInFrom(OWNER_ADDRESS, 'typo')).status, `round ${round} typo ${attempt}`).toBe(401);
      }
      expect((await signInFrom(OWNER_ADDRESS, owner.password)).status, `round ${round}`).toBe(200);
    }
  });

  it('stops guesses spread over many addresses at an account-wide ceiling, and counts no right password', async () => {
    const server = await startServerProcess(await makeDataDir(), { TRUST_PROXY: '1' });
    const owner = { email: 'owner@journeyboard.test', password: 'correct horse battery' };
    const signInFrom = (address: string, password: string) =>
      callApi(
        server,
        null,
        'POST',
        '/api/auth/signin',
        { email: owner.email, password },
        { 'x-forwarded-for': address },
      );
    // Sign-ins that succeed never count: many of them, then every guess the ceiling allows.
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await signInFrom(OWNER_ADDRESS, owner.password)).status).toBe(200);
    }
    const addresses = GUESSES_PER_ACCOUNT / GUESSES_PER_ACCOUNT_AND_ADDRESS;
    for (let a = 1; a <= addresses; a++) {
      const guesses = Array.from({ length: GUESSES_PER_ACCOUNT_AND_ADDRESS }, (_, g) =>
        signInFrom(`203.0.113.${a}`, `guess ${g}`),
      );
      for (const answer of await Promise.all(guesses)) expect(answer.status, `address ${a}`).toBe(401);
    }
    const refused = await signInFrom(OWNER_ADDRESS, owner.password);
    expect(refused.status).toBe(429);
    expect(refused.cookie).toBeNull();
  });

  it('limits wrong current passwords at a password change per account and address', async () => {
    const server = await startServerProcess(await makeDataDir(), { TRUST_PROXY: '1' });
    const change = (address: string, current: string) =>
      callApi(
        server,
        server.owner,
        'POST',
        '/api/auth/password',
        { current, next: 'a brand new password' },
        { 'x-forwarded-for': address },
      );
    // A refused new password is no guess of the current one.
    const tooShort = await callApi(
      server,
      server.owner,
      'POST',
      '/api/auth/password',
      {
        current: 'x',
        next: 'short',
      },
      { 'x-forwarded-for': ATTACKER },
    );
    expect(tooShort.status).toBe(400);
    for (let attempt = 1; attempt <= GUESSES_PER_ACCOUNT_AND_ADDRESS; attempt++) {
      expect((await change(ATTACKER, `guess ${attempt}`)).status, `guess ${attempt}`).toBe(400);
    }
    expect((await change(ATTACKER, 'correct horse battery')).status).toBe(429);
    expect((await change(OWNER_ADDRESS, 'correct horse battery')).status).toBe(200);
  });

  it('limits sign-in per address: the 21st attempt in 15 minutes gets 429, whichever account it names', async () => {
    const server = await startServer();
    for (let attempt = 1; attempt <= 20; attempt++) {
      const { answer } = await signIn(server, `nobody${attempt}@journeyboard.test`, 'some password');
      expect(answer.status, `attempt ${attempt}`).toBe(401);
    }
    const { answer } = await signIn(server, 'owner@journeyboard.test', 'correct horse battery');
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('behind a trusted proxy (TRUST_PROXY=1), limits each forwarded client on its own, and a client cannot pass as another', async () => {
    const server = await startServerProcess(await makeDataDir(), { TRUST_PROXY: '1' });
    let attempts = 0;
    // A new account name each time: only the per-address limit is tried.
    const signInFrom = (forwardedFor: string) =>
      callApi(
        server,
        null,
        'POST',
        '/api/auth/signin',
        { email: `nobody${++attempts}@journeyboard.test`, password: 'some password' },
        { 'x-forwarded-for': forwardedFor },
      );
    for (let attempt = 1; attempt <= 20; attempt++) {
      expect((await signInFrom('203.0.113.7')).status, `attempt ${attempt}`).toBe(401);
    }
    expect((await signInFrom('203.0.113.7')).status).toBe(429);
    // The proxy appends the address it saw; what the client wrote before it does not count.
    expect((await signInFrom('198.51.100.2, 203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy has its own attempts.
    expect((await signInFrom('198.51.100.2')).status).toBe(401);
  });

  it('ignores X-Forwarded-For without a trusted proxy: every attempt counts against the connecting address', async () => {
    const server = await startServer();
    for (let attempt = 1; attempt <= 20; attempt++) {
      const answer = await callApi(
        server,
        null,
        'POST',
        '/api/auth/signin',
        { email: `nobody${attempt}@journeyboard.test`, password: 'some password' },
        { 'x-forwarded-for': `203.0.113.${attempt}` },
      );
      expect(answer.status, `attempt ${attempt}`).toBe(401);
    }
    expect((await signIn(server, 'owner@journeyboard.test', 'correct horse battery')).answer.status).toBe(
      429,
    );
  });

  it('lets one address add at most 200 guests and watchers by links in 15 minutes, and adds none past that', async () => {
    const server = await startServer();
    const { id: boardId } = await createBoard(server);
    const linkOf = (kind: 'join' | 'watch') => shareLinkToken(server, boardId, kind);
    const join = await linkOf('join');
    const watch = await linkOf('watch');
    const enter = (n: number) =>
      n % 4 === 0
        ? callApi(server, null, 'POST', `/api/links/${watch}/watch`, {})
        : callApi(server, null, 'POST', `/api/links/${join}/join`, {
            name: `Guest ${n}`,
            departmentId: SALES,
          });
    for (let n = 1; n <= LINK_ENTRIES_PER_ADDRESS; n++) {
      const answer = await enter(n);
      if (answer.status !== 201) expect(answer.status, `entry ${n}`).toBe(201);
    }
    const members = async () =>
      (await callApi<{ members: unknown[] }>(server, server.owner, 'GET', `/api/boards/${boardId}/members`))
        .body.members.length;
    const before = await members();
    for (const n of [1, 4]) {
      const answer = await enter(n);
      expect(
        { status: answer.status, cookie: answer.cookie },
        `entry by ${n % 4 ? 'join' : 'watch'} link`,
      ).toEqual({
        status: 429,
        cookie: null,
      });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(await members()).toBe(before);
  });

  it('reads only plain JSON bodies: look-alike types get 415, other charsets too', async () => {
    const server = await startServer();
    const post = (contentType: string) =>
      fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': contentType, cookie: server.owner.cookie },
        body: JSON.stringify({ title: 'Forged' }),
      });
    for (const type of [
      'application/json-patch+json',
      'application/jsonp',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json; boundary=x',
    ]) {
      const answer = await post(type);
      expect({ status: answer.status, body: await answer.json() }, type).toEqual({
        status: 415,
        body: {
          error: 'Send the request body as JSON (Content-Type: application/json)',
          code: 'NOT_JSON',
        },
      });
    }
    expect(await listBoards(server)).toEqual([]);
    for (const type of [
      'application/json',
      'Application/JSON; charset=UTF-8',
      'application/json;charset="utf-8"',
    ]) {
      expect((await post(type)).status, type).toBe(201);
    }
  });

  it('refuses a JSON body that is not valid UTF-8 with 400, and stores nothing of it', async () => {
    const server = await startServer();
    const title = Buffer.concat([
      Buffer.from('{"title": "Checkout '),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);
    const answer = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: server.owner.cookie },
      body: title,
    });
    expect({ status: answer.status, body: await answer.json() }).toEqual({
      status: 400,
      body: { error: 'The request body is not valid UTF-8', code: 'BODY_NOT_UTF8' },
    });
    expect(await listBoards(server)).toEqual([]);
  });

  it('lets one address try at most 30 link tokens that lead nowhere in 15 minutes, then holds up even a working link', async () => {
    const server = await startServerProcess(await makeDataDir(), { TRUST_PROXY: '1' });
    const { id: boardId } = await createBoard(server);
    const linkOf = (kind: 'join' | 'watch') => shareLinkToken(server, boardId, kind);
    const join = await linkOf('join');
    const watch = await linkOf('watch');
    const from = (address: string) => ({ 'x-forwarded-for': address });
    // Working links are not guesses: opening them many times counts nothing.
    for (let n = 1; n <= BAD_LINK_TOKENS_PER_ADDRESS + 5; n++) {
      expect(
        (await callApi(server, null, 'GET', `/api/links/${join}`, undefined, from(ATTACKER))).status,
      ).toBe(200);
    }
    for (let n = 1; n <= BAD_LINK_TOKENS_PER_ADDRESS; n++) {
      const guess = `${join.slice(0, -4)}${String(n).padStart(4, '0')}`;
      const path = [`/api/links/${guess}`, `/api/links/${guess}/join`, `/api/links/${guess}/watch`][n % 3]!;
      const answer = await callApi(
        server,
        null,
        n % 3 === 0 ? 'GET' : 'POST',
        path,
        n % 3 === 0 ? undefined : { name: 'Guess', departmentId: SALES },
        from(ATTACKER),
      );
      expect(answer.status, `guess ${n} ${path}`).toBe(404);
    }
    const held = [
      await callApi(server, null, 'GET', `/api/links/${join}`, undefined, from(ATTACKER)),
      await callApi(
        server,
        null,
        'POST',
        `/api/links/${join}/join`,
        { name: 'Gus Guesser', departmentId: SALES },
        from(ATTACKER),
      ),
      await callApi(server, null, 'POST', `/api/links/${watch}/watch`, {}, from(ATTACKER)),
    ];
    for (const answer of held) {
      expect(withoutBody(answer)).toEqual({
        status: 429,
        body: { error: 'Too many attempts. Try again in 15 minute(s).', code: 'TOO_MANY_ATTEMPTS' },
      });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(answer.cookie).toBeNull();
    }
    const members = await callApi<{ members: unknown[] }>(
      server,
      server.owner,
      'GET',
      `/api/boards/${boardId}/members`,
    );
    expect(members.body.members).toHaveLength(1);
    // Another client behind the same proxy is not held up.
    expect(
      (await callApi(server, null, 'GET', `/api/links/${join}`, undefined, from(OWNER_ADDRESS))).status,
    ).toBe(200);
  });

  it('refuses a guest the display name of anyone on the board, in any case or spacing, and makes no user, session or cookie', async () => {
    const server = await startServer();
    const { id: boardId } = await createBoard(server);
    const token = await shareLinkToken(server, boardId, 'join');
    const join = (name: string) =>
      callApi(server, null, 'POST', `/api/links/${token}/join`, { name, departmentId: SALES });
    const counts = () =>
      editStore(server, async (db) => ({
        users: (await db.selectFrom('users').select('id').execute()).length,
        sessions: (await db.selectFrom('sessions').select('id').execute()).length,
      }));
    expect((await join('Gia Guest')).status).toBe(201);
    const before = await counts();
    for (const name of [OWNER_NAME, ' olivia   OWNER ', 'OLIVIA\tOwner', 'Gia Guest', 'gia  guest']) {
      const answer = await join(name);
      expect(withoutBody(answer), name).toEqual({
        status: 409,
        body: {
          error: 'Someone on this board already has this name. Add your surname or an initial.',
          code: 'NAME_TAKEN',
        },
      });
      expect(answer.headers.get('set-cookie'), name).toBeNull();
    }
    expect(await counts()).toEqual(before);
    // A distinct name joins.
    const distinct = await join('Olivia O.');
    expect(distinct.status).toBe(201);
    expect(distinct.cookie).not.toBeNull();
    const members = await callApi<{ members: { displayName: string; guest: boolean }[] }>(
      server,
      server.owner,
      'GET',
      `/api/boards/${boardId}/members`,
    );
    expect(members.body.members.map((m) => [m.displayName, m.guest])).toEqual([
      [OWNER_NAME, false],
      ['Gia Guest', true],
      ['Olivia O.', true],
    ]);
  });

  it('sends the security headers on every answer: JSON, refusals and 404s alike', async () => {
    const server = await startServer();
    const answers = {
      boards: await callApi(server, server.owner, 'GET', '/api/boards'),
      health: await callApi(server, null, 'GET', '/healthz'),
      signedOut: await callApi(server, null, 'GET', '/api/boards'),
      noSuchApi: await callApi(server, null, 'GET', '/api/no-such-thing'),
      wrongMethod: await callApi(server, null, 'PUT', '/api/boards', {}),
      // Without a web build here, every other path is the server's own 404.
      noSuchPage: await callApi(server, null, 'GET', '/no-such-page'),
    };
    for (const [what, answer] of Object.entries(answers)) {
      expect(
        {
          csp: answer.headers.get('content-security-policy'),
          frame: answer.headers.get('x-frame-options'),
          sniff: answer.headers.get('x-content-type-options'),
          referrer: answer.headers.get('referrer-policy'),
        },
        `${what} (${answer.status})`,
      ).toEqual({
        csp: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        frame: 'DENY',
        sniff: 'nosniff',
        referrer: 'same-origin',
      });
    }
    expect(Object.values(answers).map((a) => a.status)).toEqual([200, 200, 401, 404, 405, 404]);
  });

  it('answers sign-in and sign-up in the same words whether or not the email has an account', async () => {
    const server = await startServer();
    const known = 'owner@journeyboard.test';
    const unknown = 'nobody@journeyboard.test';

    const wrongPassword = await signIn(server, known, 'not the password');
    const noAccount = await signIn(server, unknown, 'not the password');
    expect(withoutBody(wrongPassword.answer)).toEqual({
      status: 401,
      body: { error: 'The email or the password is not right', code: 'WRONG_CREDENTIALS' },
    });
    expect(withoutBody(noAccount.answer)).toEqual(withoutBody(wrongPassword.answer));
    for (const { answer } of [wrongPassword, noAccount]) expect(answer.headers.get('set-cookie')).toBeNull();

    const signUpAs = (email: string, password: string) =>
      callApi(server, null, 'POST', '/api/auth/signup', { email, password, name: 'Someone' });
    // Taken, in any spelling: refused without saying that the account exists.
    for (const email of [known, ` ${known.toUpperCase()} `]) {
      const taken = await signUpAs(email, 'a long enough password');
      expect(withoutBody(taken), email).toEqual({
        status: 400,
        body: {
          error: 'An account cannot be made with these details. If you have one, sign in.',
          code: 'SIGN_UP_REFUSED',
        },
      });
      expect(taken.headers.get('set-cookie')).toBeNull();
    }
    // A bad password is named the same way for a taken email and a free one.
    expect(withoutBody(await signUpAs(known, 'short'))).toEqual(
      withoutBody(await signUpAs(unknown, 'short')),
    );
  });

  it('signs out: the cookie stops opening the API and the sync endpoint', async () => {
    const server = await startServer();
    const { identity } = await signIn(server, 'owner@journeyboard.test', 'correct horse battery');
    const signedOut = await callApi(server, identity, 'POST', '/api/auth/signout', {});
    expect(withoutBody(signedOut)).toEqual({ status: 200, body: { signedOut: true } });
    expect(signedOut.headers.get('set-cookie')).toMatch(/^journeyboard_session=; .*Max-Age=0/);

    expect((await callApi(server, identity, 'GET', '/api/boards')).status).toBe(401);
    expect((await callApi(server, identity, 'GET', '/api/auth/me')).body).toEqual({
      user: null,
      boardId: null,
    });
    expect((await upgradeAnswer(server, { cookie: identity!.cookie })).status).toBe(401);
    // The other session of the same person is untouched.
    expect((await callApi(server, server.owner, 'GET', '/api/boards')).status).toBe(200);
  });

  it("signs out everywhere: another device's cookie stops working and its open sockets are closed", async () => {
    const server = await startServer();
    const { id: boardId } = await createBoard(server);
    const { identity: otherDevice } = await signIn(
      server,
      'owner@journeyboard.test',
      'correct horse battery',
    );
    const socket = await RawSyncSocket.connect(server, otherDevice);
    for (const name of [`board:${boardId}`, `talk:${boardId}`]) {
      expect(await socket.authenticate(name)).toMatchObject({ type: 'authenticated' });
    }

    const everywhere = await callApi(server, server.owner, 'POST', '/api/auth/signout-everywhere', {});
    expect(withoutBody(everywhere)).toEqual({ status: 200, body: { signedOut: 2 } });

    for (const name of [`board:${boardId}`, `talk:${boardId}`]) {
      expect(await socket.nextMessage((m) => m.type === 'close' && m.documentName === name, 3_000)).toEqual({
        documentName: name,
        type: 'close',
        reason: 'signed-out',
      });
    }
    for (const device of [otherDevice, server.owner]) {
      expect((await callApi(server, device, 'GET', `/api/boards/${boardId}`)).status).toBe(401);
      expect((await upgradeAnswer(server, { cookie: device!.cookie })).status).toBe(401);
    }
  });

  it('signs out the other devices when the password changes, and keeps this one', async () => {
    const server = await startServer();
    const { id: boardId } = await createBoard(server);
    const { identity: otherDevice } = await signIn(
      server,
      'owner@journeyboard.test',
      'correct horse battery',
    );
    const socket = await RawSyncSocket.connect(server, otherDevice);
    expect(await socket.authenticate(`board:${boardId}`)).toMatchObject({ type: 'authenticated' });
    const here = await RawSyncSocket.connect(server, server.owner);
    expect(await here.authenticate(`board:${boardId}`)).toMatchObject({ type: 'authenticated' });

    const wrong = await callApi(server, server.owner, 'POST', '/api/auth/password', {
      current: 'not my password',
      next: 'a brand new password',
    });
    expect(withoutBody(wrong)).toEqual({
      status: 400,
      body: { error: 'The current password is not right', code: 'WRONG_CURRENT_PASSWORD' },
    });
    expect((await callApi(server, otherDevice, 'GET', '/api/boards')).status).toBe(200);

    const changed = await callApi(server, server.owner, 'POST', '/api/auth/password', {
      current: 'correct horse battery',
      next: 'a brand new password',
    });
    expect(withoutBody(changed)).toEqual({ status: 200, body: { changed: true, signedOutElsewhere: 1 } });
    expect(await socket.nextMessage((m) => m.type === 'close', 3_000)).toMatchObject({
      reason: 'signed-out',
    });
    expect((await callApi(server, otherDevice, 'GET', '/api/boards')).status).toBe(401);
    expect((await callApi(server, server.owner, 'GET', `/api/boards/${boardId}`)).status).toBe(200);
    expect(closeMessages(here)).toEqual([]);

    expect((await signIn(server, 'owner@journeyboard.test', 'correct horse battery')).answer.status).toBe(
      401,
    );
    expect((await signIn(server, 'owner@journeyboard.test', 'a brand new password')).answer.status).toBe(200);
  });

  it('lets no guest or watcher create a board', async () => {
    const world = await boardWithEveryRole();
    const { server, people } = world;
    const before = await listBoards(server);
    for (const person of [people.supportGuest, people.watcher]) {
      const answer = await callApi(server, person, 'POST', '/api/boards', { title: 'Mine now' });
      expect(withoutBody(answer)).toEqual({
        status: 403,
        body: { error: 'Sign in with an account to create boards', code: 'ACCOUNT_REQUIRED' },
      });
    }
    expect(await listBoards(server)).toEqual(before);
  });

  it('never opens a board to a session without a role on it: 404, as if it did not exist', async () => {
    const world = await boardWithEveryRole();
    const { server, people } = world;
    const other = await createBoard(server, 'Another journey');
    const stranger = await signUp(server.url, {
      email: 'stranger@journeyboard.test',
      password: 'stranger password',
      name: 'Sam Stranger',
    });
    const paths = [
      `/api/boards/${other.id}`,
      `/api/boards/${other.id}/members`,
      `/api/boards/${other.id}/links`,
    ];
    for (const [who, identity] of Object.entries({
      stranger,
      guestOfAnotherBoard: people.supportGuest,
      watcherOfAnotherBoard: people.watcher,
      leadOfAnotherBoard: people.salesLead,
    })) {
      for (const path of paths) {
        expect(withoutBody(await callApi(server, identity, 'GET', path)), `${who} ${path}`).toEqual({
          status: 404,
          body: { error: `Board "${other.id}" not found`, code: 'BOARD_NOT_FOUND' },
        });
      }
      const lanes = await callApi(server, identity, 'POST', `/api/boards/${other.id}/lanes`, {
        name: 'x',
        kind: 'notes',
      });
      expect(lanes.status, who).toBe(404);
      expect(
        (await listBoards(server, identity)).map((b) => b.id),
        who,
      ).not.toContain(other.id);
    }
  });
});
