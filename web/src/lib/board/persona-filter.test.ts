import { describe, expect, it } from 'vitest';
import { concerns, initialsOf, pointConcerns, selectedAmong } from './persona-filter.ts';

const known = new Set(['mai', 'tuan']);

describe('concerns', () => {
  it('keeps every card while no persona is selected', () => {
    for (const personas of [[], ['mai'], ['tuan'], ['gone']]) {
      expect(concerns({ personas }, null, known)).toBe(true);
    }
  });

  it('keeps the cards tagged with the selected persona, alone or with others', () => {
    expect(concerns({ personas: ['mai'] }, 'mai', known)).toBe(true);
    expect(concerns({ personas: ['tuan', 'mai'] }, 'mai', known)).toBe(true);
  });

  it('keeps an untagged card: it concerns everyone', () => {
    expect(concerns({ personas: [] }, 'mai', known)).toBe(true);
  });

  it('dims a card tagged only with other personas', () => {
    expect(concerns({ personas: ['tuan'] }, 'mai', known)).toBe(false);
    expect(concerns({ personas: ['tuan', 'gone'] }, 'mai', known)).toBe(false);
  });

  it('ignores tags naming no persona of the board: such a card reads as untagged', () => {
    expect(concerns({ personas: ['gone'] }, 'mai', known)).toBe(true);
  });

  it('filters nothing by a persona that is no longer on the board', () => {
    expect(concerns({ personas: ['tuan'] }, 'gone', known)).toBe(true);
  });
});

describe('pointConcerns', () => {
  it("keeps the board's own line and the selected persona's, and dims another persona's", () => {
    expect(pointConcerns({ persona: null }, 'mai', known)).toBe(true);
    expect(pointConcerns({ persona: 'mai' }, 'mai', known)).toBe(true);
    expect(pointConcerns({ persona: 'tuan' }, 'mai', known)).toBe(false);
  });

  it('keeps a point of a removed persona, and every point without a filter', () => {
    expect(pointConcerns({ persona: 'gone' }, 'mai', known)).toBe(true);
    expect(pointConcerns({ persona: 'tuan' }, null, known)).toBe(true);
    expect(pointConcerns({ persona: 'tuan' }, 'gone', known)).toBe(true);
  });
});

describe('selectedAmong', () => {
  it("keeps a stored choice only while the persona is the board's", () => {
    expect(selectedAmong('mai', known)).toBe('mai');
    expect(selectedAmong('gone', known)).toBeNull();
    expect(selectedAmong(null, known)).toBeNull();
  });
});

describe('initialsOf', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initialsOf('Nguyễn Thị Mai')).toBe('NM');
    expect(initialsOf('clinic manager')).toBe('CM');
    expect(initialsOf('  Mai  ')).toBe('M');
  });

  it('keeps a letter with its accents whole, composed or not', () => {
    expect(initialsOf('ánh dương')).toBe('ÁD');
    expect(initialsOf('a\u0301nh')).toBe('Á');
  });

  it('skips punctuation before a word and words of punctuation only', () => {
    expect(initialsOf('(B2B) — buyer')).toBe('BB');
    expect(initialsOf('“Tuấn”')).toBe('T');
  });

  it('gives the first character of a name without letters or digits', () => {
    expect(initialsOf('★')).toBe('★');
  });

  it('upper-cases as the language does', () => {
    expect(initialsOf('iris', 'tr')).toBe('İ');
  });
});
