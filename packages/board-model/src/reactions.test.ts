import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expectRefusal } from './expectRefusal.ts';
import { REACTION_EMOJIS } from './presence.ts';
import { reactionKey, reactionsMap, reactionTallies, readReactions, toggleReaction } from './reactions.ts';
import { syncBoth } from './replicas.ts';

const CARD = 'cardReview01';
const LANE = 'lanePainPts1';
const LAN = { userId: 'q2k7mvxbn4a3hd5e', userName: 'Lan Nguyễn' };
const MINH = { userId: 'w8c3ptzr6y2fgk9j', userName: 'Minh Trần' };

describe('card reactions', () => {
  it('toggles one reaction per person and emoji, and counts them per card', () => {
    const doc = new Y.Doc();
    expect(toggleReaction(doc, { cardId: CARD, laneId: LANE, emoji: '👍', ...LAN })).toBe(true);
    expect(toggleReaction(doc, { cardId: CARD, laneId: LANE, emoji: '👍', ...MINH })).toBe(true);
    expect(toggleReaction(doc, { cardId: CARD, laneId: LANE, emoji: '🎉', ...LAN })).toBe(true);
    expect(reactionsMap(doc).get(reactionKey(CARD, '👍', LAN.userId))).toMatchObject({ emoji: '👍', ...LAN });
    const tallies = reactionTallies(readReactions(doc), CARD, LAN.userId);
    expect(tallies.map((t) => [t.emoji, t.count, t.mine])).toEqual([
      ['👍', 2, true],
      ['❤️', 0, false],
      ['🎉', 1, true],
      ['😂', 0, false],
      ['😮', 0, false],
      ['🤔', 0, false],
    ]);
    expect(tallies[0]!.people.map((p) => p.userName).sort()).toEqual(['Lan Nguyễn', 'Minh Trần']);
    // Tapping again takes it back.
    expect(toggleReaction(doc, { cardId: CARD, laneId: LANE, emoji: '👍', ...LAN })).toBe(false);
    expect(reactionTallies(readReactions(doc), CARD, LAN.userId)[0]).toMatchObject({ count: 1, mine: false });
  });

  it('counts a person once when two of their replicas react at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    toggleReaction(a, { cardId: CARD, laneId: LANE, emoji: '❤️', ...LAN });
    toggleReaction(b, { cardId: CARD, laneId: LANE, emoji: '❤️', ...LAN });
    syncBoth(a, b);
    expect(reactionTallies(readReactions(a), CARD, null)[1]!.count).toBe(1);
  });

  it('refuses an emoji not in the list, and malformed ids, writing nothing', () => {
    const doc = new Y.Doc();
    expectRefusal(
      doc,
      () => toggleReaction(doc, { cardId: CARD, laneId: LANE, emoji: '💩', ...LAN }),
      'INVALID_REACTION',
    );
    expectRefusal(
      doc,
      () => toggleReaction(doc, { cardId: 'x', laneId: LANE, emoji: '👍', ...LAN }),
      'UNKNOWN_CARD',
    );
    expectRefusal(
      doc,
      () => toggleReaction(doc, { cardId: CARD, laneId: LANE, emoji: '👍', userId: 'bad id', userName: 'X' }),
      'INVALID_AUTHOR',
    );
    expect(REACTION_EMOJIS).toEqual(['👍', '❤️', '🎉', '😂', '😮', '🤔']);
  });

  it('skips entries that do not match their key', () => {
    const doc = new Y.Doc();
    const value = { cardId: CARD, laneId: LANE, emoji: '👍', ...LAN, at: 1 };
    reactionsMap(doc).set(reactionKey(CARD, '🎉', LAN.userId), value);
    reactionsMap(doc).set(reactionKey(CARD, '👍', MINH.userId), value);
    reactionsMap(doc).set(reactionKey(CARD, '👍', LAN.userId), { ...value, at: 'now' });
    expect(readReactions(doc)).toEqual([]);
  });
});
