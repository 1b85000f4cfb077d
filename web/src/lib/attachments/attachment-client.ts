/**
 * The server's attachment API, as the pages use it: uploads by XMLHttpRequest (the one browser
 * API that reports an upload's progress), the rest by fetch. Refusals are `ApiError`s, said in
 * the reader's language by `describeApiError`.
 */
import type { AttachmentId, AttachmentInfo, AttachmentList, AttachmentType } from '@journeyboard/board-model';
import { ApiError } from '#lib/api.ts';

const attachmentsPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/attachments`;

/** Where an attachment's bytes are served (images open in the page, other files download). */
export function attachmentUrl(boardId: string, id: AttachmentId): string {
  return `${attachmentsPath(boardId)}/${encodeURIComponent(id)}`;
}

/** Where an image attachment's thumbnail is served. */
export function thumbnailUrl(boardId: string, id: AttachmentId): string {
  return `${attachmentUrl(boardId, id)}/thumbnail`;
}

/** The error a refusal's answer carries (its code, limit and wait), or one for no answer at all. */
function refusal(status: number, text: string, retryAfterHeader: string | null): ApiError {
  let body: { error?: unknown; code?: unknown; limit?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // A proxy's error page, or nothing: the status says what it can.
  }
  const retryAfter = Number(retryAfterHeader);
  return new ApiError(status, typeof body.error === 'string' ? body.error : `HTTP ${status}`, {
    code: typeof body.code === 'string' ? body.code : null,
    limit: typeof body.limit === 'number' && Number.isFinite(body.limit) ? body.limit : null,
    retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  });
}

export interface UploadOptions {
  /** Called as the bytes go out, with the part sent (0 to 1). */
  onprogress?: (fraction: number) => void;
  /** Cancels the upload; the promise then rejects with an `AbortError`. */
  signal?: AbortSignal;
}

/**
 * Uploads `file` as an attachment of the board, sent as `type` (the page's reading of it, see
 * `attachmentTypeOf`; the server checks it against the bytes). Resolves with what the server kept.
 */
export function uploadAttachment(
  boardId: string,
  file: File,
  type: AttachmentType,
  options: UploadOptions = {},
): Promise<AttachmentInfo> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', attachmentsPath(boardId));
    request.setRequestHeader('content-type', type);
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onprogress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 201) {
        options.onprogress?.(1);
        resolve((JSON.parse(request.responseText) as { attachment: AttachmentInfo }).attachment);
      } else {
        reject(refusal(request.status, request.responseText, request.getResponseHeader('retry-after')));
      }
    };
    request.onerror = () => reject(new ApiError(0, 'the upload did not reach the server'));
    request.onabort = () => reject(new DOMException('the upload was cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}

async function answer<T>(response: Promise<Response>): Promise<T> {
  let answered: Response;
  try {
    answered = await response;
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  const text = await answered.text();
  if (!answered.ok) throw refusal(answered.status, text, answered.headers.get('retry-after'));
  return JSON.parse(text) as T;
}

/** The board's attachments (without their bytes) and the room they take. */
export function listAttachments(boardId: string): Promise<AttachmentList> {
  return answer<AttachmentList>(fetch(attachmentsPath(boardId)));
}

/** Deletes an attachment from the server (its uploader, the owner, facilitators). */
export async function deleteAttachment(boardId: string, id: AttachmentId): Promise<void> {
  await answer(fetch(attachmentUrl(boardId, id), { method: 'DELETE' }));
}
