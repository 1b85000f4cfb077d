import type { Card, Lane, Stage } from '@journeyboard/board-model';

/** A moment of truth as the panel lists it: the card, and the stage and lane it is in. */
export interface MomentOfTruth {
  card: Card;
  stage: Pick<Stage, 'id' | 'name'>;
  lane: Pick<Lane, 'id' | 'name'>;
}

/**
 * The board's moments of truth in journey order: stage by stage (as the board orders its
 * stages), within a stage lane by lane from the top, and within a cell in the cell's own order,
 * which is the order a person reads the board in. `cellCards` gives a cell's cards in board order.
 * A card whose stage is not on the board is in no cell and so not listed.
 */
export function momentsInJourneyOrder(
  structure: { stages: readonly Pick<Stage, 'id' | 'name'>[]; lanes: readonly Pick<Lane, 'id' | 'name'>[] },
  cellCards: (laneId: string, stageId: string) => readonly Card[],
): MomentOfTruth[] {
  const moments: MomentOfTruth[] = [];
  for (const stage of structure.stages) {
    for (const lane of structure.lanes) {
      for (const card of cellCards(lane.id, stage.id)) {
        if (card.moment) {
          moments.push({
            card,
            stage: { id: stage.id, name: stage.name },
            lane: { id: lane.id, name: lane.name },
          });
        }
      }
    }
  }
  return moments;
}
