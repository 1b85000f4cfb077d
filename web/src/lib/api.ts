/** The server's JSON API, as the pages use it. */

export interface BoardSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function request<T>(fetcher: typeof fetch, path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(path, init);
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new ApiError(response.status, body.error ?? response.statusText);
  return body as T;
}

export function listBoards(fetcher: typeof fetch = fetch): Promise<BoardSummary[]> {
  return request<{ boards: BoardSummary[] }>(fetcher, '/api/boards').then((r) => r.boards);
}

export function getBoard(id: string, fetcher: typeof fetch = fetch): Promise<BoardSummary> {
  return request<BoardSummary>(fetcher, `/api/boards/${encodeURIComponent(id)}`);
}

export function createBoard(title: string, locale: 'en' | 'vi'): Promise<BoardSummary> {
  return request<BoardSummary>(fetch, '/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, locale }),
  });
}
