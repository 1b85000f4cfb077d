import { isValidId, type LaneId } from './ids.ts';

/** Which document a name points to: a board's structure doc, one of its lane docs, or its talk doc. */
export type DocRef =
  | { kind: 'structure'; boardId: string }
  | { kind: 'lane'; boardId: string; laneId: LaneId }
  | { kind: 'talk'; boardId: string };

/** Name of a board's structure doc: `board:<boardId>`. */
export function structureDocName(boardId: string): string {
  return `board:${boardId}`;
}

/** Name of the doc that holds one lane's cards: `lane:<boardId>:<laneId>`. */
export function laneDocName(boardId: string, laneId: LaneId): string {
  return `lane:${boardId}:${laneId}`;
}

/** Name of the doc that holds a board's conversation (comments on cards): `talk:<boardId>`. */
export function talkDocName(boardId: string): string {
  return `talk:${boardId}`;
}

/**
 * What a document name points to, or `null` when the name is not one Journeyboard makes
 * (unknown prefix, wrong number of parts, or an invalid id).
 */
export function parseDocName(name: string): DocRef | null {
  if (typeof name !== 'string') return null;
  const parts = name.split(':');
  const [kind, boardId, laneId] = parts;
  if (boardId === undefined || !isValidId(boardId)) return null;
  if (kind === 'board' && parts.length === 2) return { kind: 'structure', boardId };
  if (kind === 'talk' && parts.length === 2) return { kind: 'talk', boardId };
  if (kind === 'lane' && parts.length === 3 && laneId !== undefined && isValidId(laneId)) {
    return { kind: 'lane', boardId, laneId };
  }
  return null;
}
