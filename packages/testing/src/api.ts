/**
 * The calls to Journeyboard's JSON API that set up a test's or a benchmark's world: accounts and
 * boards. Sent without an Origin header unless the caller adds one (the server checks Origin only
 * when one is sent, as for a non-browser client).
 */

/** The name of the cookie that carries a session. */
export const SESSION_COOKIE = 'journeyboard_session';

/** The `journeyboard_session=value` pair a response set, or null when it set none (or cleared it). */
export function sessionCookieIn(response: Response): string | null {
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  return cookie && cookie !== `${SESSION_COOKIE}=` ? cookie : null;
}

/** The `name=value` part of a response's session cookie; throws when it set none. */
export function sessionCookieOf(response: Response): string {
  const cookie = sessionCookieIn(response);
  if (!cookie) throw new Error(`no session cookie in the response (${response.status})`);
  return cookie;
}

/** Someone signed in: the `Cookie` header to send, and who it is. */
export interface Identity {
  cookie: string;
  userId: string | null;
}

export interface AccountDetails {
  email: string;
  password: string;
  name: string;
}

export interface SignUpOptions {
  /**
   * Sign in instead when the email has an account already: a server restarted over the same data
   * folder then gives back the same person.
   */
  signInIfTaken?: boolean;
  /** Extra request headers (an Origin, as a page sends). */
  headers?: Record<string, string>;
}

function postJson(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function identityOf(response: Response, what: string): Promise<Identity> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  const { user } = (await response.json()) as { user: { id: string } };
  return { cookie: sessionCookieOf(response), userId: user.id };
}

/** Signs up an account on the server at `url`. */
export async function signUp(
  url: string,
  account: AccountDetails,
  options: SignUpOptions = {},
): Promise<Identity> {
  const response = await postJson(url, '/api/auth/signup', account, options.headers);
  if (response.status === 400 && options.signInIfTaken) return signIn(url, account, options.headers);
  return identityOf(response, `signing up ${account.email}`);
}

/** Signs an account in: a session of its own, as on another device. */
export async function signIn(
  url: string,
  account: Pick<AccountDetails, 'email' | 'password'>,
  headers: Record<string, string> = {},
): Promise<Identity> {
  const response = await postJson(
    url,
    '/api/auth/signin',
    { email: account.email, password: account.password },
    headers,
  );
  return identityOf(response, `signing in ${account.email}`);
}

/** A board as the API returns it. */
export interface BoardSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

/** Creates a board from the default template (five stages, four shared lanes), as the home page does. */
export async function createBoard(
  url: string,
  cookie: string,
  title: string,
  headers: Record<string, string> = {},
): Promise<BoardSummary> {
  const response = await postJson(url, '/api/boards', { title, locale: 'en' }, { cookie, ...headers });
  if (response.status !== 201)
    throw new Error(`creating the board "${title}" answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as BoardSummary;
}
