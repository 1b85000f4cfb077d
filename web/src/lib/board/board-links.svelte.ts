import { BoardModelError } from '@journeyboard/board-model';
import { m } from '#lib/paraglide/messages.js';
import { describeError } from './errors.ts';
import { type CardLink, type CardLinks, LinkIndex, type PlacedCard } from './card-links.ts';
import {
  type CardAt,
  type LinkCommandTarget,
  linkTo,
  mayUnlink,
  removeBrokenLink,
  removeCardAndLinks,
  removeWithLinks,
  unlink,
} from './link-commands.ts';
import type { LiveBoard } from './live/live-board.svelte.ts';

export interface BoardLinksOptions {
  /** Shows a failure of a link command, or clears the last one (null). */
  report: (error: string | null) => void;
  /** Focuses a card of the grid (rendering it first if need be). */
  focusCard: (cardId: string) => void;
}

/**
 * The links between the cards of a live board, as the page shows them (see card-links.ts), and
 * what a person does with them: link a card to another through the picker, go to a linked card,
 * remove a link or a broken one. Each change is one step of this person's undo history.
 */
export class BoardLinks {
  /** The card whose link picker is open. */
  picking = $state<CardAt | null>(null);
  /** Every card's links, built again when a lane changes. */
  readonly index: LinkIndex = $derived.by(() => (this.last = LinkIndex.build(this.placedCards(), this.last)));
  private readonly board: LiveBoard;
  private readonly options: BoardLinksOptions;
  /** The index built last, whose unchanged entries the next one keeps. */
  private last: LinkIndex | undefined;

  constructor(board: LiveBoard, options: BoardLinksOptions) {
    this.board = board;
    this.options = options;
  }

  /** A card's links, as shown now. */
  of(cardId: string): CardLinks {
    return this.index.of(cardId);
  }

  /** Whether this person may write the cards of the lane `laneId`. */
  readonly mayWrite = (laneId: string): boolean => {
    const lane = this.board.structure?.lanes.find((l) => l.id === laneId);
    return lane !== undefined && this.board.permissions.canEditLane(lane);
  };

  /** Whether this person may remove `link` of a card of `laneId`. */
  mayUnlink(laneId: string, link: CardLink): boolean {
    return mayUnlink(this, laneId, link);
  }

  openPicker(card: CardAt): void {
    this.picking = card;
  }

  closePicker(): void {
    this.picking = null;
  }

  goTo(cardId: string): void {
    this.options.focusCard(cardId);
  }

  /** Links `from` to `targetId`; returns an error message, or null when done. */
  link(from: CardAt, targetId: string): string | null {
    return this.attempt((origin) => linkTo(this.target(), from, targetId, origin));
  }

  unlink(card: CardAt, link: CardLink): void {
    this.options.report(this.attempt((origin) => void unlink(this.target(), card, link, origin)));
  }

  removeBroken(card: CardAt, targetId: string): void {
    this.options.report(this.attempt((origin) => removeBrokenLink(this.target(), card, targetId, origin)));
  }

  /**
   * Removes a card with the links to it that this person may remove, as one undo step (`origin`,
   * inside the page's own change). @throws as `removeCard`.
   */
  removeCard(card: CardAt, origin: object): void {
    removeCardAndLinks(this.target(), card, origin);
  }

  /**
   * Removes a stage through `remove` (which removes its cards), with the links to its cards that
   * this person may remove, in the same undo step (`origin`). @throws as `remove`.
   */
  removeStage(stageId: string, remove: () => void, origin: object): void {
    const cards = [...this.index.cards()].filter((at) => at.card.stageId === stageId).map((at) => at.card.id);
    removeWithLinks(this.target(), cards, remove, origin);
  }

  private target(): LinkCommandTarget {
    return { index: this.index, laneDoc: (id) => this.board.laneDoc(id), mayWrite: this.mayWrite };
  }

  private attempt(operation: (origin: object) => void): string | null {
    try {
      this.board.change(operation);
      return null;
    } catch (error) {
      // The board's own "has reached the most it can hold" would not say which most.
      if (error instanceof BoardModelError && error.code === 'TOO_MANY' && error.field === 'links') {
        return m.link_too_many({ limit: String(error.limit ?? '') });
      }
      return describeError(error);
    }
  }

  /** Every card on the board, in board order (lane by lane, stage by stage), where it shows. */
  private *placedCards(): Generator<PlacedCard> {
    const structure = this.board.structure;
    if (!structure) return;
    for (const lane of structure.lanes) {
      for (const stage of structure.stages) {
        for (const card of this.board.cellCards(lane.id, stage.id)) {
          yield { card, laneId: lane.id, laneKind: lane.kind, laneName: lane.name, stageName: stage.name };
        }
      }
    }
  }
}
