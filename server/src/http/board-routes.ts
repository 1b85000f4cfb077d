import {
  buildTemplate,
  cardAuthorOf,
  DEFAULT_TEMPLATE,
  initBoard,
  isTemplateId,
  isValidId,
  laneDocName,
  newId,
  readCards,
  structureDocName,
  TEMPLATE_IDS,
  writeTemplateCards,
} from '@journeyboard/board-model';
import * as v from 'valibot';
import * as Y from 'yjs';
import { AccessRevoked } from '../sync/close-reasons.ts';
import { type ApiDependencies, readBody, requireAccess, requireSession } from './api-context.ts';
import { HttpError, sendJson } from './responses.ts';
import type { Router } from './router.ts';

const NewBoard = v.object(
  {
    title: v.pipe(v.string('title must be text'), v.trim()),
    locale: v.optional(v.picklist(['en', 'vi'], 'locale must be "en" or "vi"'), 'en'),
    // Checked by the route, so that an unknown template has a code of its own.
    template: v.optional(v.string('template must be text'), DEFAULT_TEMPLATE),
  },
  // Also the message for a missing title, instead of valibot's "Invalid key: Expected …".
  'Send the board as a JSON object with a title, e.g. {"title": "Checkout"}',
);
const Transfer = v.object({ userId: v.string('userId must be text') }, 'Send {"userId"} as JSON');

/** Boards: the caller's list, creating one, one board with the caller's access, delete, transfer. */
export function addBoardRoutes(router: Router, deps: ApiDependencies): void {
  const { boards, memberships, log } = deps;

  const checkId = (id: string) => {
    if (!isValidId(id)) throw new HttpError(404, 'BOARD_NOT_FOUND', `Board "${id}" not found`);
    return id;
  };

  router.add('GET', '/api/boards', async ({ req, res }) => {
    const valid = await requireSession(deps, req, res);
    if (valid.session.boardId) {
      // A session made by a link opens its one board, in whatever role the guest has now.
      const board = await boards.get(valid.session.boardId);
      const access = board ? await memberships.resolveAccess(valid.session, valid.user, board.id) : null;
      sendJson(res, 200, { boards: board && access ? [{ ...board, role: access.role }] : [] });
      return;
    }
    if (!valid.user) throw new HttpError(401, 'SIGN_IN_REQUIRED', 'Sign in first');
    const roles = new Map((await memberships.boardsOf(valid.user.id)).map((m) => [m.boardId, m.role]));
    const list = (await boards.list())
      .filter((b) => roles.has(b.id))
      .map((b) => ({ ...b, role: roles.get(b.id) }));
    sendJson(res, 200, { boards: list });
  });

  router.add('POST', '/api/boards', async ({ req, res }) => {
    const valid = await requireSession(deps, req, res);
    if (valid.user?.kind !== 'account')
      throw new HttpError(403, 'ACCOUNT_REQUIRED', 'Sign in with an account to create boards');
    const body = await readBody(req, NewBoard);
    if (body.title === '') throw new HttpError(400, 'BOARD_TITLE_EMPTY', 'Give the board a title');
    if (!isTemplateId(body.template)) {
      throw new HttpError(
        400,
        'UNKNOWN_TEMPLATE',
        `Template ${JSON.stringify(body.template)} is not known: use one of ${TEMPLATE_IDS.join(', ')}`,
      );
    }
    const id = newId();
    // The structure doc and every lane doc the template fills, stored with the board in one
    // transaction, with a record of each card under the owner: their cards then move, and are
    // put back by undo, like cards they wrote on the page.
    const built = buildTemplate(body.template, body.locale, body.title);
    const structure = new Y.Doc();
    const ids = initBoard(structure, built.board);
    const author = cardAuthorOf({
      userId: valid.user.id,
      displayName: valid.user.displayName,
      departmentId: null,
      guest: false,
    })!;
    const laneDocs = new Map<string, Y.Doc>();
    writeTemplateCards(
      built,
      ids,
      (laneId) => {
        const doc = laneDocs.get(laneId) ?? new Y.Doc();
        laneDocs.set(laneId, doc);
        return doc;
      },
      author,
    );
    const documents = [{ docName: structureDocName(id), state: Y.encodeStateAsUpdate(structure) }];
    const cards: { cardId: string; laneId: string }[] = [];
    for (const [laneId, doc] of laneDocs) {
      documents.push({ docName: laneDocName(id, laneId), state: Y.encodeStateAsUpdate(doc) });
      for (const card of readCards(doc)) cards.push({ cardId: card.id, laneId });
      doc.destroy();
    }
    structure.destroy();
    const board = await boards.create({ id, title: body.title }, documents, { author, cards });
    await memberships.setMember(id, valid.user.id, 'owner', null);
    log.info({ boardId: id, userId: valid.user.id }, 'board created');
    sendJson(res, 201, { ...board, role: 'owner' });
  });

  router.add('GET', '/api/boards/:id', async ({ req, res, params }) => {
    const id = checkId(params.id!);
    const { valid, access } = await requireAccess(deps, req, res, id);
    const board = await boards.get(id);
    sendJson(res, 200, { ...board, access, user: valid.user });
  });

  router.add('DELETE', '/api/boards/:id', async ({ req, res, params }) => {
    const id = checkId(params.id!);
    await requireAccess(deps, req, res, id, ['owner']);
    await boards.delete(id);
    await deps.access.refreshBoard(id, AccessRevoked);
    log.info({ boardId: id }, 'board deleted');
    sendJson(res, 200, { deleted: true });
  });

  router.add('POST', '/api/boards/:id/transfer', async ({ req, res, params }) => {
    const id = checkId(params.id!);
    const { access } = await requireAccess(deps, req, res, id, ['owner']);
    const body = await readBody(req, Transfer);
    const target = await memberships.member(id, body.userId);
    if (!target || target.guest)
      throw new HttpError(400, 'OWNER_NEEDS_ACCOUNT', 'Ownership goes to a member who has an account');
    await memberships.transferOwnership(id, access.userId!, body.userId);
    await deps.access.refreshBoard(id);
    sendJson(res, 200, { owner: body.userId });
  });
}
