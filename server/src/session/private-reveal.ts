import {
  cardAuthorOf,
  laneDocName,
  mayWriteLane,
  parseDocName,
  placeRevealedCards,
  privateDocName,
  readBoard,
  readPrivateCards,
  removePrivateCards,
  type CardAuthor,
  type Member,
  type PrivateCard,
} from '@journeyboard/board-model';
import type { ApiDependencies } from '../http/api-context.ts';

/** What a reveal did: cards put into their lanes, and cards left in their author's private doc. */
export interface RevealOutcome {
  revealed: number;
  kept: number;
}

/** One person's private cards that may land, for one lane. */
interface Landing {
  userId: string;
  author: CardAuthor;
  cards: PrivateCard[];
}

/**
 * Reveals private mode's cards: every private doc of the board gives its cards to their lanes, as
 * cards by their author, and keeps those that cannot land. A card lands only when its lane and
 * stage are still on the board, its author is still a member who may write that lane, and its id is
 * not another person's card (a client chooses its private card ids: one naming someone else's card
 * would otherwise overwrite it). A lane that is full keeps the rest private too.
 *
 * Run again, a reveal finishes what an earlier one left halfway: a card keeps its id, so one its
 * lane holds already is only taken out of the private doc. Each board reveals one at a time here
 * (`OneAtATime`); two instances revealing at once write the same ids with the same content.
 */
export async function revealPrivateCards(deps: ApiDependencies, boardId: string): Promise<RevealOutcome> {
  const names = await deps.documents.documentNames(boardId, privateDocName(boardId, ''));
  const owners = names.flatMap((name) => {
    const ref = parseDocName(name);
    return ref?.kind === 'private' && ref.boardId === boardId ? [ref.userId] : [];
  });
  if (owners.length === 0) return { revealed: 0, kept: 0 };
  const board = await deps.structure.withStructure(boardId, (doc) => readBoard(doc));
  const lanes = new Map(board.lanes.map((lane) => [lane.id, lane]));
  const stages = new Set(board.stages.map((stage) => stage.id));
  const members = new Map<string, Member>(
    (await deps.memberships.members(boardId)).map((m) => [m.userId, m]),
  );

  let total = 0;
  const landings = new Map<string, Landing[]>();
  for (const userId of owners) {
    const cards = await deps.writer.read(privateDocName(boardId, userId), readPrivateCards);
    total += cards.length;
    const member = members.get(userId);
    const author = member ? cardAuthorOf(member) : null;
    if (!member || !author) continue;
    for (const card of cards) {
      const lane = lanes.get(card.laneId);
      if (!lane || !stages.has(card.stageId) || !mayWriteLane(member, lane.department)) continue;
      const forLane = landings.get(lane.id) ?? [];
      let mine = forLane.find((landing) => landing.userId === userId);
      if (!mine) {
        mine = { userId, author, cards: [] };
        forLane.push(mine);
      }
      mine.cards.push(card);
      landings.set(lane.id, forLane);
    }
  }

  const candidates = [...landings.values()].flat().flatMap((landing) => landing.cards.map((card) => card.id));
  const records = await deps.cardRecords.recordsFor(boardId, candidates);
  /** Per person, the ids their lanes now hold: taken out of their private doc. */
  const landed = new Map<string, string[]>();
  for (const [laneId, forLane] of landings) {
    for (const landing of forLane) {
      landing.cards = landing.cards.filter((card) => {
        const record = records.get(card.id);
        return record === undefined || record.author?.id === landing.userId;
      });
    }
    const placed = await deps.writer.change(boardId, laneDocName(boardId, laneId), (doc) =>
      forLane.map((landing) => ({
        landing,
        placement: placeRevealedCards(doc, landing.cards, landing.author),
      })),
    );
    // Recorded as their author's, in this lane: so that they move, and are put back, like the
    // cards their author wrote there (card-records.ts).
    const recorded = placed.flatMap(({ landing, placement }) =>
      [...placement.placed, ...placement.present].map((id) => ({ id, author: landing.author })),
    );
    if (recorded.length > 0) await deps.cardRecords.recordFound(boardId, laneId, recorded);
    for (const { landing, placement } of placed) {
      const ids = landed.get(landing.userId) ?? [];
      ids.push(...placement.placed, ...placement.present);
      landed.set(landing.userId, ids);
    }
  }

  let revealed = 0;
  for (const [userId, ids] of landed) {
    if (ids.length === 0) continue;
    await deps.writer.change(boardId, privateDocName(boardId, userId), (doc) => removePrivateCards(doc, ids));
    revealed += ids.length;
  }
  return { revealed, kept: total - revealed };
}
