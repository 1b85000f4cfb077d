import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.ts';
import {
  buildVote,
  checkVoteChange,
  readVote,
  REVEALED_CARDS_MAX,
  tallyVotes,
  voteCoversLane,
  voteResultsText,
  votesLeft,
  type SessionVote,
} from './session-vote.ts';

const LANE_A = 'laneAAAAAAAA';
const LANE_B = 'laneBBBBBBBB';
const OPENED = { id: 'vote12345678', at: 1_700_000_000_000, by: 'facilitator1' };

const openVote = (settings: Partial<Parameters<typeof buildVote>[0]> = {}): SessionVote =>
  buildVote({ laneIds: null, votesPerPerson: 3, allowMultiple: false, ...settings }, OPENED);

describe('the vote entry of the session doc', () => {
  it('reads back what buildVote made, open and revealed', () => {
    const vote = openVote({ laneIds: [LANE_A, LANE_A, LANE_B] });
    expect(vote.laneIds).toEqual([LANE_A, LANE_B]);
    expect(readVote(JSON.parse(JSON.stringify(vote)))).toEqual(vote);
    const revealed: SessionVote = {
      ...vote,
      status: 'revealed',
      revealed: tallyVotes([{ userId: 'u1', cardId: 'card11111111', laneId: LANE_A, count: 2 }]),
    };
    expect(readVote(JSON.parse(JSON.stringify(revealed)))).toEqual(revealed);
  });

  it('reads anything malformed as no vote', () => {
    const vote = openVote();
    const malformed: unknown[] = [
      null,
      'vote',
      [],
      { ...vote, id: 'bad id' },
      { ...vote, status: 'closed' },
      { ...vote, votesPerPerson: 0 },
      { ...vote, votesPerPerson: 21 },
      { ...vote, votesPerPerson: 2.5 },
      { ...vote, allowMultiple: 'yes' },
      { ...vote, laneIds: [] },
      { ...vote, laneIds: ['no spaces'] },
      { ...vote, openedAt: -1 },
      { ...vote, openedBy: 7 },
      // Open with a tally, revealed without one.
      { ...vote, revealed: { counts: {}, voters: 0, ranking: [] } },
      { ...vote, status: 'revealed' },
      { ...vote, status: 'revealed', revealed: { counts: { x: 1 }, voters: 1, ranking: [] } },
      {
        ...vote,
        status: 'revealed',
        revealed: { counts: {}, voters: 1, ranking: [{ cardId: 'card11111111' }] },
      },
    ];
    for (const value of malformed) expect(readVote(value), JSON.stringify(value)).toBeNull();
  });

  it('refuses to build a vote with settings no vote may have', () => {
    expect(() => openVote({ votesPerPerson: 0 })).toThrow(RangeError);
    expect(() => openVote({ votesPerPerson: 21 })).toThrow(RangeError);
    expect(() => openVote({ laneIds: [] })).toThrow(RangeError);
    expect(() => openVote({ laneIds: ['not an id'] })).toThrow(RangeError);
  });

  it('covers every lane, or only those chosen', () => {
    expect(voteCoversLane(openVote(), LANE_B)).toBe(true);
    expect(voteCoversLane(openVote({ laneIds: [LANE_A] }), LANE_A)).toBe(true);
    expect(voteCoversLane(openVote({ laneIds: [LANE_A] }), LANE_B)).toBe(false);
  });
});

describe('placing and withdrawing votes', () => {
  it('allows votes up to the number per person, and withdrawing always while open', () => {
    const vote = openVote({ votesPerPerson: 2 });
    expect(checkVoteChange(vote, {}, 'c1', 1)).toBeNull();
    expect(checkVoteChange(vote, { c1: 1 }, 'c2', 1)).toBeNull();
    expect(checkVoteChange(vote, { c1: 1, c2: 1 }, 'c3', 1)).toBe('no-votes-left');
    expect(checkVoteChange(vote, { c1: 1, c2: 1 }, 'c2', 0)).toBeNull();
    expect(votesLeft(vote, { c1: 1 })).toBe(1);
    expect(votesLeft(vote, { c1: 1, c2: 1 })).toBe(0);
  });

  it('counts a card named after a property every object has like any other card', () => {
    const vote = openVote({ votesPerPerson: 2, allowMultiple: true });
    for (const cardId of ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(checkVoteChange(vote, {}, cardId, 3), cardId).toBe('no-votes-left');
      expect(checkVoteChange(vote, { other1: 2 }, cardId, 1), cardId).toBe('no-votes-left');
      expect(checkVoteChange(vote, {}, cardId, 2), cardId).toBeNull();
    }
    const revealed = tallyVotes([
      { userId: 'u1', cardId: '__proto__', laneId: LANE_A, count: 2 },
      { userId: 'u2', cardId: 'toString', laneId: LANE_A, count: 1 },
    ]);
    expect(Object.entries(revealed.counts)).toEqual([
      ['__proto__', 2],
      ['toString', 1],
    ]);
    const read = readVote(JSON.parse(JSON.stringify({ ...openVote(), status: 'revealed', revealed })));
    expect(Object.entries(read!.revealed!.counts)).toEqual([
      ['__proto__', 2],
      ['toString', 1],
    ]);
  });

  it('puts several votes on one card only when the vote allows it', () => {
    expect(checkVoteChange(openVote(), { c1: 1 }, 'c1', 2)).toBe('too-many-on-card');
    const several = openVote({ allowMultiple: true, votesPerPerson: 3 });
    expect(checkVoteChange(several, { c1: 1 }, 'c1', 3)).toBeNull();
    expect(checkVoteChange(several, { c1: 1, c2: 1 }, 'c1', 3)).toBe('no-votes-left');
  });

  it('takes no change once revealed, and only whole counts', () => {
    const vote = openVote();
    expect(checkVoteChange({ ...vote, status: 'revealed' }, {}, 'c1', 1)).toBe('not-open');
    expect(checkVoteChange({ ...vote, status: 'revealed' }, { c1: 1 }, 'c1', 0)).toBe('not-open');
    for (const count of [-1, 1.5, Number.NaN, 21]) {
      expect(checkVoteChange(vote, {}, 'c1', count), String(count)).toBe('not-a-count');
    }
  });
});

describe('the tally', () => {
  it('counts votes per card and voters, most voted first, ties by card id', () => {
    const tally = tallyVotes([
      { userId: 'u1', cardId: 'cardB0000000', laneId: LANE_A, count: 1 },
      { userId: 'u1', cardId: 'cardC0000000', laneId: LANE_B, count: 2 },
      { userId: 'u2', cardId: 'cardA0000000', laneId: LANE_A, count: 1 },
      { userId: 'u2', cardId: 'cardC0000000', laneId: LANE_B, count: 1 },
      { userId: 'u3', cardId: 'cardB0000000', laneId: LANE_A, count: 0 },
    ]);
    expect(tally).toEqual({
      counts: { cardC0000000: 3, cardA0000000: 1, cardB0000000: 1 },
      voters: 2,
      ranking: [
        { cardId: 'cardC0000000', laneId: LANE_B, votes: 3 },
        { cardId: 'cardA0000000', laneId: LANE_A, votes: 1 },
        { cardId: 'cardB0000000', laneId: LANE_A, votes: 1 },
      ],
    });
  });

  it('keeps the top of the ranking when very many cards got votes', () => {
    const ballots = Array.from({ length: REVEALED_CARDS_MAX + 50 }, (_, i) => ({
      userId: 'u1',
      cardId: `card${String(i).padStart(8, '0')}`,
      laneId: LANE_A,
      count: i === 340 ? 5 : 1,
    }));
    const tally = tallyVotes(ballots);
    expect(tally.ranking).toHaveLength(REVEALED_CARDS_MAX);
    expect(tally.ranking[0]).toEqual({ cardId: 'card00000340', laneId: LANE_A, votes: 5 });
    expect(Object.keys(tally.counts)).toHaveLength(REVEALED_CARDS_MAX);
  });
});

describe('the results note', () => {
  it('lists the cards in order with their votes, leaving out cards no longer there', () => {
    const ranking = [
      { cardId: 'c1', laneId: LANE_A, votes: 5 },
      { cardId: 'gone', laneId: LANE_A, votes: 4 },
      { cardId: 'c2', laneId: LANE_B, votes: 3 },
    ];
    const texts: Record<string, string> = { c1: 'Price  is\nunclear', c2: 'Slow support' };
    expect(voteResultsText('Vote results:', ranking, (id) => texts[id] ?? null)).toBe(
      'Vote results:\n1. Price is unclear (5)\n2. Slow support (3)',
    );
  });

  it('fits a card, shortening long texts and stopping before the limit', () => {
    const ranking = Array.from({ length: 100 }, (_, i) => ({ cardId: `c${i}`, laneId: LANE_A, votes: 1 }));
    const text = voteResultsText('Vote results:', ranking, () => 'x'.repeat(200));
    expect(text.length).toBeLessThanOrEqual(LIMITS.cardText);
    expect(text).toContain(`1. ${'x'.repeat(59)}… (1)`);
  });
});
