import { BoardModelError } from '@journeyboard/board-model';
import { m } from '#lib/paraglide/messages.js';

/** A board error, in the reader's language. */
export function describeError(error: unknown): string {
  if (error instanceof BoardModelError) {
    const limit = String(error.limit ?? '');
    switch (error.code) {
      case 'EMPTY_TEXT':
        return m.err_empty_text();
      case 'TEXT_TOO_LONG':
        return m.err_text_too_long({ limit });
      case 'UNKNOWN_STAGE':
        return m.err_unknown_stage();
      case 'UNKNOWN_LANE':
        return m.err_unknown_lane();
      case 'UNKNOWN_CARD':
        return m.err_unknown_card();
      case 'INVALID_COLOUR':
        return m.err_invalid_colour();
      case 'INVALID_LANE_KIND':
        return m.err_invalid_lane_kind();
      case 'UNKNOWN_DEPARTMENT':
        return m.err_unknown_department();
      case 'DEPARTMENT_IN_USE':
        return m.err_department_in_use();
      case 'UNKNOWN_COMMENT':
        return m.err_unknown_comment();
      case 'INVALID_AUTHOR':
        return m.err_invalid_author();
      case 'INVALID_INDEX':
        return m.err_invalid_index();
      case 'TOO_MANY':
        return m.err_too_many({ limit });
      case 'LAST_STAGE':
        return m.err_last_stage();
      case 'NEWER_SCHEMA':
        return m.err_newer_schema();
      case 'NOT_A_BOARD':
        return m.err_not_a_board();
      case 'UNKNOWN_PERSONA':
        return m.err_unknown_persona();
      case 'INVALID_SCORE':
        return m.err_invalid_score();
      case 'INVALID_SEVERITY':
        return m.err_invalid_severity();
      case 'INVALID_NUMBER':
        return m.err_invalid_number();
      case 'INVALID_TREND':
        return m.err_invalid_trend();
      case 'INVALID_LINK':
        return m.err_invalid_link();
      case 'INVALID_REFERENCE':
        return m.err_invalid_reference();
      case 'INVALID_MENTION':
        return m.thread_err_invalid_mention();
      case 'INVALID_REACTION':
        return m.reaction_err_invalid();
      default: {
        // A code added to the model without a message here fails the type check.
        const unhandled: never = error.code;
        void unhandled;
      }
    }
  }
  return m.err_unexpected({ message: error instanceof Error ? error.message : String(error) });
}
