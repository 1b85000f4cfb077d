import * as Y from 'yjs';
import type { AttachmentId, PersonaId } from './card-fields.ts';
import { isValidId } from './ids.ts';
import { isOrderKey } from './order.ts';
import { isCleanText, type TextField } from './text.ts';

// A persona (since version 4): one customer the journey is about, with what a workshop writes on
// a persona sheet. Personas live in the structure doc: those who run the board write them, as they
// write stages and lanes; everyone reads them, tags cards with them and draws an emotion line each.

/**
 * The colours of the personas' emotion lines and badges, one each: a board has at most five
 * personas (`LIMITS.personas`), and the page also gives each line its own dash pattern and marker.
 */
export const PERSONA_COLOURS = ['indigo', 'crimson', 'amber', 'emerald', 'sky'] as const;
/** One of `PERSONA_COLOURS`. */
export type PersonaColour = (typeof PERSONA_COLOURS)[number];

/** A persona of the board. Text fields other than the name may be empty (''). */
export interface Persona {
  id: PersonaId;
  name: string;
  role: string;
  goals: string;
  needs: string;
  motivations: string;
  barriers: string;
  demographics: string;
  quote: string;
  /** A photo, as an attachment of the board, or null: the page then shows the name's initials. */
  photo: AttachmentId | null;
  colour: PersonaColour;
  order: string;
}

/** The fields of a persona a person writes. */
export type PersonaFields = Omit<Persona, 'id' | 'order' | 'colour'>;

/** The text fields of a persona, with the limit each is checked against. */
export const PERSONA_TEXT_FIELDS = {
  name: 'personaName',
  role: 'personaRole',
  goals: 'personaText',
  needs: 'personaText',
  motivations: 'personaText',
  barriers: 'personaText',
  demographics: 'personaText',
  quote: 'personaQuote',
} as const satisfies Record<string, TextField>;
/** A text field of a persona. */
export type PersonaTextField = keyof typeof PERSONA_TEXT_FIELDS;

/** Every field of a persona entry, as `personaEntry` writes it. */
export const PERSONA_FIELDS = [
  ...(Object.keys(PERSONA_TEXT_FIELDS) as PersonaTextField[]),
  'photo',
  'colour',
  'order',
] as const;

/** The structure doc's `personas` map: persona id → persona entry. */
export function personasMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('personas');
}

/** Whether `value` is one of `PERSONA_COLOURS`. */
export function isPersonaColour(value: unknown): value is PersonaColour {
  return (PERSONA_COLOURS as readonly unknown[]).includes(value);
}

/**
 * A persona entry as stored, or `null` when its key, name or order is malformed. A text field that
 * is not a string reads as '', an unknown colour as the first, a malformed photo as none.
 */
export function readPersonaEntry(id: string, value: unknown): Persona | null {
  if (!isValidId(id) || !(value instanceof Y.Map)) return null;
  const name: unknown = value.get('name');
  const order: unknown = value.get('order');
  if (typeof name !== 'string' || !isOrderKey(order)) return null;
  const text = (field: PersonaTextField): string => {
    const stored: unknown = value.get(field);
    return typeof stored === 'string' ? stored : '';
  };
  const photo: unknown = value.get('photo');
  const colour: unknown = value.get('colour');
  return {
    id,
    name,
    role: text('role'),
    goals: text('goals'),
    needs: text('needs'),
    motivations: text('motivations'),
    barriers: text('barriers'),
    demographics: text('demographics'),
    quote: text('quote'),
    photo: typeof photo === 'string' && isValidId(photo) ? photo : null,
    colour: isPersonaColour(colour) ? colour : PERSONA_COLOURS[0],
    order,
  };
}

/** A new persona entry, to be set into `personasMap`. */
export function personaEntry(persona: Omit<Persona, 'id'>): Y.Map<unknown> {
  return new Y.Map<unknown>(PERSONA_FIELDS.map((field) => [field, persona[field]]));
}

/**
 * Whether a persona entry has exactly the fields `personaEntry` writes, of their types and limits:
 * the structure doc's content check.
 */
export function isPersonaEntry(id: string, entry: Y.Map<unknown>): boolean {
  if (!isValidId(id) || entry.size !== PERSONA_FIELDS.length) return false;
  if (!PERSONA_FIELDS.every((field) => entry.has(field))) return false;
  const texts = Object.entries(PERSONA_TEXT_FIELDS) as [PersonaTextField, TextField][];
  const photo: unknown = entry.get('photo');
  return (
    texts.every(([field, limit]) => {
      const text: unknown = entry.get(field);
      return (field !== 'name' && text === '') || isCleanText(text, limit);
    }) &&
    (photo === null || (typeof photo === 'string' && isValidId(photo))) &&
    isPersonaColour(entry.get('colour')) &&
    isOrderKey(entry.get('order'))
  );
}
