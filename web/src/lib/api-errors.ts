import {
  BOARD_MODEL_ERROR_CODES,
  BoardModelError,
  type BoardModelErrorCode,
} from '@journeyboard/board-model';
import { ApiError } from './api.ts';
import { describeError } from './board/errors.ts';
import { m } from './paraglide/messages.js';

const MODEL_CODES: readonly string[] = BOARD_MODEL_ERROR_CODES;

/**
 * A failed API request, in the reader's language. The server's own message (English) is shown
 * only for a refused input it has no code for, where it is the most precise thing to say.
 */
export function describeApiError(error: unknown): string {
  if (!(error instanceof ApiError)) return describeError(error);
  if (error.code && MODEL_CODES.includes(error.code) && error.code !== 'TEXT_TOO_LONG') {
    return describeError(new BoardModelError(error.code as BoardModelErrorCode, error.message));
  }
  switch (error.status) {
    case 0:
      return m.api_unreachable();
    case 401:
      return m.api_sign_in_again();
    case 403:
      return m.api_forbidden();
    case 404:
      return m.api_not_found();
    case 429:
      return m.api_too_many({ minutes: String(Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60))) });
  }
  if (error.status >= 500) return m.api_server_error();
  return m.api_refused({ message: error.message });
}
