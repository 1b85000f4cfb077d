import { API_ERROR_CODES, BOARD_MODEL_ERROR_CODES } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { callApi, type ApiAnswer } from './testing/api-client.ts';
import { boardWithEveryRole, SALES } from './testing/board-with-every-role.ts';
import { makeDataDir, startServerProcess } from './testing/harness.ts';

// Pages say a refusal in the reader's language by its code: every error answer carries one from
// the shared list, and a limit where the input broke one.

const KNOWN_CODES: readonly string[] = [...API_ERROR_CODES, ...BOARD_MODEL_ERROR_CODES];

const refusal = (answer: ApiAnswer<Record<string, unknown>>) => ({
  status: answer.status,
  code: answer.body.code,
  limit: answer.body.limit,
});

describe('error codes', () => {
  it('name each refused sign-up and sign-in, with the limit a too short or too long input broke', async () => {
    const server = await startServerProcess(await makeDataDir());
    const signUp = (details: Record<string, unknown>) =>
      callApi(server, null, 'POST', '/api/auth/signup', {
        email: 'new@journeyboard.test',
        password: 'a long enough password',
        name: 'Nam',
        ...details,
      });
    const cases: [Record<string, unknown>, ReturnType<typeof refusal>][] = [
      [{ email: 'owner@journeyboard.test' }, { status: 400, code: 'SIGN_UP_REFUSED', limit: undefined }],
      [{ email: 'not an email' }, { status: 400, code: 'INVALID_EMAIL', limit: undefined }],
      [{ password: 'short' }, { status: 400, code: 'PASSWORD_TOO_SHORT', limit: 8 }],
      [{ password: 'x'.repeat(257) }, { status: 400, code: 'PASSWORD_TOO_LONG', limit: 256 }],
      [{ name: '   ' }, { status: 400, code: 'NAME_EMPTY', limit: undefined }],
      [{ name: 'n'.repeat(81) }, { status: 400, code: 'NAME_TOO_LONG', limit: 80 }],
      [{ name: 42 }, { status: 400, code: 'INVALID_REQUEST', limit: undefined }],
    ];
    for (const [details, expected] of cases) {
      expect(refusal(await signUp(details)), JSON.stringify(details)).toEqual(expected);
    }
    const signIn = await callApi(server, null, 'POST', '/api/auth/signin', {
      email: 'owner@journeyboard.test',
      password: 'not the password',
    });
    expect(refusal(signIn)).toMatchObject({ status: 401, code: 'WRONG_CREDENTIALS' });
    expect(refusal(await callApi(server, null, 'GET', '/api/boards'))).toMatchObject({
      status: 401,
      code: 'SIGN_IN_REQUIRED',
    });
    expect(refusal(await callApi(server, server.owner, 'PUT', '/api/boards'))).toMatchObject({
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
    });
  });

  it('name each refusal of members, invitations and links', async () => {
    const { server, boardId, people, links } = await boardWithEveryRole();
    const board = `/api/boards/${boardId}`;
    const answers: [string, ApiAnswer<Record<string, unknown>>, number, string][] = [
      [
        'a lead gives a role above their own',
        await callApi(server, people.salesLead, 'POST', `${board}/invitations`, {
          email: 'x@journeyboard.test',
          role: 'facilitator',
        }),
        403,
        'ROLE_NOT_GRANTABLE',
      ],
      [
        'a participant without a department',
        await callApi(server, server.owner, 'POST', `${board}/invitations`, {
          email: 'x@journeyboard.test',
          role: 'participant',
        }),
        400,
        'DEPARTMENT_REQUIRED',
      ],
      [
        'a department the board does not have',
        await callApi(server, server.owner, 'POST', `${board}/invitations`, {
          email: 'x@journeyboard.test',
          role: 'participant',
          departmentId: 'dept-nowhere',
        }),
        400,
        'UNKNOWN_DEPARTMENT',
      ],
      [
        'a lead invites into another department',
        await callApi(server, people.salesLead, 'POST', `${board}/invitations`, {
          email: 'x@journeyboard.test',
          role: 'participant',
          departmentId: 'dept-support',
        }),
        403,
        'OTHER_DEPARTMENT',
      ],
      [
        'an invitation that is not there',
        await callApi(server, server.owner, 'DELETE', `${board}/invitations/nope`),
        404,
        'INVITATION_NOT_FOUND',
      ],
      [
        'a member who is not there',
        await callApi(server, server.owner, 'PATCH', `${board}/members/nobody`, { role: 'viewer' }),
        404,
        'MEMBER_NOT_FOUND',
      ],
      [
        "the owner's role",
        await callApi(server, people.facilitator, 'PATCH', `${board}/members/${server.owner.userId}`, {
          role: 'viewer',
        }),
        403,
        'OWNER_ROLE_FIXED',
      ],
      [
        'removing the owner',
        await callApi(server, people.facilitator, 'DELETE', `${board}/members/${server.owner.userId}`),
        403,
        'OWNER_NOT_REMOVABLE',
      ],
      [
        'a participant removes someone',
        await callApi(server, people.salesParticipant, 'DELETE', `${board}/members/${people.viewer.userId}`),
        403,
        'MEMBER_NOT_REMOVABLE',
      ],
      [
        'handing the board to a guest',
        await callApi(server, server.owner, 'POST', `${board}/transfer`, {
          userId: people.supportGuest.userId,
        }),
        400,
        'OWNER_NEEDS_ACCOUNT',
      ],
      [
        'a viewer lists the links',
        await callApi(server, people.viewer, 'GET', `${board}/links`),
        403,
        'ROLE_NOT_ALLOWED',
      ],
      [
        'revoking a link that is not there',
        await callApi(server, server.owner, 'DELETE', `${board}/links/nope`),
        404,
        'LINK_NOT_FOUND',
      ],
      [
        'a join link used to watch',
        await callApi(server, null, 'POST', `/api/links/${links.join.token}/watch`, {}),
        404,
        'LINK_NOT_WORKING',
      ],
      [
        'joining into no department',
        await callApi(server, null, 'POST', `/api/links/${links.join.token}/join`, {
          name: 'Nobody Yet',
          departmentId: 'dept-nowhere',
        }),
        400,
        'UNKNOWN_DEPARTMENT',
      ],
      [
        'a guest changes a password',
        await callApi(server, people.supportGuest, 'POST', '/api/auth/password', { current: 'a', next: 'b' }),
        400,
        'ACCOUNT_REQUIRED',
      ],
      [
        'an invitation link that is not there',
        await callApi(server, null, 'GET', '/api/invitations/nope'),
        404,
        'INVITATION_NOT_FOUND',
      ],
    ];
    for (const [what, answer, status, code] of answers) {
      expect({ status: answer.status, code: answer.body.code }, what).toEqual({ status, code });
      expect(answer.body.error, what).toEqual(expect.any(String));
    }
  });

  it('come from the shared list, for whatever the API refuses', async () => {
    const { server, boardId, people } = await boardWithEveryRole();
    const requests: [string, string, unknown][] = [
      ['GET', `/api/boards/${boardId}/members`, undefined],
      ['POST', `/api/boards/${boardId}/lanes`, { name: '', kind: 'notes', department: SALES }],
      ['PATCH', `/api/boards/${boardId}/lanes/nope`, { name: 'x' }],
      ['DELETE', `/api/boards/${boardId}`, undefined],
      ['POST', '/api/boards', { title: '' }],
      ['POST', '/api/auth/signout-everywhere', {}],
      ['GET', '/api/nowhere', undefined],
      [
        'POST',
        `/api/boards/${boardId}/session/vote`,
        { laneIds: null, votesPerPerson: 3, allowMultiple: false },
      ],
      ['PUT', `/api/boards/${boardId}/session/vote/mine/nocard`, { count: 1 }],
    ];
    for (const person of [people.watcher, people.salesLead, people.viewer]) {
      for (const [method, path, body] of requests) {
        const answer = await callApi(server, person, method, path, body);
        if (answer.status < 400) continue;
        expect(KNOWN_CODES, `${method} ${path}: ${JSON.stringify(answer.body)}`).toContain(answer.body.code);
      }
    }
  });
});
