import { type Card, compareOrdered, readCard, readCards } from '@journeyboard/board-model';
import type * as Y from 'yjs';

const NO_CARDS: readonly Card[] = Object.freeze([]);

/** Above this share of a lane's cards changed at once, re-reading the whole lane is cheaper. */
const FULL_READ_SHARE = 0.25;

/**
 * Whether a card read again says the same as before, field by field, whatever fields a card has:
 * a list (departments, links…) by its items, a record (author, KPI) by its values. A card that
 * changed only in a typed field (a moment of truth, a KPI) is shown again like one whose text did.
 */
function sameCard(a: Card, b: Card): boolean {
  const keys = Object.keys(a) as (keyof Card)[];
  return keys.length === Object.keys(b).length && keys.every((key) => sameValue(a[key], b[key]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
    );
  }
  return false;
}

/**
 * A lane's cards as the page shows them, kept up to date one change at a time: after an edit only
 * the cards named in it are read again, only the cells they left or entered get new arrays, and
 * every card and cell that did not change keeps its identity, so what renders them can skip them.
 */
export class LaneCards {
  private byId = new Map<string, Card>();
  private readonly cells = new Map<string, readonly Card[]>();

  /** The cards of one cell (this lane × `stageId`) in board order; the same array until it changes. */
  cell(stageId: string): readonly Card[] {
    return this.cells.get(stageId) ?? NO_CARDS;
  }

  card(cardId: string): Card | undefined {
    return this.byId.get(cardId);
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * Reads the cards named in `changed` again (every card when null) from `laneDoc`; returns
   * whether any cell changed.
   */
  update(laneDoc: Y.Doc, changed: ReadonlySet<string> | null): boolean {
    if (changed === null || changed.size > Math.max(16, this.byId.size * FULL_READ_SHARE)) {
      return this.readAll(laneDoc);
    }
    const stages = new Set<string>();
    for (const id of changed) {
      const before = this.byId.get(id);
      const after = readCard(laneDoc, id);
      if (before && after && sameCard(before, after)) continue;
      if (before) stages.add(before.stageId);
      if (after) {
        stages.add(after.stageId);
        this.byId.set(id, after);
      } else this.byId.delete(id);
    }
    for (const stageId of stages) {
      const cards = this.cell(stageId).filter((card) => !changed.has(card.id));
      for (const id of changed) {
        const card = this.byId.get(id);
        if (card?.stageId === stageId) cards.push(card);
      }
      this.setCell(stageId, cards.sort(compareOrdered));
    }
    return stages.size > 0;
  }

  private readAll(laneDoc: Y.Doc): boolean {
    const grouped = new Map<string, Card[]>();
    const byId = new Map<string, Card>();
    for (const read of readCards(laneDoc)) {
      // A card that did not change stays the same object.
      const previous = this.byId.get(read.id);
      const card = previous && sameCard(previous, read) ? previous : read;
      byId.set(card.id, card);
      let cell = grouped.get(card.stageId);
      if (!cell) grouped.set(card.stageId, (cell = []));
      cell.push(card);
    }
    this.byId = byId;
    let changed = false;
    for (const stageId of new Set([...this.cells.keys(), ...grouped.keys()])) {
      const next = grouped.get(stageId) ?? [];
      const previous = this.cell(stageId);
      if (next.length === previous.length && next.every((card, i) => card === previous[i])) continue;
      this.setCell(stageId, next);
      changed = true;
    }
    return changed;
  }

  private setCell(stageId: string, cards: Card[]): void {
    if (cards.length === 0) this.cells.delete(stageId);
    else this.cells.set(stageId, cards);
  }
}
