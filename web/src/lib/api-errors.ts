import {
  API_ERROR_CODES,
  BOARD_MODEL_ERROR_CODES,
  BoardModelError,
  type ApiErrorCode,
  type BoardModelErrorCode,
} from '@journeyboard/board-model';
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from './account-checks.ts';
import { ATTACHMENT_LIMITS } from '@journeyboard/board-model';
import { ApiError } from './api.ts';
import { describeError } from './board/errors.ts';
import { m } from './paraglide/messages.js';

const API_CODES: readonly string[] = API_ERROR_CODES;
const MODEL_CODES: readonly string[] = BOARD_MODEL_ERROR_CODES;

const isApiCode = (code: string): code is ApiErrorCode => API_CODES.includes(code);
const isModelCode = (code: string): code is BoardModelErrorCode => MODEL_CODES.includes(code);

const limitOr = (error: ApiError, fallback: number) => String(error.limit ?? fallback);
/** A limit in bytes, said in MB (10 MiB is "10"). */
const megabytesOr = (error: ApiError, fallback: number) =>
  String(Math.round((error.limit ?? fallback) / 1024 / 1024));
const waitMinutes = (error: ApiError) => String(Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)));

/**
 * What each refusal of the HTTP API tells the reader: what happened and what to do, never the
 * server's English. A code added to `API_ERROR_CODES` without a message here fails the type check.
 */
const API_MESSAGES: Record<ApiErrorCode, (error: ApiError) => string> = {
  CROSS_SITE: () => m.api_code_cross_site(),
  NO_SUCH_API: () => m.api_code_outdated_page(),
  METHOD_NOT_ALLOWED: () => m.api_code_outdated_page(),
  NOT_JSON: () => m.api_code_unreadable_request(),
  BODY_TOO_LARGE: () => m.api_code_body_too_large(),
  BODY_NOT_UTF8: () => m.api_code_unreadable_request(),
  BODY_NOT_VALID_JSON: () => m.api_code_unreadable_request(),
  INVALID_REQUEST: () => m.api_code_unreadable_request(),
  TOO_MANY_ATTEMPTS: (error) => m.api_too_many({ minutes: waitMinutes(error) }),
  SERVER_ERROR: () => m.api_server_error(),
  STORAGE_UNAVAILABLE: () => m.api_code_storage_unavailable(),
  SIGN_IN_REQUIRED: () => m.api_sign_in_again(),
  ACCOUNT_REQUIRED: () => m.api_code_account_required(),
  ROLE_NOT_ALLOWED: () => m.api_code_role_not_allowed(),
  SIGN_UP_REFUSED: () => m.api_code_sign_up_refused(),
  WRONG_CREDENTIALS: () => m.signin_wrong(),
  WRONG_CURRENT_PASSWORD: () => m.account_password_wrong_current(),
  INVALID_EMAIL: () => m.check_email(),
  PASSWORD_TOO_SHORT: (error) => m.check_password_short({ min: limitOr(error, PASSWORD_MIN) }),
  PASSWORD_TOO_LONG: (error) => m.check_password_long({ max: limitOr(error, PASSWORD_MAX) }),
  NAME_EMPTY: () => m.check_name_empty(),
  NAME_TOO_LONG: (error) => m.check_name_long({ max: limitOr(error, NAME_MAX) }),
  BOARD_NOT_FOUND: () => m.api_code_board_not_found(),
  BOARD_TITLE_EMPTY: () => m.api_code_board_title_empty(),
  UNKNOWN_TEMPLATE: () => m.api_code_unknown_template(),
  MEMBER_NOT_FOUND: () => m.api_code_member_not_found(),
  ROLE_NOT_GRANTABLE: () => m.api_code_role_not_grantable(),
  DEPARTMENT_REQUIRED: () => m.api_code_department_required(),
  OTHER_DEPARTMENT: () => m.api_code_other_department(),
  OWNER_ROLE_FIXED: () => m.api_code_owner_role_fixed(),
  OWNER_NOT_REMOVABLE: () => m.api_code_owner_not_removable(),
  MEMBER_NOT_REMOVABLE: () => m.api_code_member_not_removable(),
  OWNER_NEEDS_ACCOUNT: () => m.api_code_owner_needs_account(),
  SHARED_LANE: () => m.api_code_shared_lane(),
  LANE_OF_OTHER_DEPARTMENT: () => m.api_code_lane_of_other_department(),
  LANE_MOVE_NOT_ALLOWED: () => m.api_code_lane_move_not_allowed(),
  LANE_NOT_RESTORABLE: () => m.api_code_lane_not_restorable(),
  INVITATION_NOT_FOUND: () => m.invite_not_found(),
  INVITATION_EXPIRED: () => m.invite_expired(),
  INVITATION_USED: () => m.invite_used(),
  LINK_NOT_FOUND: () => m.api_code_link_not_found(),
  LINK_NOT_WORKING: () => m.link_broken_body(),
  NAME_TAKEN: () => m.join_name_taken(),
  ATTACHMENT_TOO_LARGE: (error) => m.attach_too_large({ max: megabytesOr(error, ATTACHMENT_LIMITS.bytes) }),
  ATTACHMENT_EMPTY: () => m.attach_file_empty(),
  ATTACHMENT_TYPE_REFUSED: () => m.attach_type_refused(),
  ATTACHMENT_TYPE_MISMATCH: () => m.attach_type_mismatch(),
  ATTACHMENT_NAME_INVALID: (error) =>
    m.attach_name_invalid({ max: limitOr(error, ATTACHMENT_LIMITS.nameLength) }),
  BOARD_ATTACHMENTS_FULL: (error) =>
    m.attach_board_full({ max: megabytesOr(error, ATTACHMENT_LIMITS.boardBytes) }),
  ATTACHMENT_NOT_FOUND: () => m.attach_not_found(),
  ATTACHMENT_NOT_REMOVABLE: () => m.attach_not_removable(),
  NO_VOTE_OPEN: () => m.vote_error_none(),
  VOTE_ALREADY_OPEN: () => m.vote_error_already_open(),
  VOTE_NOT_OPEN: () => m.vote_error_not_open(),
  CARD_NOT_IN_VOTE: () => m.vote_error_card_not_in_vote(),
  ONE_VOTE_PER_CARD: () => m.vote_error_one_per_card(),
  NO_VOTES_LEFT: (error) => m.vote_error_none_left({ count: limitOr(error, 0) }),
  TIMER_DURATION_INVALID: () => m.timer_refused_duration(),
  TIMER_NOT_RUNNING: () => m.timer_refused_not_running(),
  TIMER_NOT_PAUSED: () => m.timer_refused_not_paused(),
  TIMER_NOT_SET: () => m.timer_refused_not_set(),
  POLL_ALREADY_OPEN: () => m.poll_refused_already_open(),
  POLL_NOT_OPEN: () => m.poll_refused_not_open(),
};

/** A board model refusal passed on by the API, said as the board says it. */
function describeModelRefusal(error: ApiError, code: BoardModelErrorCode): string {
  // A limit the answer did not carry would leave a hole in "at most {limit}".
  if ((code === 'TEXT_TOO_LONG' || code === 'TOO_MANY') && error.limit === null) {
    return m.api_refused_generic();
  }
  const details = error.limit === null ? {} : { limit: error.limit };
  return describeError(new BoardModelError(code, error.message, details));
}

/**
 * A failed API request, in the reader's language: by its code, or by its status when the answer
 * had none (a proxy in between, no answer at all). The server's own words never reach the reader;
 * a code this page does not know yet gets a general message that still says what to do.
 */
export function describeApiError(error: unknown): string {
  if (error instanceof BoardModelError) return describeError(error);
  if (!(error instanceof ApiError)) return m.api_refused_generic();
  const { code } = error;
  if (code !== null && isApiCode(code)) return API_MESSAGES[code](error);
  if (code !== null && isModelCode(code)) return describeModelRefusal(error, code);
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
      return m.api_too_many({ minutes: waitMinutes(error) });
  }
  if (error.status >= 500) return m.api_server_error();
  return m.api_refused_generic();
}

/** A field of the account forms (sign up, sign in, change password). */
export type AccountField = 'name' | 'email' | 'password' | 'current';

const FIELD_OF_CODE: Partial<Record<ApiErrorCode, AccountField>> = {
  SIGN_UP_REFUSED: 'email',
  INVALID_EMAIL: 'email',
  // Which of the two was wrong is not said (so as not to tell whether the email has an account);
  // the password is the one to type again.
  WRONG_CREDENTIALS: 'password',
  PASSWORD_TOO_SHORT: 'password',
  PASSWORD_TOO_LONG: 'password',
  NAME_EMPTY: 'name',
  NAME_TOO_LONG: 'name',
  NAME_TAKEN: 'name',
  WRONG_CURRENT_PASSWORD: 'current',
};

/** The form field a refusal is about, so the page can show it there; null for the whole form. */
export function refusedField(error: unknown): AccountField | null {
  if (!(error instanceof ApiError) || error.code === null || !isApiCode(error.code)) return null;
  return FIELD_OF_CODE[error.code] ?? null;
}
