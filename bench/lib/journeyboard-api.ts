/**
 * The few calls to Journeyboard's JSON API a benchmark needs to set up its world: an owner, boards,
 * join and watch links, and the cookies of the people who come by them. Sent without an Origin
 * header, as a non-browser client does (the server checks Origin only when one is sent).
 */
import {
  createBoard as createBoardOverApi,
  sessionCookieIn,
  signUp as signUpOverApi,
} from '@journeyboard/testing';

/** The department the benchmark's guests join: its lanes and the shared ones are theirs to edit. */
export const BENCH_DEPARTMENT = 'dept-sales';

interface Answer<T> {
  status: number;
  body: T;
  /** The `name=value` part of the session cookie the server set, if any. */
  cookie: string | null;
}

async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const answer: Answer<T> = {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    cookie: sessionCookieIn(response),
  };
  return answer;
}

function expect<T>(answer: Answer<T>, status: number, what: string): Answer<T> {
  if (answer.status !== status) {
    throw new Error(`${what}: the server answered ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer;
}

/** Signs up a new account and returns its session cookie. */
/** The display name of every benchmark's board owner: the name their comments must carry. */
export const OWNER_NAME = 'Benchmark Owner';

export async function signUp(baseUrl: string, email: string): Promise<string> {
  const owner = await signUpOverApi(baseUrl, {
    email,
    password: 'benchmark password, long enough',
    name: OWNER_NAME,
  });
  return owner.cookie;
}

/** Creates a board from the default template (five stages, four shared lanes); returns its id. */
export async function createBoard(baseUrl: string, owner: string, title: string): Promise<string> {
  return (await createBoardOverApi(baseUrl, owner, title)).id;
}

/** Makes a join or watch link for a board; returns its token. */
export async function createLink(
  baseUrl: string,
  owner: string,
  boardId: string,
  kind: 'join' | 'watch',
): Promise<string> {
  const answer = await call<{ link: { token: string } }>(
    baseUrl,
    'POST',
    `/api/boards/${boardId}/links`,
    { kind },
    owner,
  );
  return expect(answer, 201, `making a ${kind} link`).body.link.token;
}

let people = 0;

/**
 * A new person's own address, named as a reverse proxy names it: the server under test trusts one
 * proxy (TRUST_PROXY=1), so each person is limited on their own, as on a real network, instead of
 * the whole benchmark sharing 127.0.0.1's limit on joining by link.
 */
function fromOwnAddress(): Record<string, string> {
  const n = ++people;
  return { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
}

/** Joins a board by its join link as a guest participant of `BENCH_DEPARTMENT`; returns the cookie. */
export async function joinByLink(baseUrl: string, token: string, name: string): Promise<string> {
  const joining = { name, departmentId: BENCH_DEPARTMENT };
  const answer = await call(
    baseUrl,
    'POST',
    `/api/links/${token}/join`,
    joining,
    undefined,
    fromOwnAddress(),
  );
  const cookie = expect(answer, 201, 'joining by link').cookie;
  if (!cookie) throw new Error('joining by link set no session cookie');
  return cookie;
}

/** Opens a board by its watch link, read-only; returns the watcher's cookie. */
export async function watchByLink(baseUrl: string, token: string): Promise<string> {
  const cookie = expect(
    await call(baseUrl, 'POST', `/api/links/${token}/watch`, {}, undefined, fromOwnAddress()),
    201,
    'watching by link',
  ).cookie;
  if (!cookie) throw new Error('watching by link set no session cookie');
  return cookie;
}
