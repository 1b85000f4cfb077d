import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorBody, ApiErrorCode, BoardModelErrorCode } from '@journeyboard/board-model';

/** A refusal of the HTTP API: its status, its stable `code`, and an English message for logs and API users. */
export class HttpError extends Error {
  readonly status: number;
  /** Why, as a stable name: pages say it in the reader's language (`API_ERROR_CODES`). */
  readonly code: ApiErrorCode | BoardModelErrorCode;
  readonly headers: Record<string, string>;
  /** The limit the input broke, where there is one. */
  readonly limit: number | undefined;
  constructor(
    status: number,
    code: ApiErrorCode | BoardModelErrorCode,
    message: string,
    details: { headers?: Record<string, string>; limit?: number } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = details.headers ?? {};
    this.limit = details.limit;
  }

  /** The error answer's body. */
  get body(): ApiErrorBody {
    return errorBody(this.message, this.code, this.limit);
  }
}

/** The body of an error answer: every one carries a code, and a limit where the input broke one. */
export function errorBody(
  error: string,
  code: ApiErrorCode | BoardModelErrorCode,
  limit?: number,
): ApiErrorBody {
  return limit === undefined ? { error, code } : { error, code, limit };
}

/** Refuses with 429 and Retry-After when a rate limiter said to wait (`RateLimiter.hit`). */
export function refuseWhenLimited(waitMs: number): void {
  if (waitMs > 0) {
    throw new HttpError(
      429,
      'TOO_MANY_ATTEMPTS',
      `Too many attempts. Try again in ${Math.ceil(waitMs / 60_000)} minute(s).`,
      { headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) } },
    );
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** `application/json`, with at most a UTF-8 charset: the one body type the API reads. */
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a JSON request body of at most `limit` bytes; refuses other content types and encodings. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // Only plain JSON: look-alikes (application/json-patch+json, other charsets) would be read as
  // something they are not. Requiring JSON also keeps plain cross-site form posts out: a browser
  // must ask first (CORS).
  if (!JSON_TYPE.test(type.trim())) {
    throw new HttpError(415, 'NOT_JSON', 'Send the request body as JSON (Content-Type: application/json)');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw new HttpError(413, 'BODY_TOO_LARGE', `The request body is larger than ${limit} bytes`, {
        limit,
      });
    chunks.push(chunk);
  }
  let text: string;
  try {
    // Strict: a lenient decoder would turn broken bytes into U+FFFD and store what was never sent.
    text = utf8.decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'BODY_NOT_UTF8', 'The request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'BODY_NOT_VALID_JSON', 'The request body is not valid JSON');
  }
}
