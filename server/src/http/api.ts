import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BoardModelError,
  defaultBoard,
  initBoard,
  isValidId,
  newId,
  structureDocName,
} from '@journeyboard/board-model';
import type { Logger } from 'pino';
import * as v from 'valibot';
import * as Y from 'yjs';
import type { BoardStore } from '../storage/board-store.ts';
import { HttpError, readJson, sendJson } from './responses.ts';

export interface ApiDependencies {
  boards: BoardStore;
  /** Resolves when storage answers; rejects otherwise. */
  pingStorage: () => Promise<void>;
  storageKind: string;
  log: Logger;
}

const NewBoardRequest = v.object(
  {
    title: v.pipe(v.string('title must be text'), v.trim(), v.minLength(1, 'Give the board a title')),
    locale: v.optional(v.picklist(['en', 'vi'], 'locale must be "en" or "vi"'), 'en'),
  },
  // Also the message for a missing title, instead of valibot's "Invalid key: Expected …".
  'Send the board as a JSON object with a title, e.g. {"title": "Checkout"}',
);

/**
 * The JSON API and the health check. Returns false for any path it does not serve, so the
 * caller can hand the request to the web app.
 */
export function createApiHandler(deps: ApiDependencies) {
  const { boards, log } = deps;

  async function health(res: ServerResponse): Promise<void> {
    try {
      await Promise.race([
        deps.pingStorage(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('storage did not answer in 2 s')), 2_000),
        ),
      ]);
      sendJson(res, 200, { status: 'ok', storage: deps.storageKind });
    } catch (error) {
      log.error({ err: error }, 'health check: storage unreachable');
      sendJson(res, 503, { status: 'unavailable', storage: deps.storageKind, error: String(error) });
    }
  }

  async function createBoard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = v.safeParse(NewBoardRequest, await readJson(req));
    if (!parsed.success) throw new HttpError(400, parsed.issues.map((i) => i.message).join('; '));
    const id = newId();
    const structure = new Y.Doc();
    initBoard(structure, defaultBoard(parsed.output.locale, parsed.output.title));
    const board = await boards.create({ id, title: parsed.output.title }, [
      { docName: structureDocName(id), state: Y.encodeStateAsUpdate(structure) },
    ]);
    structure.destroy();
    log.info({ boardId: id }, 'board created');
    sendJson(res, 201, board);
  }

  async function getBoard(id: string, res: ServerResponse): Promise<void> {
    const board = isValidId(id) ? await boards.get(id) : null;
    if (!board) throw new HttpError(404, `Board "${id}" not found`);
    sendJson(res, 200, board);
  }

  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path !== '/healthz' && !path.startsWith('/api/')) return false;
    try {
      if (path === '/healthz' && req.method === 'GET') {
        await health(res);
      } else if (path === '/api/boards' && req.method === 'GET') {
        sendJson(res, 200, { boards: await boards.list() });
      } else if (path === '/api/boards' && req.method === 'POST') {
        await createBoard(req, res);
      } else if (path.startsWith('/api/boards/') && req.method === 'GET') {
        await getBoard(decodeURIComponent(path.slice('/api/boards/'.length)), res);
      } else {
        throw new HttpError(404, `No API at ${req.method} ${path}`);
      }
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(res, error.status, { error: error.message });
      } else if (error instanceof BoardModelError) {
        sendJson(res, 400, { error: error.message, code: error.code });
      } else {
        log.error({ err: error, path }, 'API request failed');
        sendJson(res, 500, { error: 'Something went wrong on the server; nothing was changed' });
      }
    }
    return true;
  };
}
