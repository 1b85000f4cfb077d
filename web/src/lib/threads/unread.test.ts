import type { CardComment } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { markFor, parseReadMarks, readMarksKey, totalMentions, unreadByCard } from './unread.ts';

const LAN = 'q2k7mvxbn4a3hd5e';
const MINH = 'w8c3ptzr6y2fgk9j';

function comment(
  id: string,
  cardId: string,
  authorId: string,
  createdAt: number,
  extra: Partial<CardComment> = {},
) {
  return {
    id,
    cardId,
    laneId: 'lanePainPts1',
    authorId,
    authorName: authorId === LAN ? 'Lan' : 'Minh',
    authorGuest: false,
    text: id,
    createdAt,
    parentId: null,
    mentions: [],
    editedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    ...extra,
  } satisfies CardComment;
}

describe('unread comments and mentions', () => {
  const comments = [
    comment('c1', 'cardA', MINH, 10),
    comment('c2', 'cardA', MINH, 20, { mentions: [LAN] }),
    comment('c3', 'cardA', LAN, 30),
    comment('c4', 'cardB', MINH, 40, { mentions: [LAN] }),
  ];

  it('counts comments by others after the mark, and mentions of the reader among them, per card', () => {
    const unread = unreadByCard(comments, { cardA: 10 }, LAN);
    expect(Object.fromEntries(unread)).toEqual({
      cardA: { comments: 1, mentions: 1 },
      cardB: { comments: 1, mentions: 1 },
    });
    expect(totalMentions(unread)).toBe(2);
    // Minh reads: Lan's own comment is the only one not his.
    expect(Object.fromEntries(unreadByCard(comments, {}, MINH))).toEqual({
      cardA: { comments: 1, mentions: 0 },
    });
    // A watcher has no marks and no badges.
    expect(unreadByCard(comments, {}, null).size).toBe(0);
  });

  it('marks a card read up to its latest comment, and counts a mention added by an edit afterwards', () => {
    const marks = { cardA: markFor(comments, 'cardA', undefined) };
    expect(marks.cardA).toBe(30);
    expect(unreadByCard(comments, marks, LAN).has('cardA')).toBe(false);
    const edited = [...comments, comment('c5', 'cardA', MINH, 15, { editedAt: 50, mentions: [LAN] })];
    expect(unreadByCard(edited, marks, LAN).get('cardA')).toEqual({ comments: 0, mentions: 1 });
    // A mark never goes back.
    expect(markFor(comments, 'cardA', 99)).toBe(99);
  });

  it('reads stored marks, skipping anything malformed, per board and person', () => {
    expect(parseReadMarks('{"cardA":12,"cardB":"x","cardC":null}')).toEqual({ cardA: 12 });
    expect(parseReadMarks('not json')).toEqual({});
    expect(parseReadMarks('[1,2]')).toEqual({});
    expect(parseReadMarks(null)).toEqual({});
    expect(readMarksKey('board1', LAN)).not.toBe(readMarksKey('board1', MINH));
    expect(readMarksKey('board1', LAN)).not.toBe(readMarksKey('board2', LAN));
  });
});
