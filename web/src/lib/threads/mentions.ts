import { LIMITS } from '@journeyboard/board-model';

// Mentions as a person types them: `@` and the start of a name offers the people of the board whose
// names match; picking one writes `@Name ` into the text and remembers their id. What is stored is
// the ids of the people still named in the text when it is sent.

/** Someone who can be mentioned. */
export interface Mentionable {
  userId: string;
  name: string;
}

/** The `@…` being typed just before the caret: where its `@` is and what follows it. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** Longest query looked at: a name of the board is at most 80 characters. */
const MAX_QUERY = LIMITS.authorName;

/**
 * The mention being typed at `caret` in `text`, or null: an `@` at the start or after a space or
 * opening bracket, then up to the caret no line break and no second `@`.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n@]/.test(query) || query.startsWith(' ')) return null;
  if (at > 0 && !/[\s([{"']/.test(before[at - 1]!)) return null;
  return { start: at, query };
}

/** Case- and accent-insensitive form for matching ("Nguyễn" matches "nguyen"). */
function folded(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLocaleLowerCase('en');
}

/**
 * The people whose name, or a word of it, starts with `query` (all of them for an empty query),
 * without `selfId`, one per id, by name; at most `limit`.
 */
export function mentionCandidates(
  people: readonly Mentionable[],
  query: string,
  selfId: string | null,
  limit = 8,
): Mentionable[] {
  const wanted = folded(query.trim());
  const seen = new Set<string>();
  const matches: Mentionable[] = [];
  for (const person of people) {
    if (person.userId === selfId || seen.has(person.userId) || person.name.trim() === '') continue;
    seen.add(person.userId);
    const name = folded(person.name);
    if (
      wanted === '' ||
      name.startsWith(wanted) ||
      name.split(/\s+/).some((word) => word.startsWith(wanted))
    ) {
      matches.push(person);
    }
  }
  return matches.sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit);
}

/** `text` with the query at `mention` (up to `caret`) replaced by `@Name `, and the caret after it. */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  return {
    text: text.slice(0, mention.start) + inserted + text.slice(caret),
    caret: mention.start + inserted.length,
  };
}

/**
 * The ids of `picked` people still named as `@Name` in `text`, in the order picked, at most
 * `LIMITS.mentions`: a mention deleted from the text is no longer stored.
 */
export function mentionsInText(text: string, picked: readonly Mentionable[]): string[] {
  const ids: string[] = [];
  for (const person of picked) {
    if (ids.includes(person.userId) || !text.includes(`@${person.name}`)) continue;
    ids.push(person.userId);
  }
  return ids.slice(0, LIMITS.mentions);
}

/** The text cut into plain parts and `@Name` parts of the people `mentioned`, for display. */
export function mentionParts(
  text: string,
  mentioned: readonly Mentionable[],
): { text: string; mention: Mentionable | null }[] {
  const names = mentioned
    .filter((person) => person.name !== '')
    .sort((a, b) => b.name.length - a.name.length);
  const parts: { text: string; mention: Mentionable | null }[] = [];
  let plain = '';
  let i = 0;
  outer: while (i < text.length) {
    if (text[i] === '@') {
      for (const person of names) {
        if (text.startsWith(person.name, i + 1)) {
          if (plain !== '') parts.push({ text: plain, mention: null });
          plain = '';
          parts.push({ text: `@${person.name}`, mention: person });
          i += person.name.length + 1;
          continue outer;
        }
      }
    }
    plain += text[i];
    i += 1;
  }
  if (plain !== '') parts.push({ text: plain, mention: null });
  return parts;
}
