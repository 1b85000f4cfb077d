import {
  readPrivateMode,
  runsBoard,
  type BoardAccess,
  type PrivateCard,
  type SessionKey,
} from '@journeyboard/board-model';

// What private mode means on this page: pure rules, read from the session and this person's access.

/** Whether private mode is on, as the session says. */
export function privateModeOn(session: Partial<Record<SessionKey, unknown>>): boolean {
  return readPrivateMode(session.private) !== null;
}

/** Whether this person starts and reveals private mode: the owner and facilitators. */
export function runsPrivateMode(access: Pick<BoardAccess, 'role' | 'userId'>): boolean {
  return access.userId !== null && runsBoard(access.role);
}

/**
 * Whether this person's new cards go into their private doc now: while private mode is on, for
 * those who write cards and do not run the board (whose cards, an instruction or an example, are
 * for everyone at once). Watchers and viewers write nothing.
 */
export function writesPrivately(
  access: Pick<BoardAccess, 'role' | 'userId'>,
  session: Partial<Record<SessionKey, unknown>>,
): boolean {
  return (
    privateModeOn(session) && access.userId !== null && access.role !== 'viewer' && !runsBoard(access.role)
  );
}

/** The private cards of one cell (lane and stage), in their order. */
export function privateCardsInCell(
  cards: readonly PrivateCard[],
  laneId: string,
  stageId: string,
): readonly PrivateCard[] {
  return cards.filter((card) => card.laneId === laneId && card.stageId === stageId);
}
