import type { LaneId } from './ids.ts';
import { laneKind } from './kinds/lane-kind.ts';
import { sessionKind } from './kinds/session-kind.ts';
import { structureKind } from './kinds/structure-kind.ts';
import { talkKind } from './kinds/talk-kind.ts';

export { parseDocName, type DocRef } from './kinds/index.ts';

/** Name of a board's structure doc: `board:<boardId>`. */
export function structureDocName(boardId: string): string {
  return structureKind.docName({ kind: 'structure', boardId });
}

/** Name of the doc that holds one lane's cards: `lane:<boardId>:<laneId>`. */
export function laneDocName(boardId: string, laneId: LaneId): string {
  return laneKind.docName({ kind: 'lane', boardId, laneId });
}

/** Name of the doc that holds a board's conversation (comments on cards): `talk:<boardId>`. */
export function talkDocName(boardId: string): string {
  return talkKind.docName({ kind: 'talk', boardId });
}

/** Name of the doc of a board's facilitation session (timer, vote, poll, private mode): `session:<boardId>`. */
export function sessionDocName(boardId: string): string {
  return sessionKind.docName({ kind: 'session', boardId });
}
