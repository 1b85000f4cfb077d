import { privateModeEntry, ROLES, type PrivateCard } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { privateCardsInCell, privateModeOn, runsPrivateMode, writesPrivately } from './private-mode.ts';

const ON = { private: privateModeEntry('f5h9dqx2m7b4nv3s', 1_700_000_000_000) };
const USER = 'w8c3ptzr6y2fgk9j';

describe('private mode on the page', () => {
  it('is on only while the session holds a well-formed private entry', () => {
    expect(privateModeOn(ON)).toBe(true);
    expect(privateModeOn({})).toBe(false);
    expect(privateModeOn({ private: { on: true } })).toBe(false);
  });

  it('is run by the owner and facilitators only', () => {
    expect(ROLES.filter((role) => runsPrivateMode({ role, userId: USER }))).toEqual(['owner', 'facilitator']);
  });

  it('sends the new cards of leads and participants to their private doc, while it is on', () => {
    expect(ROLES.filter((role) => writesPrivately({ role, userId: USER }, ON))).toEqual([
      'lead',
      'participant',
    ]);
    expect(ROLES.filter((role) => writesPrivately({ role, userId: USER }, {}))).toEqual([]);
    expect(writesPrivately({ role: 'viewer', userId: null }, ON)).toBe(false);
  });

  it('shows each private card in the cell its author put it in', () => {
    const card = (id: string, laneId: string, stageId: string): PrivateCard => ({
      id,
      laneId,
      stageId,
      text: id,
      colour: 'yellow',
      order: 'a0',
      createdAt: 1,
    });
    const cards = [
      card('one', 'lane-a', 'stage-1'),
      card('two', 'lane-a', 'stage-2'),
      card('three', 'lane-b', 'stage-1'),
    ];
    expect(privateCardsInCell(cards, 'lane-a', 'stage-1').map((c) => c.id)).toEqual(['one']);
    expect(privateCardsInCell(cards, 'lane-b', 'stage-2')).toEqual([]);
  });
});
