/** Calls to the JSON API as a page would make them, with whatever cookie and headers a test names. */
import type { Identity, ServerProcess } from './harness.ts';

/** The API's answer: status, parsed JSON body (null when empty), headers, and any cookie it set. */
export interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
  /** The `name=value` part of the Set-Cookie header; null when none was set. */
  cookie: string | null;
}

/**
 * Sends `method path` to the API as `as` (no cookie when null), with `body` as JSON when given and
 * any extra `headers` (Origin, Sec-Fetch-Site…).
 */
export async function callApi<T = Record<string, unknown>>(
  server: ServerProcess,
  as: Identity | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer<T>> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(as ? { cookie: as.cookie } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? null;
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    headers: response.headers,
    cookie,
  };
}

/** Who a session cookie stands for: a guest, or a watcher, who has no user. */
export async function identityOf(server: ServerProcess, cookie: string): Promise<Identity> {
  const me = await callApi<{ user: { id: string } | null }>(
    server,
    { cookie, userId: null },
    'GET',
    '/api/auth/me',
  );
  return { cookie, userId: me.body.user?.id ?? null };
}

/** Creates a share link of `kind` on `boardId` as the owner and returns its token. */
export async function shareLinkToken(
  server: ServerProcess,
  boardId: string,
  kind: 'join' | 'watch',
): Promise<string> {
  const answer = await callApi<{ link: { token: string } }>(
    server,
    server.owner,
    'POST',
    `/api/boards/${boardId}/links`,
    {
      kind,
    },
  );
  if (answer.status !== 201) throw new Error(`creating a ${kind} link answered ${answer.status}`);
  return answer.body.link.token;
}
