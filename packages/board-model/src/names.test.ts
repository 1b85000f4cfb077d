import { describe, expect, it } from 'vitest';
import { laneDocName, parseDocName, structureDocName, talkDocName } from './names.ts';

describe('document names', () => {
  it('names a structure doc board:<boardId>', () => {
    expect(structureDocName('board123')).toBe('board:board123');
  });

  it('names a lane doc lane:<boardId>:<laneId>', () => {
    expect(laneDocName('board123', 'lane456')).toBe('lane:board123:lane456');
  });

  it('names a talk doc talk:<boardId>', () => {
    expect(talkDocName('board123')).toBe('talk:board123');
  });

  it('parses the names it makes back into the same ids', () => {
    expect(parseDocName(structureDocName('Ab3_x-Yz9Qw1'))).toEqual({
      kind: 'structure',
      boardId: 'Ab3_x-Yz9Qw1',
    });
    expect(parseDocName(laneDocName('Ab3_x-Yz9Qw1', 'L4n3_idXYZ'))).toEqual({
      kind: 'lane',
      boardId: 'Ab3_x-Yz9Qw1',
      laneId: 'L4n3_idXYZ',
    });
    expect(parseDocName(talkDocName('Ab3_x-Yz9Qw1'))).toEqual({ kind: 'talk', boardId: 'Ab3_x-Yz9Qw1' });
  });

  it('returns null for malformed names', () => {
    const malformed = [
      '',
      'board',
      'board:',
      'board:abc',
      'board:abcdef:ghijkl',
      'Board:abcdef',
      ' board:abcdef',
      'board:abc def',
      'board:abcdef ',
      'lane:abcdef',
      'lane:abcdef:',
      'lane::abcdef',
      'lane:abcdef:ghi',
      'lane:abcdef:ghijkl:mnopqr',
      'talk',
      'talk:',
      'talk:abc',
      'talk:abcdef:ghijkl',
      'Talk:abcdef',
      'canvas:abcdef',
      `board:${'x'.repeat(65)}`,
    ];
    for (const name of malformed) expect(parseDocName(name), name).toBeNull();
  });

  it('returns null for a value that is not a string', () => {
    expect(parseDocName(42 as unknown as string)).toBeNull();
  });
});
