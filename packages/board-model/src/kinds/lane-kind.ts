import { isValidId, type LaneId } from '../ids.ts';
import { isOrderKey } from '../order.ts';
import { mayWriteLane } from '../roles.ts';
import { DOCUMENT_BYTES, isCardColour, LIMITS } from '../schema.ts';
import {
  type DocumentKind,
  entriesRule,
  hasExactFields,
  isCleanText,
  type KindRef,
} from './document-kind.ts';

/** The doc that holds one lane's cards, `lane:<boardId>:<laneId>`. */
export interface LaneRef extends KindRef<'lane'> {
  laneId: LaneId;
}

/** A lane's cards are written by its department (or everyone, for a shared lane) and those who run the board. */
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
      cards: entriesRule(LIMITS.cardsPerLane, (id, entry) => {
        const stageId: unknown = entry.get('stageId');
        const createdAt: unknown = entry.get('createdAt');
        return (
          isValidId(id) &&
          hasExactFields(entry, ['stageId', 'text', 'colour', 'order', 'createdAt']) &&
          typeof stageId === 'string' &&
          isValidId(stageId) &&
          isCleanText(entry.get('text'), 'cardText') &&
          isCardColour(entry.get('colour')) &&
          isOrderKey(entry.get('order')) &&
          typeof createdAt === 'number' &&
          Number.isFinite(createdAt)
        );
      }),
    },
  },
};
