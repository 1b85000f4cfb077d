import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ATTACHMENT_LIMITS,
  type AttachmentList,
  isValidId,
  mayRemoveAttachment,
  mayUploadAttachment,
  newId,
} from '@journeyboard/board-model';
import { MINUTES_15, RateLimiter } from '../auth/rate-limiter.ts';
import { type ApiDependencies, requireAccess } from './api-context.ts';
import {
  announcedSize,
  checkContent,
  closeAfterAnswer,
  contentDisposition,
  declaredTypeOf,
  fileNameOf,
  isImageType,
  makeThumbnail,
  readFileBody,
  servedType,
} from './attachment-files.ts';
import { HttpError, refuseWhenLimited, sendJson } from './responses.ts';
import type { Router } from './router.ts';

/** Uploads one person may make in 15 minutes, on every board together: a workshop's photos, not a flood. */
const UPLOADS_PER_PERSON = 60;

/**
 * What a kept file's answer says besides its type: never guessed from its bytes (nosniff, also
 * on every answer), read by this site's pages only (CORP), kept by this browser only, and, should
 * it be opened as a page, run in a sandbox that loads nothing.
 */
const FILE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': "sandbox; default-src 'none'; img-src 'self'; frame-ancestors 'none'",
  // The bytes behind an id never change: a browser may keep them a while, and ask again with the
  // ETag after (the access check runs on every request that reaches the server).
  // Asked again every time (an ETag makes it cheap), so that someone whose access ends sees no file
  // from the browser's cache.
  'cache-control': 'private, no-cache',
} as const;

const notFound = (id: string) =>
  new HttpError(404, 'ATTACHMENT_NOT_FOUND', `This board has no attachment "${id}"`);

function checkIds(params: Record<string, string>): { boardId: string; attachmentId: string } {
  const boardId = params.id!;
  const attachmentId = params.attachmentId ?? '';
  if (!isValidId(boardId)) throw new HttpError(404, 'BOARD_NOT_FOUND', `Board "${boardId}" not found`);
  if (params.attachmentId !== undefined && !isValidId(attachmentId)) throw notFound(attachmentId);
  return { boardId, attachmentId };
}

/** Answers 304 when the browser already holds these bytes (`etag`); true when it did. */
function answeredFromCache(req: IncomingMessage, res: ServerResponse, etag: string): boolean {
  if (req.headers['if-none-match'] !== etag) return false;
  res.writeHead(304, { etag, 'cache-control': FILE_HEADERS['cache-control'] });
  res.end();
  return true;
}

function sendFile(res: ServerResponse, headers: Record<string, string>, data: Uint8Array): void {
  res.writeHead(200, { ...FILE_HEADERS, ...headers, 'content-length': data.byteLength });
  res.end(data);
}

/**
 * Attachments of a board: files on its cards and personas, kept by the server (see
 * AttachmentStore). Everyone with a role on the board reads them; everyone who may write
 * something uploads; the uploader and those who run the board delete them. A board's
 * attachments are reached through that board only: an id of another board is not found.
 */
export function addAttachmentRoutes(router: Router, deps: ApiDependencies): void {
  const { attachments, log } = deps;
  const uploadsByPerson = new RateLimiter(UPLOADS_PER_PERSON, MINUTES_15);

  router.add('POST', '/api/boards/:id/attachments', async ({ req, res, params }) => {
    const { boardId } = checkIds(params);
    try {
      const { access } = await requireAccess(deps, req, res, boardId);
      if (!mayUploadAttachment(access) || access.userId === null) {
        throw new HttpError(
          403,
          'ROLE_NOT_ALLOWED',
          `Your role on this board (${access.role}) cannot attach files`,
        );
      }
      refuseWhenLimited(uploadsByPerson.hit(access.userId));
      const name = fileNameOf(req);
      const declared = declaredTypeOf(req);
      const announced = announcedSize(req);
      const full = (usedBytes: number) =>
        new HttpError(
          413,
          'BOARD_ATTACHMENTS_FULL',
          `The board's attachments would take more than ${ATTACHMENT_LIMITS.boardBytes} bytes ` +
            `(${usedBytes} are used): remove some first`,
          { limit: ATTACHMENT_LIMITS.boardBytes },
        );
      // Refused before a byte is read when the announced size already does not fit.
      if (announced !== null) {
        const usedBytes = await attachments.usedBytes(boardId);
        if (usedBytes + announced > ATTACHMENT_LIMITS.boardBytes) throw full(usedBytes);
      }
      const data = await readFileBody(req);
      const type = checkContent(declared, data);
      const thumbnail = isImageType(type) ? await makeThumbnail(type, data) : null;
      const outcome = await attachments.add(
        { id: newId(), boardId, name, type, data, thumbnail, createdBy: access.userId },
        ATTACHMENT_LIMITS.boardBytes,
      );
      if ('boardGone' in outcome) throw new HttpError(404, 'BOARD_NOT_FOUND', `Board "${boardId}" not found`);
      if ('full' in outcome) throw full(outcome.full.usedBytes);
      log.info(
        { boardId, attachmentId: outcome.stored.id, type, bytes: data.byteLength },
        'attachment stored',
      );
      sendJson(res, 201, { attachment: outcome.stored });
    } catch (error) {
      closeAfterAnswer(req, res);
      throw error;
    }
  });

  router.add('GET', '/api/boards/:id/attachments', async ({ req, res, params }) => {
    const { boardId } = checkIds(params);
    await requireAccess(deps, req, res, boardId);
    const list: AttachmentList = {
      attachments: await attachments.list(boardId),
      usedBytes: await attachments.usedBytes(boardId),
    };
    sendJson(res, 200, list);
  });

  router.add('GET', '/api/boards/:id/attachments/:attachmentId', async ({ req, res, params }) => {
    const { boardId, attachmentId } = checkIds(params);
    await requireAccess(deps, req, res, boardId);
    const etag = `"${attachmentId}"`;
    // Only after the access check: a 304 would tell a stranger that the file exists.
    const info = await attachments.info(boardId, attachmentId);
    if (info === null) throw notFound(attachmentId);
    if (answeredFromCache(req, res, etag)) return;
    const file = await attachments.file(boardId, attachmentId);
    if (file === null) throw notFound(attachmentId);
    sendFile(
      res,
      {
        'content-type': servedType(file.info.type),
        'content-disposition': contentDisposition(file.info.type, file.info.name),
        etag,
      },
      file.data,
    );
  });

  router.add('GET', '/api/boards/:id/attachments/:attachmentId/thumbnail', async ({ req, res, params }) => {
    const { boardId, attachmentId } = checkIds(params);
    await requireAccess(deps, req, res, boardId);
    const etag = `"${attachmentId}-thumbnail"`;
    const thumbnail = await attachments.thumbnail(boardId, attachmentId);
    if (thumbnail === null) {
      throw new HttpError(
        404,
        'ATTACHMENT_NOT_FOUND',
        `This board has no image attachment "${attachmentId}"`,
      );
    }
    if (answeredFromCache(req, res, etag)) return;
    sendFile(res, { 'content-type': 'image/webp', 'content-disposition': 'inline', etag }, thumbnail);
  });

  router.add('DELETE', '/api/boards/:id/attachments/:attachmentId', async ({ req, res, params }) => {
    const { boardId, attachmentId } = checkIds(params);
    const { access } = await requireAccess(deps, req, res, boardId);
    const info = await attachments.info(boardId, attachmentId);
    if (info === null) throw notFound(attachmentId);
    if (!mayRemoveAttachment(access, access.userId, info.createdBy)) {
      throw new HttpError(
        403,
        'ATTACHMENT_NOT_REMOVABLE',
        'Only whoever attached this file, the owner and facilitators delete it',
      );
    }
    await attachments.delete(boardId, attachmentId);
    log.info({ boardId, attachmentId }, 'attachment deleted');
    sendJson(res, 200, { deleted: true });
  });
}
