import { addCard, type LaneKind, linkCards, observeCards, unlinkCards } from '@journeyboard/board-model';
import { TEST_AUTHOR } from '@journeyboard/board-model/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  LinkIndex,
  linkCandidates,
  linkRelation,
  linksToRemoveWith,
  NO_LINKS,
  type PlacedCard,
  searchable,
  suggestedLinkKinds,
} from './card-links.ts';
import { LaneCards } from './live/lane-cards.ts';

/**
 * A board of lanes (one doc each, one stage), mirrored the way the page mirrors it (`LaneCards`:
 * a card that did not change stays the same object).
 */
function board(kinds: Record<string, LaneKind>) {
  const docs = new Map(Object.keys(kinds).map((laneId) => [laneId, new Y.Doc()] as const));
  const mirrors = new Map(
    [...docs].map(([laneId, doc]) => {
      const cards = new LaneCards();
      observeCards(doc, (changed) => cards.update(doc, changed));
      return [laneId, cards] as const;
    }),
  );
  const add = (laneId: string, text: string) =>
    addCard(docs.get(laneId)!, { stageId: 'stageDecision', text, author: TEST_AUTHOR });
  const placed = (): PlacedCard[] =>
    [...mirrors].flatMap(([laneId, cards]) =>
      cards.cell('stageDecision').map((card) => ({
        card,
        laneId,
        laneKind: kinds[laneId]!,
        laneName: `Lane ${laneId}`,
        stageName: 'Decision',
      })),
    );
  return { docs, add, placed, doc: (laneId: string) => docs.get(laneId)! };
}

const ids = (index: LinkIndex, cardId: string) =>
  index.of(cardId).links.map((link) => [link.other.card.id, link.relation, link.outgoing, link.incoming]);

describe('the links of a board', () => {
  it('reads each link from both ends, named by what it means for the card that lists it', () => {
    const b = board({ pains: 'painPoints', back: 'backstage', ideas: 'opportunities', notes: 'notes' });
    const pain = b.add('pains', 'Refund takes two weeks');
    const process = b.add('back', 'Refunds approved by hand');
    const idea = b.add('ideas', 'Approve small refunds at once');
    const note = b.add('notes', 'Ask finance');
    linkCards(b.doc('pains'), pain, process);
    linkCards(b.doc('ideas'), idea, pain);
    linkCards(b.doc('notes'), note, idea);
    const index = LinkIndex.build(b.placed());
    expect(ids(index, pain)).toEqual([
      [process, 'causedBy', true, false],
      [idea, 'answeredBy', false, true],
    ]);
    expect(ids(index, process)).toEqual([[pain, 'causes', false, true]]);
    expect(ids(index, idea)).toEqual([
      [pain, 'answers', true, false],
      [note, 'linkedFrom', false, true],
    ]);
    expect(ids(index, note)).toEqual([[idea, 'linksTo', true, false]]);
    expect(index.find(process)?.laneId).toBe('back');
  });

  it('shows two cards that link to each other once, linked both ways', () => {
    const b = board({ back: 'backstage', pains: 'painPoints' });
    const process = b.add('back', 'Stock counted weekly');
    const pain = b.add('pains', 'Out-of-stock items vanish');
    linkCards(b.doc('back'), process, pain);
    linkCards(b.doc('pains'), pain, process);
    const index = LinkIndex.build(b.placed());
    expect(ids(index, pain)).toEqual([[process, 'causedBy', true, true]]);
    expect(ids(index, process)).toEqual([[pain, 'causes', true, true]]);
  });

  it('does not show a link to a card on no lane: it is dangling on the card that holds it, and unseen elsewhere', () => {
    const b = board({ pains: 'painPoints', back: 'backstage' });
    const pain = b.add('pains', 'No pre-orders');
    const process = b.add('back', 'Orders typed in by hand');
    linkCards(b.doc('pains'), pain, process);
    const before = LinkIndex.build(b.placed());
    b.doc('back').getMap('cards').delete(process);
    const after = LinkIndex.build(b.placed(), before);
    expect(after.of(pain)).toEqual({ links: [], dangling: [process] });
    expect(after.of(process)).toBe(NO_LINKS);
    expect(after.find(process)).toBeUndefined();
  });

  it('keeps the same object for every card whose links did not change, so that only changed cards show anew', () => {
    const b = board({ pains: 'painPoints', back: 'backstage' });
    const [a, c] = [b.add('pains', 'A'), b.add('pains', 'C')];
    const [p, q] = [b.add('back', 'P'), b.add('back', 'Q')];
    linkCards(b.doc('pains'), a, p);
    linkCards(b.doc('pains'), c, q);
    const first = LinkIndex.build(b.placed());
    // The lane is read again (new placed objects, same cards): nothing changed.
    const second = LinkIndex.build(b.placed(), first);
    expect(second.of(a)).toBe(first.of(a));
    unlinkCards(b.doc('pains'), c, q);
    linkCards(b.doc('pains'), c, p);
    const third = LinkIndex.build(b.placed(), second);
    expect(third.of(a)).toBe(first.of(a));
    expect(third.of(c)).not.toBe(first.of(c));
    expect(ids(third, p)).toEqual([
      [a, 'causes', false, true],
      [c, 'causes', false, true],
    ]);
    expect(third.of(q)).toBe(NO_LINKS);
  });

  it('names the links to remove with a card: those stored in lanes this person may write', () => {
    const b = board({ pains: 'painPoints', ideas: 'opportunities', back: 'backstage' });
    const process = b.add('back', 'Manual approval');
    const pain = b.add('pains', 'Slow refunds');
    const idea = b.add('ideas', 'Auto-approve');
    linkCards(b.doc('pains'), pain, process);
    linkCards(b.doc('ideas'), idea, process);
    linkCards(b.doc('back'), process, pain);
    const index = LinkIndex.build(b.placed());
    expect(linksToRemoveWith(index, process, (lane) => lane !== 'ideas')).toEqual([
      { laneId: 'pains', cardId: pain },
    ]);
    expect(linksToRemoveWith(index, idea, () => true)).toEqual([]);
  });
});

describe('what a link means, and what the picker suggests', () => {
  it('a pain point is caused by a process of the blueprint, and answered by an opportunity', () => {
    for (const process of ['frontstage', 'backstage', 'support'] as const) {
      expect(linkRelation('painPoints', process, true)).toBe('causedBy');
      expect(linkRelation(process, 'painPoints', false)).toBe('causes');
    }
    expect(linkRelation('opportunities', 'painPoints', true)).toBe('answers');
    expect(linkRelation('painPoints', 'opportunities', false)).toBe('answeredBy');
    expect(linkRelation('touchpoints', 'painPoints', true)).toBe('linksTo');
    expect(linkRelation('painPoints', 'touchpoints', false)).toBe('linkedFrom');
  });

  it('suggests a pain point its processes, a process and an opportunity their pain points, and nothing else', () => {
    expect(suggestedLinkKinds('painPoints')).toEqual(['backstage', 'frontstage', 'support']);
    expect(suggestedLinkKinds('opportunities')).toEqual(['painPoints']);
    expect(suggestedLinkKinds('support')).toEqual(['painPoints']);
    expect(suggestedLinkKinds('touchpoints')).toEqual([]);
  });

  it('offers every other card not linked yet, suggested kinds first, in board order, found by text, lane or stage without accents', () => {
    const b = board({ touch: 'touchpoints', pains: 'painPoints', back: 'backstage', front: 'frontstage' });
    const ad = b.add('touch', 'Quảng cáo trên Zalo');
    const pain = b.add('pains', 'Điểm đau: giá không rõ');
    const other = b.add('pains', 'Hết hàng');
    const counted = b.add('back', 'Kho đếm hàng mỗi tuần');
    const desk = b.add('front', 'Quầy tư vấn');
    const source = () => LinkIndex.build(b.placed());
    let index = source();
    const candidates = (query: string) =>
      linkCandidates(index, index.find(pain)!, query).map((c) => [c.target.card.id, c.suggested]);
    expect(candidates('')).toEqual([
      [counted, true],
      [desk, true],
      [ad, false],
      [other, false],
    ]);
    expect(candidates('HANG')).toEqual([
      [counted, true],
      [other, false],
    ]);
    expect(candidates('quang cao')).toEqual([[ad, false]]);
    expect(candidates('lane front')).toEqual([[desk, true]]);
    expect(candidates('decision zalo')).toEqual([[ad, false]]);
    linkCards(b.doc('pains'), pain, counted);
    index = source();
    expect(candidates('')).toEqual([
      [desk, true],
      [ad, false],
      [other, false],
    ]);
  });

  it('folds case and accents for search', () => {
    expect(searchable('Điểm ĐAU')).toBe('diem dau');
    expect(searchable('Cơ hội')).toBe('co hoi');
  });
});
