import {
  addCard,
  BoardHistory,
  BoardModelError,
  type LaneKind,
  readCard,
  readCards,
  linkCards,
} from '@journeyboard/board-model';
import { TEST_AUTHOR } from '@journeyboard/board-model/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LinkIndex } from './card-links.ts';
import {
  type LinkCommandTarget,
  linkTo,
  mayUnlink,
  removeBrokenLink,
  removeCardAndLinks,
  removeWithLinks,
  unlink,
} from './link-commands.ts';

const KINDS: Record<string, LaneKind> = {
  painLane: 'painPoints',
  backLane: 'backstage',
  ideaLane: 'opportunities',
};

/** Three lanes; this person writes all but `readOnly`. Their changes go through one history. */
function board(readOnly: string | null = null) {
  const docs = new Map(Object.keys(KINDS).map((id) => [id, new Y.Doc()] as const));
  const history = new BoardHistory();
  for (const doc of docs.values()) history.trackLane(doc);
  const add = (laneId: string, text: string) =>
    addCard(docs.get(laneId)!, { stageId: 'stageAwareness', text, author: TEST_AUTHOR });
  const target = (): LinkCommandTarget => ({
    index: LinkIndex.build(
      [...docs].flatMap(([laneId, doc]) =>
        readCards(doc).map((card) => ({
          card,
          laneId,
          laneKind: KINDS[laneId]!,
          laneName: laneId,
          stageName: 'Awareness',
        })),
      ),
    ),
    laneDoc: (id) => docs.get(id)!,
    mayWrite: (id) => id !== readOnly,
  });
  const linksOf = (laneId: string, cardId: string) => readCard(docs.get(laneId)!, cardId)?.links;
  return { docs, history, add, target, linksOf };
}

describe('link commands', () => {
  it('links a card to one on the board, and refuses one on no lane before writing anything', () => {
    const b = board();
    const pain = b.add('painLane', 'Refunds are slow');
    const process = b.add('backLane', 'Refunds approved by hand');
    linkTo(b.target(), { laneId: 'painLane', cardId: pain }, process);
    expect(b.linksOf('painLane', pain)).toEqual([process]);

    const before = Y.encodeStateVector(b.docs.get('painLane')!);
    const gone = 'cardNowhere1';
    expect(() => linkTo(b.target(), { laneId: 'painLane', cardId: pain }, gone)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_CARD' }) as BoardModelError,
    );
    expect(Y.encodeStateVector(b.docs.get('painLane')!)).toEqual(before);
  });

  it('removes a link from whichever end this person may write', () => {
    const b = board('backLane');
    const pain = b.add('painLane', 'Refunds are slow');
    const process = b.add('backLane', 'Refunds approved by hand');
    linkCards(b.docs.get('painLane')!, pain, process);
    linkCards(b.docs.get('backLane')!, process, pain);
    const target = b.target();
    const link = target.index.of(pain).links[0]!;
    expect(link).toMatchObject({ outgoing: true, incoming: true });
    // Seen from the process, whose lane they may not write, only the pain point's half is theirs.
    const seenFromProcess = target.index.of(process).links[0]!;
    expect(mayUnlink(target, 'backLane', seenFromProcess)).toBe(true);
    expect(unlink(target, { laneId: 'backLane', cardId: process }, seenFromProcess)).toBe(true);
    expect(b.linksOf('painLane', pain)).toEqual([]);
    expect(b.linksOf('backLane', process)).toEqual([pain]);
    // What is left is stored on the process alone: nothing of it is theirs.
    const left = b.target();
    expect(mayUnlink(left, 'painLane', left.index.of(pain).links[0]!)).toBe(false);
    expect(unlink(left, { laneId: 'painLane', cardId: pain }, left.index.of(pain).links[0]!)).toBe(false);
  });

  it('removes a broken link', () => {
    const b = board();
    const pain = b.add('painLane', 'Refunds are slow');
    const process = b.add('backLane', 'Refunds approved by hand');
    linkCards(b.docs.get('painLane')!, pain, process);
    b.docs.get('backLane')!.getMap('cards').delete(process);
    expect(b.target().index.of(pain).dangling).toEqual([process]);
    removeBrokenLink(b.target(), { laneId: 'painLane', cardId: pain }, process);
    expect(b.linksOf('painLane', pain)).toEqual([]);
  });

  it('removes a card with the links to it in lanes this person writes, as one undo step', () => {
    const b = board('ideaLane');
    const process = b.add('backLane', 'Refunds approved by hand');
    const pain = b.add('painLane', 'Refunds are slow');
    const idea = b.add('ideaLane', 'Approve small refunds at once');
    linkCards(b.docs.get('painLane')!, pain, process);
    linkCards(b.docs.get('ideaLane')!, idea, process);
    b.history.act(() =>
      removeCardAndLinks(b.target(), { laneId: 'backLane', cardId: process }, b.history.origin),
    );
    expect(b.linksOf('backLane', process)).toBeUndefined();
    expect(b.linksOf('painLane', pain)).toEqual([]);
    // Not theirs to write: stays, dangling and unseen.
    expect(b.linksOf('ideaLane', idea)).toEqual([process]);
    expect(b.target().index.of(idea)).toEqual({ links: [], dangling: [process] });

    expect(b.history.undo()).toBe(true);
    expect(readCard(b.docs.get('backLane')!, process)?.text).toBe('Refunds approved by hand');
    expect(b.linksOf('painLane', pain)).toEqual([process]);
    expect(
      b
        .target()
        .index.of(process)
        .links.map((l) => l.other.card.id),
    ).toEqual([pain, idea]);
  });

  it('removes several cards at once (a stage) with the links to them, the removed ones’ own included', () => {
    const b = board();
    const process = b.add('backLane', 'Refunds approved by hand');
    const pain = b.add('painLane', 'Refunds are slow');
    const idea = b.add('ideaLane', 'Approve small refunds at once');
    linkCards(b.docs.get('painLane')!, pain, process);
    linkCards(b.docs.get('ideaLane')!, idea, process);
    linkCards(b.docs.get('ideaLane')!, idea, pain);
    const target = b.target();
    b.history.act(() =>
      removeWithLinks(
        target,
        [process, pain],
        () => {
          b.docs
            .get('backLane')!
            .transact(() => b.docs.get('backLane')!.getMap('cards').delete(process), b.history.origin);
          b.docs
            .get('painLane')!
            .transact(() => b.docs.get('painLane')!.getMap('cards').delete(pain), b.history.origin);
        },
        b.history.origin,
      ),
    );
    expect(b.linksOf('ideaLane', idea)).toEqual([]);
    expect(b.history.undo()).toBe(true);
    expect(b.linksOf('ideaLane', idea)).toEqual([process, pain]);
    expect(b.linksOf('painLane', pain)).toEqual([process]);
  });

  it('refuses to remove a card that is gone, and writes nothing', () => {
    const b = board();
    const pain = b.add('painLane', 'Refunds are slow');
    const process = b.add('backLane', 'Refunds approved by hand');
    linkCards(b.docs.get('painLane')!, pain, process);
    const target = b.target();
    b.docs.get('backLane')!.getMap('cards').delete(process);
    const before = Y.encodeStateVector(b.docs.get('painLane')!);
    expect(() => removeCardAndLinks(target, { laneId: 'backLane', cardId: process })).toThrow(
      BoardModelError,
    );
    expect(Y.encodeStateVector(b.docs.get('painLane')!)).toEqual(before);
  });
});
