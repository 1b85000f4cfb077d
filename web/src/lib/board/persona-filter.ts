/**
 * What the persona filter shows and dims, and how a persona is drawn when it has no photo: pure
 * rules, tested beside this file. The page's state (which persona this person picked) is in
 * `persona-filter.svelte.ts`.
 *
 * Ids on cards that name no persona of the board are ignored (a persona removed since, or a tag
 * written by a newer page): they neither keep a card nor dim it.
 */

/** The tags a card carries (`Card.personas`). */
export interface TaggedCard {
  readonly personas: readonly string[];
}

/** An emotion point's line (`Card.persona`): a persona, or null for the board's own line. */
export interface PersonaPoint {
  readonly persona: string | null;
}

/**
 * Whether a card concerns `selected` (null: no filter, every card does): it is tagged with that
 * persona, or with no persona of the board at all (an untagged card concerns everyone). A card
 * tagged only with other personas does not: the page dims it.
 */
export function concerns(card: TaggedCard, selected: string | null, known: ReadonlySet<string>): boolean {
  if (selected === null || !known.has(selected)) return true;
  const tags = card.personas.filter((id) => known.has(id));
  return tags.length === 0 || tags.includes(selected);
}

/**
 * Whether an emotion point concerns `selected`: a point on the board's line, or on a line that
 * names no persona of the board, concerns everyone; a point of another persona's line does not.
 */
export function pointConcerns(
  point: PersonaPoint,
  selected: string | null,
  known: ReadonlySet<string>,
): boolean {
  if (selected === null || !known.has(selected)) return true;
  return point.persona === null || !known.has(point.persona) || point.persona === selected;
}

/** The persona a stored choice names, when it is still one of the board's; else no filter. */
export function selectedAmong(stored: string | null, known: ReadonlySet<string>): string | null {
  return stored !== null && known.has(stored) ? stored : null;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const WORD_START = /^[\p{L}\p{N}]/u;

/**
 * Up to two letters that stand for a persona on a chip or a card: the first letter of its first
 * and last words ("Nguyễn Thị Mai" → "NM", "Mai" → "M"), past any punctuation they start with
 * ("(B2B) buyer" → "BB"); a word of punctuation only ("—") is skipped. A name with no letter or
 * digit gives its first character.
 */
export function initialsOf(name: string, locale?: string): string {
  const words = name
    .normalize('NFC')
    .split(/\s+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter((word) => WORD_START.test(word));
  const first = (text: string) => graphemes.segment(text)[Symbol.iterator]().next().value?.segment ?? '';
  const picked =
    words.length === 0 ? [name.trim()] : words.length === 1 ? [words[0]!] : [words[0]!, words.at(-1)!];
  return picked.map(first).join('').toLocaleUpperCase(locale);
}
