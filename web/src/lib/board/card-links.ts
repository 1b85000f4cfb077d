import type { Card, LaneKind } from '@journeyboard/board-model';

/**
 * Links between cards, as the page shows them. A link is stored on the card that links
 * (`Card.links`, written by the writers of that card's lane); the page reads it both ways, over
 * every lane: a card lists the cards it links to and the cards that link to it. A link to a card
 * that is on no lane (removed, by anyone) is not shown as a link: it is "dangling", and the page
 * offers its writers to remove it. (Undoing the removal brings the card back, and the link with it.)
 */

/** A card where the board shows it: its lane and stage, with their names. */
export interface PlacedCard {
  card: Card;
  laneId: string;
  laneKind: LaneKind;
  laneName: string;
  stageName: string;
}

/**
 * What a link means, from the point of view of the card that lists it: a pain point is caused by
 * a process of the service blueprint (frontstage, backstage, support), which causes it; an
 * opportunity answers a pain point, which is answered by it; any other link is a plain link, to
 * (stored on this card) or from (stored on the other).
 */
export type LinkRelation = 'causedBy' | 'causes' | 'answers' | 'answeredBy' | 'linksTo' | 'linkedFrom';

/** One card linked with another, as the other lists it. */
export interface CardLink {
  /** The card at the other end. */
  other: PlacedCard;
  relation: LinkRelation;
  /** This card links to the other (the link is stored on this card). */
  outgoing: boolean;
  /** The other card links to this one (stored on the other card). Both, when each links to the other. */
  incoming: boolean;
}

/** A card's links: those that resolve, and the ids it links to that are on no lane. */
export interface CardLinks {
  /** Outgoing links first, in the order they were made, then incoming ones in board order. */
  readonly links: readonly CardLink[];
  readonly dangling: readonly string[];
}

/** What a card without links has: the same object for every such card. */
export const NO_LINKS: CardLinks = Object.freeze({ links: Object.freeze([]), dangling: Object.freeze([]) });

/** The lane kinds of the service blueprint's processes, behind what the customer meets. */
const PROCESS_KINDS: readonly string[] = ['frontstage', 'backstage', 'support'];

const isProcess = (kind: LaneKind) => PROCESS_KINDS.includes(kind);

/** What a link between a card of `own` kind and one of `other` kind means, seen from the first. */
export function linkRelation(own: LaneKind, other: LaneKind, outgoing: boolean): LinkRelation {
  if (own === 'painPoints' && isProcess(other)) return 'causedBy';
  if (isProcess(own) && other === 'painPoints') return 'causes';
  if (own === 'opportunities' && other === 'painPoints') return 'answers';
  if (own === 'painPoints' && other === 'opportunities') return 'answeredBy';
  return outgoing ? 'linksTo' : 'linkedFrom';
}

/**
 * The kinds of lane whose cards a card of `kind` is most likely to link to, which the link picker
 * lists first: a pain point to the process that causes it, a process to the pain points it
 * causes, an opportunity to the pain point it answers. Any card may link to any other all the same.
 */
export function suggestedLinkKinds(kind: LaneKind): readonly LaneKind[] {
  if (kind === 'painPoints') return ['backstage', 'frontstage', 'support'];
  if (kind === 'opportunities' || isProcess(kind)) return ['painPoints'];
  return [];
}

/**
 * The links of every card on the board. Built again after each change (`LinkIndex.build`, given
 * the index before it), it keeps the `CardLinks` of every card whose links did not change (the
 * same object), so that only the cards whose links changed show anew.
 */
export class LinkIndex {
  private readonly byCard: Map<string, CardLinks>;
  private readonly placed: Map<string, PlacedCard>;

  private constructor(byCard: Map<string, CardLinks>, placed: Map<string, PlacedCard>) {
    this.byCard = byCard;
    this.placed = placed;
  }

  /** A card's links (`NO_LINKS` when it has none, or is not on the board). */
  of(cardId: string): CardLinks {
    return this.byCard.get(cardId) ?? NO_LINKS;
  }

  /** A card, where it is on the board, or undefined when it is on no lane. */
  find(cardId: string): PlacedCard | undefined {
    return this.placed.get(cardId);
  }

  /** Every card of the board, in board order. */
  cards(): IterableIterator<PlacedCard> {
    return this.placed.values();
  }

  /** The links of `cards` (every card of the board, in board order), reusing what `previous` read. */
  static build(cards: Iterable<PlacedCard>, previous?: LinkIndex): LinkIndex {
    const placed = new Map<string, PlacedCard>();
    for (const at of cards) placed.set(at.card.id, at);
    const built = new Map<string, { links: CardLink[]; dangling: string[] }>();
    const entry = (id: string) => {
      let found = built.get(id);
      if (!found) built.set(id, (found = { links: [], dangling: [] }));
      return found;
    };
    for (const source of placed.values()) {
      const own = entry(source.card.id);
      for (const targetId of source.card.links) {
        const target = placed.get(targetId);
        if (!target || targetId === source.card.id) {
          own.dangling.push(targetId);
          continue;
        }
        if (own.links.some((link) => link.other === target)) continue;
        own.links.push({
          other: target,
          relation: linkRelation(source.laneKind, target.laneKind, true),
          outgoing: true,
          incoming: target.card.links.includes(source.card.id),
        });
      }
    }
    // Incoming links, in board order, after the card's own.
    for (const source of placed.values()) {
      for (const targetId of source.card.links) {
        const target = placed.get(targetId);
        if (!target || targetId === source.card.id) continue;
        const links = entry(targetId).links;
        if (links.some((link) => link.other === source)) continue;
        links.push({
          other: source,
          relation: linkRelation(target.laneKind, source.laneKind, false),
          outgoing: false,
          incoming: true,
        });
      }
    }
    const byCard = new Map<string, CardLinks>();
    for (const [id, links] of built) {
      if (links.links.length === 0 && links.dangling.length === 0) continue;
      const before = previous?.byCard.get(id);
      byCard.set(id, before && sameLinks(before, links) ? before : links);
    }
    return new LinkIndex(byCard, placed);
  }
}

function sameLinks(a: CardLinks, b: CardLinks): boolean {
  return (
    a.links.length === b.links.length &&
    a.dangling.length === b.dangling.length &&
    a.dangling.every((id, i) => id === b.dangling[i]) &&
    a.links.every((link, i) => {
      const other = b.links[i]!;
      return (
        link.relation === other.relation &&
        link.outgoing === other.outgoing &&
        link.incoming === other.incoming &&
        samePlace(link.other, other.other)
      );
    })
  );
}

function samePlace(a: PlacedCard, b: PlacedCard): boolean {
  return (
    a.card === b.card && a.laneId === b.laneId && a.laneName === b.laneName && a.stageName === b.stageName
  );
}

/**
 * The cards that may hold `cardId`'s links, i.e. whose link to it should go when it is removed:
 * those linking to it, in lanes `mayWrite` says this person may write. (Links from lanes they may
 * not write stay, dangling and unseen, until someone who may removes them.)
 */
export function linksToRemoveWith(
  index: LinkIndex,
  cardId: string,
  mayWrite: (laneId: string) => boolean,
): { laneId: string; cardId: string }[] {
  return index
    .of(cardId)
    .links.filter((link) => link.incoming && mayWrite(link.other.laneId))
    .map((link) => ({ laneId: link.other.laneId, cardId: link.other.card.id }));
}

/** A card the link picker offers, and whether its kind is one suggested for the linking card. */
export interface LinkCandidate {
  target: PlacedCard;
  suggested: boolean;
}

/**
 * The cards `source` may link to that match `query` (in their text, lane or stage name, whatever
 * the case or the accents: "diem dau" finds "điểm đau"): every card but itself and those it links
 * to already, suggested kinds first, each group in board order.
 */
export function linkCandidates(index: LinkIndex, source: PlacedCard, query: string): LinkCandidate[] {
  const suggested = suggestedLinkKinds(source.laneKind);
  const words = searchable(query).split(/\s+/).filter(Boolean);
  const linked = new Set(source.card.links);
  const matches: LinkCandidate[] = [];
  for (const target of index.cards()) {
    if (target.card.id === source.card.id || linked.has(target.card.id)) continue;
    const haystack = searchable(`${target.card.text} ${target.laneName} ${target.stageName}`);
    if (!words.every((word) => haystack.includes(word))) continue;
    matches.push({ target, suggested: suggested.includes(target.laneKind) });
  }
  // A stable sort: board order within each group.
  return matches.sort((a, b) => Number(b.suggested) - Number(a.suggested));
}

/** Text folded for search: lower case, without accents (Vietnamese đ as d). */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}
