import * as Y from 'yjs';
import { mayPlaceCard, NO_CARD_FACTS, sameCardAuthor } from '../card-authors.ts';
import { CARD_TYPED_FIELDS, isTypedFieldValue } from '../card-fields.ts';
import { isValidId, type LaneId } from '../ids.ts';
import { isOrderKey } from '../order.ts';
import { mayWriteLane } from '../roles.ts';
import {
  CARD_AUTHOR_FIELDS,
  CARD_FIELDS,
  DOCUMENT_BYTES,
  isCardColour,
  LIMITS,
  readCardAuthor,
  type CardAuthor,
} from '../schema.ts';
import type { DocumentWriter, UpdateRefusal } from './document-guard.ts';
import {
  type CheckContext,
  type DocumentKind,
  type BoardReferences,
  type EntryValue,
  hasExactFields,
  isCleanText,
  type KindRef,
  type ReferenceKind,
} from './document-kind.ts';

/** The doc that holds one lane's cards, `lane:<boardId>:<laneId>`. */
export interface LaneRef extends KindRef<'lane'> {
  laneId: LaneId;
}

const AUTHORED_CARD_FIELDS: readonly string[] = [...CARD_FIELDS, ...CARD_AUTHOR_FIELDS];

/**
 * A lane's cards are written by its department (or everyone, for a shared lane) and those who run
 * the board. So its check also enforces who a card is by: a card entry an update creates (or whose
 * author it changes) must carry the author the server recorded for its id, or the writer's own
 * identity for a new id (`mayPlaceCard`); an edit keeps the author the entry had.
 */
export const laneKind: DocumentKind<LaneRef> = {
  kind: 'lane',
  prefix: 'lane',
  docName: ({ boardId, laneId }) => `lane:${boardId}:${laneId}`,
  parse: (parts) =>
    parts.length === 3 && isValidId(parts[1]!) && isValidId(parts[2]!)
      ? { kind: 'lane', boardId: parts[1]!, laneId: parts[2]! }
      : null,
  mayWrite: (access, laneDepartment) => mayWriteLane(access, laneDepartment),
  laneOf: (ref) => ref.laneId,
  carriesPresence: false,
  content: {
    maxBytes: DOCUMENT_BYTES.lane,
    roots: {
      cards: {
        maxEntries: LIMITS.cardsPerLane,
        keepsPrevious: true,
        // Only who an entry is by and what it names: the rule compares those, and a lane's texts
        // stay unkept.
        keep: (value) => keptCard(value) as unknown as EntryValue,
        check: checkCardChange,
      },
    },
  },
};

function checkCardChange(
  id: string,
  before: EntryValue | undefined,
  after: unknown,
  writer: DocumentWriter,
  context: CheckContext,
): UpdateRefusal | null {
  if (after === undefined) return null;
  if (!(after instanceof Y.Map) || !isCardEntry(id, after)) return 'malformed-entry';
  const previous = before as KeptCard | undefined;
  // A card put back under an id written before (a move between lanes, an undo) keeps what it
  // named, even a persona removed since: only a card written anew, or an edit, is held to the board's.
  const recreated = previous === undefined && (context.cards?.recordOf(id) ?? null) !== null;
  if (context.references && !recreated && namesUnknown(after, previous, context.references)) {
    return 'unknown-reference';
  }
  const author = readCardAuthor(after);
  if (previous !== undefined && sameCardAuthor(previous.author, author)) return null;
  return mayPlaceCard(id, author, writer, context.cards ?? NO_CARD_FACTS) ? null : 'wrong-card-author';
}

/** What the check keeps of a card entry: its author, and the ids it names of the board's things. */
interface KeptCard {
  author: CardAuthor | null;
  names: string[];
}

/** The fields of a card that name a persona, a department or a file of the board. */
const REFERENCE_FIELDS: readonly [field: string, kind: ReferenceKind][] = [
  ['persona', 'persona'],
  ['personas', 'persona'],
  ['departments', 'department'],
  ['attachments', 'attachment'],
];

/** `kind:id` for each id a (well-formed) card entry names. */
function namesOf(entry: Y.Map<unknown>): string[] {
  const names: string[] = [];
  for (const [field, kind] of REFERENCE_FIELDS) {
    const value: unknown = entry.get(field);
    for (const id of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      names.push(`${kind}:${String(id)}`);
    }
  }
  return names;
}

function keptCard(value: unknown): KeptCard {
  return { author: readCardAuthor(value), names: value instanceof Y.Map ? namesOf(value) : [] };
}

/**
 * Whether a card entry names, anew, a persona, department or file the board does not have. Ids it
 * named before pass: a persona removed since leaves its tag on cards, which the page ignores, and
 * editing such a card must still be possible.
 */
function namesUnknown(
  entry: Y.Map<unknown>,
  before: KeptCard | undefined,
  references: BoardReferences,
): boolean {
  const held = new Set(before?.names ?? []);
  return namesOf(entry).some((name) => {
    if (held.has(name)) return false;
    const at = name.indexOf(':');
    return !references.has(name.slice(0, at) as ReferenceKind, name.slice(at + 1));
  });
}

/**
 * Whether a card entry has exactly the fields `cardEntry` writes, of their types and limits: its
 * base fields, its author's (all or none) and any of the typed fields, each valid
 * (`isTypedFieldValue`: a score from −3 to +3, a severity of the list, at most 20 links…). A point
 * of the emotion curve (a card with a score) may have an empty text.
 */
function isCardEntry(id: string, entry: Y.Map<unknown>): boolean {
  const stageId: unknown = entry.get('stageId');
  const createdAt: unknown = entry.get('createdAt');
  const typed = CARD_TYPED_FIELDS.filter((field) => entry.has(field));
  const authored = entry.has('authorId');
  const text: unknown = entry.get('text');
  return (
    isValidId(id) &&
    hasExactFields(entry, [...(authored ? AUTHORED_CARD_FIELDS : CARD_FIELDS), ...typed]) &&
    typed.every((field) => isTypedFieldValue(field, entry.get(field), id)) &&
    typeof stageId === 'string' &&
    isValidId(stageId) &&
    (isCleanText(text, 'cardText') || (text === '' && entry.has('score'))) &&
    isCardColour(entry.get('colour')) &&
    isOrderKey(entry.get('order')) &&
    typeof createdAt === 'number' &&
    Number.isFinite(createdAt) &&
    (!authored || (readCardAuthor(entry) !== null && isCleanText(entry.get('authorName'), 'authorName')))
  );
}
