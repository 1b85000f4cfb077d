import type * as Y from 'yjs';
import type { PersonaId } from './card-fields.ts';
import { BoardModelError } from './errors.ts';
import { isValidId, newId } from './ids.ts';
import { LIMITS } from './limits.ts';
import { orderKeyAt } from './order.ts';
import {
  PERSONA_COLOURS,
  PERSONA_TEXT_FIELDS,
  personaEntry,
  personasMap,
  type Persona,
  type PersonaColour,
  type PersonaFields,
  type PersonaTextField,
} from './persona-record.ts';
import { entryOf } from './schema.ts';
import { cleanOptionalText, cleanText } from './validation.ts';

// Operations on the personas of a board (persona-record.ts), in its structure doc: written by
// those who run the board. They read the board first, so they refuse a doc that holds no board or
// one a newer release wrote (see structure.ts).

/** What a new persona is given: a name, and any other fields (the rest start empty). */
export type NewPersona = { name: string } & Partial<PersonaFields>;

/** The fields of `input` that are given, checked and cleaned (the name, when given, not empty). */
export function cleanPersonaFields(input: Partial<PersonaFields>): Partial<PersonaFields> {
  const cleaned: Partial<PersonaFields> = {};
  for (const [field, limit] of Object.entries(PERSONA_TEXT_FIELDS) as [
    PersonaTextField,
    (typeof PERSONA_TEXT_FIELDS)[PersonaTextField],
  ][]) {
    if (!(field in input)) continue;
    cleaned[field] =
      field === 'name' ? cleanText(input[field], limit) : cleanOptionalText(input[field], limit);
  }
  if ('photo' in input) {
    const photo = input.photo;
    if (photo !== null && (typeof photo !== 'string' || !isValidId(photo))) {
      throw new BoardModelError(
        'INVALID_REFERENCE',
        `Photo ${JSON.stringify(photo) ?? String(photo)} is not a file of the board: upload the photo again`,
        { field: 'photo' },
      );
    }
    cleaned.photo = photo ?? null;
  }
  return cleaned;
}

/** The first persona colour no persona of `personas` has (the first, when all are taken). */
export function freePersonaColour(personas: readonly Pick<Persona, 'colour'>[]): PersonaColour {
  return (
    PERSONA_COLOURS.find((colour) => !personas.some((persona) => persona.colour === colour)) ??
    PERSONA_COLOURS[0]
  );
}

/** A persona entry's value for a new persona: every text field present, empty unless given. */
export function newPersonaValue(
  fields: Partial<PersonaFields> & { name: string },
  colour: PersonaColour,
  order: string,
): Omit<Persona, 'id'> {
  return {
    role: '',
    goals: '',
    needs: '',
    motivations: '',
    barriers: '',
    demographics: '',
    quote: '',
    photo: null,
    ...fields,
    colour,
    order,
  };
}

/** A TOO_MANY refusal when a board would have `count` personas. */
export function checkPersonaCount(count: number): void {
  if (count > LIMITS.personas) {
    throw new BoardModelError(
      'TOO_MANY',
      `A board can have at most ${LIMITS.personas} personas and this would make ${count}: remove a persona first`,
      { field: 'personas', limit: LIMITS.personas },
    );
  }
}

/** The refusal for a persona id the structure doc does not hold. */
export function unknownPersona(personaId: string): BoardModelError {
  return new BoardModelError(
    'UNKNOWN_PERSONA',
    `Persona ${JSON.stringify(personaId)} not found: it may have been removed by someone else`,
    { field: 'personaId' },
  );
}

/**
 * Adds a persona at `index` of the sorted list (default: the end), in the first colour no other
 * persona has, and returns its id. `personas` is the board's as `readBoard` read it.
 */
export function writeNewPersona(
  doc: Y.Doc,
  personas: readonly Persona[],
  input: NewPersona,
  index: number,
  origin?: unknown,
): PersonaId {
  const fields = cleanPersonaFields(input) as Partial<PersonaFields> & { name: string };
  if (fields.name === undefined) fields.name = cleanText(undefined, 'personaName');
  checkPersonaCount(personas.length + 1);
  const id = newId();
  const value = newPersonaValue(fields, freePersonaColour(personas), orderKeyAt(personas, index));
  doc.transact(() => personasMap(doc).set(id, personaEntry(value)), origin);
  return id;
}

/** Changes the given fields of a persona; unchanged ones are not written. */
export function writePersonaPatch(
  doc: Y.Doc,
  personaId: PersonaId,
  patch: Partial<PersonaFields>,
  origin?: unknown,
): void {
  const cleaned = cleanPersonaFields(patch);
  const entry = entryOf(personasMap(doc), personaId);
  const changes = Object.entries(cleaned).filter(([field, value]) => entry.get(field) !== value);
  if (changes.length === 0) return;
  doc.transact(() => {
    for (const [field, value] of changes) entry.set(field, value);
  }, origin);
}
