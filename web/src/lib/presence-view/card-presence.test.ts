import { stampPresence, type PresenceIdentity } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { editorsByCard, sameEditors } from './card-presence.ts';
import type { Peer } from './follow.ts';

const who = (userId: string, watcher = false): PresenceIdentity => ({
  userId,
  name: userId.toUpperCase(),
  role: watcher ? 'viewer' : 'participant',
  departmentId: null,
  guest: false,
  watcher,
});
const peer = (clientId: number, user: PresenceIdentity, editing: string | null): Peer => ({
  clientId,
  record: stampPresence({ editing }, user),
});

describe('editorsByCard', () => {
  it('lists each person once per card they edit, and no watcher', () => {
    const editors = editorsByCard(
      [
        peer(1, who('lan'), 'card-aaaaaaaa'),
        peer(2, who('lan'), 'card-aaaaaaaa'),
        peer(3, who('sam'), 'card-aaaaaaaa'),
        peer(4, who('mai'), 'card-bbbbbbbb'),
        peer(5, who('kim'), null),
        { clientId: 6, record: { ...peer(6, who('w', true), null).record, editing: 'card-bbbbbbbb' } },
      ],
      (user) => `colour-${user.userId}`,
    );
    expect(Object.fromEntries(editors)).toEqual({
      'card-aaaaaaaa': [
        { name: 'LAN', colour: 'colour-lan' },
        { name: 'SAM', colour: 'colour-sam' },
      ],
      'card-bbbbbbbb': [{ name: 'MAI', colour: 'colour-mai' }],
    });
    const again = editorsByCard([peer(4, who('mai'), 'card-bbbbbbbb')], (user) => `colour-${user.userId}`);
    expect(sameEditors(again, new Map([['card-bbbbbbbb', [{ name: 'MAI', colour: 'colour-mai' }]]]))).toBe(
      true,
    );
    expect(sameEditors(again, new Map([['card-bbbbbbbb', [{ name: 'MAI', colour: 'red' }]]]))).toBe(false);
    expect(sameEditors(again, new Map())).toBe(false);
  });
});
