import { describe, expect, it } from 'vitest';
import {
  insertMention,
  mentionCandidates,
  mentionParts,
  mentionQueryAt,
  mentionsInText,
} from './mentions.ts';

const LAN = { userId: 'q2k7mvxbn4a3hd5e', name: 'Lan Nguyễn' };
const MINH = { userId: 'w8c3ptzr6y2fgk9j', name: 'Minh Trần' };
const HA = { userId: 'f5h9dqx2m7b4nv3s', name: 'Hà Phạm' };

describe('typing a mention', () => {
  it('finds the @ being typed before the caret, not an email or a finished line', () => {
    expect(mentionQueryAt('Hi @Mi', 6)).toEqual({ start: 3, query: 'Mi' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('(@Lan Ng', 8)).toEqual({ start: 1, query: 'Lan Ng' });
    expect(mentionQueryAt('mail lan@example.com', 20)).toBeNull();
    expect(mentionQueryAt('@Lan\nnext', 9)).toBeNull();
    expect(mentionQueryAt('@ Lan', 5)).toBeNull();
    expect(mentionQueryAt('no mention', 10)).toBeNull();
  });

  it('offers the people whose name or a word of it starts with the query, ignoring case and accents, not oneself', () => {
    const people = [LAN, MINH, HA, { ...MINH }];
    expect(mentionCandidates(people, 'ng', null).map((p) => p.name)).toEqual(['Lan Nguyễn']);
    expect(mentionCandidates(people, 'tran', null).map((p) => p.name)).toEqual(['Minh Trần']);
    expect(mentionCandidates(people, '', LAN.userId).map((p) => p.name)).toEqual(['Hà Phạm', 'Minh Trần']);
    expect(mentionCandidates(people, 'x', null)).toEqual([]);
  });

  it('writes the picked name in place of the query and keeps only the people still named', () => {
    const typed = 'Ask @Mi about it';
    const query = mentionQueryAt(typed, 7)!;
    const { text, caret } = insertMention(typed, query, 7, MINH.name);
    expect(text).toBe('Ask @Minh Trần  about it');
    expect(caret).toBe('Ask @Minh Trần '.length);
    expect(mentionsInText(text, [MINH, LAN])).toEqual([MINH.userId]);
    expect(mentionsInText('Ask about it', [MINH])).toEqual([]);
  });

  it('cuts a text into plain parts and the mentions of named people, the longest name first', () => {
    const lanFull = { userId: 'longername01', name: 'Lan Nguyễn Thị' };
    expect(mentionParts('@Lan Nguyễn Thị and @Minh Trần, @nobody', [LAN, lanFull, MINH])).toEqual([
      { text: '@Lan Nguyễn Thị', mention: lanFull },
      { text: ' and ', mention: null },
      { text: '@Minh Trần', mention: MINH },
      { text: ', @nobody', mention: null },
    ]);
  });
});
