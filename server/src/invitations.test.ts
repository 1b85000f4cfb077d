import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FAILED_INVITATION_TRIES_PER_ADDRESS } from './http/invitation-routes.ts';
import { callApi, shareLinkToken, type ApiAnswer } from './testing/api-client.ts';
import { SALES, tokenOf } from './testing/board-with-every-role.ts';
import {
  createBoard,
  makeDataDir,
  signUp,
  startServerProcess,
  waitUntil,
  type Identity,
  type ServerProcess,
} from './testing/harness.ts';
import { RawSyncSocket } from './testing/raw-sync-socket.ts';
import { editStore } from './testing/stored-rows.ts';
import { structureDocName } from '@journeyboard/board-model';

interface Invited {
  invitation: { id: string; email: string; role: string; departmentId: string | null; expiresAt: number };
  link: string;
  mail: 'sent' | 'off' | 'failed';
}

const X = { email: 'x@corp.example', password: 'x corp password', name: 'X' };

const withoutBody = <T>(answer: ApiAnswer<T>) => ({ status: answer.status, body: answer.body });

async function invite(
  server: ServerProcess,
  boardId: string,
  grant: { email: string; role: string; departmentId?: string | null },
): Promise<Invited> {
  const answer = await callApi<Invited>(
    server,
    server.owner,
    'POST',
    `/api/boards/${boardId}/invitations`,
    grant,
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

const accept = (server: ServerProcess, as: Identity | null, token: string) =>
  callApi<{ boardId?: string; role?: string; error?: string }>(
    server,
    as,
    'POST',
    '/api/invitations/accept',
    {
      token,
    },
  );

/** Whether `as` may open the board's structure over a raw sync connection. */
async function syncAnswer(server: ServerProcess, as: Identity, boardId: string) {
  const raw = await RawSyncSocket.connect(server, as);
  return raw.authenticate(structureDocName(boardId));
}

const NOT_FOUND = {
  status: 404,
  body: {
    error:
      'This invitation link does not work: it may have been cancelled, replaced by a newer one, or copied incompletely',
    code: 'INVITATION_NOT_FOUND',
  },
};
const USED = {
  status: 409,
  body: {
    error: 'This invitation has been accepted already: each invitation link works once',
    code: 'INVITATION_USED',
  },
};
const EXPIRED = {
  status: 410,
  body: {
    error: 'This invitation has expired: ask whoever invited you to invite you again',
    code: 'INVITATION_EXPIRED',
  },
};

describe('invitations', () => {
  it('give nothing to whoever signs up with the address; its link, accepted, gives exactly the role once', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId, title } = await createBoard(server);
    const invited = await invite(server, boardId, {
      email: ' X@Corp.EXAMPLE ',
      role: 'lead',
      departmentId: SALES,
    });
    expect(invited).toMatchObject({
      invitation: { email: X.email, role: 'lead', departmentId: SALES },
      link: expect.stringMatching(new RegExp(`^${server.url}/invite/[a-z2-7]{32}$`)),
      mail: 'off',
    });
    const token = tokenOf(invited.link);
    const week = 7 * 24 * 60 * 60 * 1000;
    expect(Math.abs(invited.invitation.expiresAt - (Date.now() + week))).toBeLessThan(60_000);
    // Only the hash of the link's secret is stored.
    const stored = await editStore(server, (db) => db.selectFrom('invitations').selectAll().execute());
    expect(JSON.stringify(stored)).not.toContain(token);

    // Signing up, signing in and asking who one is, with the invited address, take nothing.
    const squatter = await signUp(server.url, X);
    await signUp(server.url, X);
    expect((await callApi(server, squatter, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await callApi(server, squatter, 'GET', '/api/boards')).body).toEqual({ boards: [] });
    expect(withoutBody(await callApi(server, squatter, 'GET', `/api/boards/${boardId}`))).toEqual({
      status: 404,
      body: { error: `Board "${boardId}" not found`, code: 'BOARD_NOT_FOUND' },
    });
    expect(await syncAnswer(server, squatter, boardId)).toMatchObject({
      type: 'permissionDenied',
      reason: 'no-access',
    });

    // The link's page may be read by anyone holding it; accepting needs an account.
    expect(withoutBody(await callApi(server, null, 'GET', `/api/invitations/${token}`))).toEqual({
      status: 200,
      body: {
        boardId,
        title,
        email: X.email,
        role: 'lead',
        departmentId: SALES,
        departmentName: 'Sales',
        expiresAt: invited.invitation.expiresAt,
      },
    });
    expect((await accept(server, null, token)).status).toBe(401);

    // Whoever holds the link accepts it with their own account, in exactly the role offered.
    const holder = await signUp(server.url, {
      email: 'x.home@mail.example',
      password: 'x home pass',
      name: 'X',
    });
    expect(withoutBody(await accept(server, holder, token))).toEqual({
      status: 200,
      body: { boardId, role: 'lead', departmentId: SALES },
    });
    expect((await callApi(server, holder, 'GET', `/api/boards/${boardId}`)).body).toMatchObject({
      access: { role: 'lead', departmentId: SALES, userId: holder.userId },
    });
    expect(await syncAnswer(server, holder, boardId)).toMatchObject({ type: 'authenticated' });
    const members = await callApi<{ members: { userId: string; role: string }[]; invitations: unknown[] }>(
      server,
      server.owner,
      'GET',
      `/api/boards/${boardId}/members`,
    );
    expect(members.body.invitations).toEqual([]);
    expect(members.body.members.map((m) => [m.userId, m.role])).toEqual([
      [server.owner.userId, 'owner'],
      [holder.userId, 'lead'],
    ]);

    // The link works once, for the holder as for anyone else.
    expect(withoutBody(await accept(server, holder, token))).toEqual(USED);
    expect(withoutBody(await accept(server, squatter, token))).toEqual(USED);
    expect(withoutBody(await callApi(server, null, 'GET', `/api/invitations/${token}`))).toEqual(USED);
    expect((await callApi(server, squatter, 'GET', `/api/boards/${boardId}`)).status).toBe(404);
  });

  it('refuses an expired, a cancelled or a replaced link, and a guest', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    const taker = await signUp(server.url, X);

    const expiring = tokenOf(
      (await invite(server, boardId, { email: 'late@corp.example', role: 'viewer' })).link,
    );
    await editStore(server, (db) =>
      db
        .updateTable('invitations')
        .set({ expires_at: Date.now() - 1 })
        .where('email', '=', 'late@corp.example')
        .execute(),
    );
    expect(withoutBody(await accept(server, taker, expiring))).toEqual(EXPIRED);
    expect(withoutBody(await callApi(server, null, 'GET', `/api/invitations/${expiring}`))).toEqual(EXPIRED);

    const cancelled = await invite(server, boardId, { email: 'gone@corp.example', role: 'facilitator' });
    const cancel = await callApi(
      server,
      server.owner,
      'DELETE',
      `/api/boards/${boardId}/invitations/${cancelled.invitation.id}`,
    );
    expect(cancel.status).toBe(200);
    expect(withoutBody(await accept(server, taker, tokenOf(cancelled.link)))).toEqual(NOT_FOUND);

    // Inviting the same address again makes a new link; the old one stops working.
    const first = await invite(server, boardId, { email: 'twice@corp.example', role: 'viewer' });
    const second = await invite(server, boardId, { email: 'twice@corp.example', role: 'facilitator' });
    expect(second.invitation.id).toBe(first.invitation.id);
    expect(withoutBody(await accept(server, taker, tokenOf(first.link)))).toEqual(NOT_FOUND);

    // A guest who came by a join link is not an account.
    const token = await shareLinkToken(server, boardId, 'join');
    const joined = await callApi(server, null, 'POST', `/api/links/${token}/join`, {
      name: 'Gia',
      departmentId: SALES,
    });
    const guest = { cookie: joined.cookie!, userId: null };
    expect(withoutBody(await accept(server, guest, tokenOf(second.link)))).toEqual({
      status: 403,
      body: { error: 'Sign in with an account to accept an invitation', code: 'ACCOUNT_REQUIRED' },
    });

    expect((await callApi(server, taker, 'GET', `/api/boards/${boardId}`)).status).toBe(404);
    expect(withoutBody(await accept(server, taker, tokenOf(second.link)))).toMatchObject({
      status: 200,
      body: { boardId, role: 'facilitator' },
    });
  });

  it('refuses guessed links, and after too many from one address refuses even a real one with 429', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    const { link } = await invite(server, boardId, { email: X.email, role: 'facilitator' });
    const guesser = await signUp(server.url, X);
    const guesses = [
      'a'.repeat(32),
      'not-a-token',
      tokenOf(link).replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')),
    ];
    for (let attempt = 0; attempt < FAILED_INVITATION_TRIES_PER_ADDRESS; attempt++) {
      const guess = guesses[attempt % guesses.length]!;
      const answer =
        attempt % 2 === 0
          ? await accept(server, guesser, guess)
          : await callApi(server, null, 'GET', `/api/invitations/${guess}`);
      expect(withoutBody(answer), `guess ${attempt}`).toEqual(NOT_FOUND);
    }
    for (const answer of [
      await accept(server, guesser, 'b'.repeat(32)),
      await callApi(server, null, 'GET', `/api/invitations/${tokenOf(link)}`),
      await accept(server, guesser, tokenOf(link)),
    ]) {
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await callApi(server, guesser, 'GET', `/api/boards/${boardId}`)).status).toBe(404);
  });

  it('mails the link through SMTP_URL; the mailed link, accepted, gives the role', async () => {
    const received: { from: string; to: string[]; raw: string; user?: string }[] = [];
    const smtp = new SMTPServer({
      // A loopback test server: no certificate to offer, so no STARTTLS and plain-text AUTH.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'boards' && auth.password === 'mail pass')
          callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (raw += chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            user: session.user as string | undefined,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
    const port = (smtp.server.address() as { port: number }).port;

    const server = await startServerProcess(await makeDataDir(), {
      SMTP_URL: `smtp://boards:${encodeURIComponent('mail pass')}@127.0.0.1:${port}`,
      MAIL_FROM: 'Journey Boards <boards@corp.example>',
    });
    const { id: boardId } = await createBoard(server, 'Onboarding journey');
    const invited = await invite(server, boardId, {
      email: X.email,
      role: 'participant',
      departmentId: SALES,
    });
    expect(invited.mail).toBe('sent');
    await waitUntil(() => received.length === 1, 'the invitation was mailed');

    const [message] = received;
    expect(message).toMatchObject({ from: 'boards@corp.example', to: [X.email], user: 'boards' });
    const parsed = await simpleParser(message!.raw);
    expect(parsed.from?.text).toBe('"Journey Boards" <boards@corp.example>');
    expect(parsed.subject).toContain('“Onboarding journey”');
    expect(parsed.text).toContain('as participant');
    const links = [...(parsed.text ?? '').matchAll(/https?:\/\/\S+\/invite\/[a-z2-7]+/g)].map((m) => m[0]);
    expect(new Set(links)).toEqual(new Set([invited.link]));

    const person = await signUp(server.url, X);
    expect((await callApi(server, person, 'GET', `/api/boards/${boardId}`)).status).toBe(404);
    expect(withoutBody(await accept(server, person, tokenOf(links[0]!)))).toEqual({
      status: 200,
      body: { boardId, role: 'participant', departmentId: SALES },
    });
    expect((await callApi(server, person, 'GET', `/api/boards/${boardId}`)).body).toMatchObject({
      access: { role: 'participant', departmentId: SALES },
    });
  });

  it('keeps the invitation and its link when the mail server cannot take the message', async () => {
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
    const port = (smtp.server.address() as { port: number }).port;
    const server = await startServerProcess(await makeDataDir(), { SMTP_URL: `smtp://127.0.0.1:${port}` });
    const { id: boardId } = await createBoard(server);

    const invited = await invite(server, boardId, { email: X.email, role: 'viewer' });
    expect(invited.mail).toBe('failed');
    await waitUntil(
      () => server.logs.some((line) => line.msg === 'the invitation email could not be sent'),
      'the failed mail was logged',
    );
    const person = await signUp(server.url, X);
    expect(withoutBody(await accept(server, person, tokenOf(invited.link)))).toMatchObject({
      status: 200,
      body: { boardId, role: 'viewer' },
    });
  });
});
