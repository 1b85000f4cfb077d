import { readBoard, structureDocName } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import {
  connectClient,
  createBoard,
  listBoards,
  makeDataDir,
  startServerProcess,
  type ServerProcess,
} from './testing/harness.ts';
import { TEST_STORE } from './testing/test-store.ts';

const startServer = async () => startServerProcess(await makeDataDir());

async function postBoard(server: ServerProcess, body: string, contentType = 'application/json') {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': contentType, cookie: server.owner.cookie },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('HTTP API', () => {
  it('creates a board from the default template, which clients can then open', async () => {
    const server = await startServer();
    const created = await postBoard(server, JSON.stringify({ title: '  Mua hàng online ', locale: 'vi' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Mua hàng online',
      id: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
    });
    expect(created.body.createdAt).toBe(created.body.updatedAt);

    const structure = await connectClient(server).open(structureDocName(String(created.body.id)));
    const board = readBoard(structure.document);
    expect(board.title).toBe('Mua hàng online');
    expect(board.stages.map((stage) => stage.name)).toEqual([
      'Nhận biết',
      'Cân nhắc',
      'Quyết định',
      'Duy trì',
      'Ủng hộ',
    ]);
    expect(board.lanes).toHaveLength(4);
  });

  it('refuses a board without a title, or with an unknown locale, with 400 and a message', async () => {
    const server = await startServer();
    const missing = {
      status: 400,
      body: {
        error: 'Send the board as a JSON object with a title, e.g. {"title": "Checkout"}',
        code: 'INVALID_REQUEST',
      },
    };
    expect(await postBoard(server, JSON.stringify({ locale: 'en' }))).toEqual(missing);
    expect(await postBoard(server, JSON.stringify('Checkout'))).toEqual(missing);
    expect(await postBoard(server, JSON.stringify({ title: 42 }))).toEqual({
      status: 400,
      body: { error: 'title must be text', code: 'INVALID_REQUEST' },
    });
    expect(await postBoard(server, JSON.stringify({ title: '   ' }))).toEqual({
      status: 400,
      body: { error: 'Give the board a title', code: 'BOARD_TITLE_EMPTY' },
    });
    expect(await postBoard(server, JSON.stringify({ title: 'Checkout', locale: 'fr' }))).toEqual({
      status: 400,
      body: { error: 'locale must be "en" or "vi"', code: 'INVALID_REQUEST' },
    });
    const tooLong = await postBoard(server, JSON.stringify({ title: 'x'.repeat(500) }));
    expect(tooLong).toMatchObject({
      status: 400,
      body: { code: 'TEXT_TOO_LONG', error: expect.any(String), limit: expect.any(Number) },
    });
    expect(await postBoard(server, '{"title": "Checkout"')).toEqual({
      status: 400,
      body: { error: 'The request body is not valid JSON', code: 'BODY_NOT_VALID_JSON' },
    });
    expect(await listBoards(server)).toEqual([]);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const server = await startServer();
    const form = await postBoard(server, 'title=Checkout', 'application/x-www-form-urlencoded');
    expect(form).toEqual({
      status: 415,
      body: { error: 'Send the request body as JSON (Content-Type: application/json)', code: 'NOT_JSON' },
    });
    expect((await postBoard(server, JSON.stringify({ title: 'Checkout' }), 'text/plain')).status).toBe(415);
    expect(await listBoards(server)).toEqual([]);
  });

  it('refuses a body larger than 64 KiB with 413', async () => {
    const server = await startServer();
    for (const bytes of [64 * 1024 + 1, 4 * 1024 * 1024]) {
      const body = JSON.stringify({ title: 'x'.repeat(bytes) });
      expect(await postBoard(server, body), `${bytes} bytes`).toEqual({
        status: 413,
        body: {
          error: 'The request body is larger than 65536 bytes',
          code: 'BODY_TOO_LARGE',
          limit: 65536,
        },
      });
    }
    expect(await listBoards(server)).toEqual([]);
  });

  it('lists boards newest first', async () => {
    const server = await startServer();
    const titles = ['Onboarding', 'Checkout', 'Support'];
    for (const title of titles) {
      await createBoard(server, title);
      // Creation times are in milliseconds; keep them apart so that "newest" is well defined.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await listBoards(server)).map((board) => board.title)).toEqual([...titles].reverse());
  });

  it('answers a board by id, and 404 with the id for an unknown one', async () => {
    const server = await startServer();
    const board = await createBoard(server, 'Checkout');
    const found = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { cookie: server.owner.cookie },
    });
    expect(found.status).toBe(200);
    const { role: _role, ...summary } = board as typeof board & { role?: string };
    expect(await found.json()).toMatchObject({
      ...summary,
      access: { role: 'owner', userId: server.owner.userId },
    });

    for (const id of ['x', 'NoSuchBoard1']) {
      const missing = await fetch(`${server.url}/api/boards/${id}`, {
        headers: { cookie: server.owner.cookie },
      });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: `Board "${id}" not found`, code: 'BOARD_NOT_FOUND' });
    }
    const nowhere = await fetch(`${server.url}/api/nowhere`);
    expect(nowhere.status).toBe(404);
    expect(await nowhere.json()).toEqual({ error: 'No API at GET /api/nowhere', code: 'NO_SUCH_API' });
  });

  it('reports health as JSON', async () => {
    const server = await startServer();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ status: 'ok', storage: TEST_STORE });
  });
});
