import { BoardModelError } from './errors.ts';
import { LIMITS } from './limits.ts';

/** The texts a person types, by their key in `LIMITS`. */
export type TextField =
  | 'title'
  | 'stageName'
  | 'laneName'
  | 'departmentName'
  | 'cardText'
  | 'commentText'
  | 'authorName'
  | 'personaName'
  | 'personaRole'
  | 'personaText'
  | 'personaQuote'
  | 'timeFrame'
  | 'channelName'
  | 'kpiUnit';

const TEXT_LABELS: Record<TextField, string> = {
  title: 'Board title',
  stageName: 'Stage name',
  laneName: 'Lane name',
  departmentName: 'Department name',
  cardText: 'Card text',
  commentText: 'Comment',
  authorName: 'Author name',
  personaName: 'Persona name',
  personaRole: 'Persona role',
  personaText: 'Persona field',
  personaQuote: 'Persona quote',
  timeFrame: 'Time frame',
  channelName: 'Channel',
  kpiUnit: 'KPI unit',
};

/**
 * `value` trimmed and in Unicode NFC, or a refusal when it is empty or longer than its limit.
 * NFC makes Vietnamese typed with combining marks (e.g. by some input methods) store and count
 * the same as precomposed text; length is counted in code points, as a person counts characters.
 */
export function cleanText(value: unknown, field: TextField): string {
  const label = TEXT_LABELS[field];
  if (typeof value !== 'string') {
    throw new BoardModelError('EMPTY_TEXT', `${label} is missing: type some text`, { field });
  }
  const text = value.normalize('NFC').trim();
  if (text === '') {
    throw new BoardModelError('EMPTY_TEXT', `${label} is empty: type some text`, { field });
  }
  const length = [...text].length;
  const limit = LIMITS[field];
  if (length > limit) {
    throw new BoardModelError(
      'TEXT_TOO_LONG',
      `${label} is ${length} characters long, over the limit of ${limit}: shorten it`,
      { field, limit },
    );
  }
  return text;
}

/**
 * `value` cleaned as `cleanText` does, except that an empty or missing text is `''` instead of a
 * refusal: for the fields a person may leave blank (a persona's goals, an emotion point's label).
 */
export function cleanOptionalText(value: unknown, field: TextField): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' && value.normalize('NFC').trim() === '') return '';
  return cleanText(value, field);
}

/** Whether `text` is as `cleanText` leaves it: trimmed, NFC, not empty, within its limit. */
export function isCleanText(text: unknown, field: TextField): text is string {
  if (typeof text !== 'string') return false;
  try {
    return cleanText(text, field) === text;
  } catch {
    return false;
  }
}
