import type { RoleAccess } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { planRoleChange, rightsLost } from './role-change.ts';

const facilitator: RoleAccess = { role: 'facilitator', departmentId: null };
const viewer: RoleAccess = { role: 'viewer', departmentId: null };
const salesLead: RoleAccess = { role: 'lead', departmentId: 'dept-sales' };
const salesParticipant: RoleAccess = { role: 'participant', departmentId: 'dept-sales' };
const supportParticipant: RoleAccess = { role: 'participant', departmentId: 'dept-support' };
const departments = [{ id: 'dept-marketing' }, { id: 'dept-sales' }, { id: 'dept-support' }];

describe('rightsLost', () => {
  // from → to → what they can no longer do (null: nothing, so no confirmation is asked).
  const table: [string, RoleAccess, RoleAccess, ReturnType<typeof rightsLost>][] = [
    ['a participant made a viewer', salesParticipant, viewer, { kind: 'writing' }],
    ['a facilitator made a viewer', facilitator, viewer, { kind: 'writing' }],
    ['a lead made a viewer', salesLead, viewer, { kind: 'writing' }],
    ['a facilitator made a lead', facilitator, salesLead, { kind: 'running' }],
    ['a facilitator made a participant', facilitator, salesParticipant, { kind: 'running' }],
    [
      'a participant moved to another department',
      salesParticipant,
      supportParticipant,
      { kind: 'department', departmentId: 'dept-sales' },
    ],
    [
      'a lead made a participant of another department',
      salesLead,
      supportParticipant,
      { kind: 'department', departmentId: 'dept-sales' },
    ],
    [
      'a lead made a participant of their department',
      salesLead,
      salesParticipant,
      { kind: 'leading', departmentId: 'dept-sales' },
    ],
    ['a participant made the lead of their department', salesParticipant, salesLead, null],
    ['a participant made a facilitator', salesParticipant, facilitator, null],
    ['a viewer made a participant', viewer, supportParticipant, null],
    ['a viewer made a facilitator', viewer, facilitator, null],
  ];
  for (const [title, from, to, lost] of table) {
    it(`${lost ? `asks first when ${title}: ${lost.kind}` : `asks nothing when ${title}`}`, () => {
      expect(rightsLost(from, to)).toEqual(lost);
    });
  }
});

describe('planRoleChange', () => {
  it('keeps the department of a member whose new role needs one too', () => {
    expect(planRoleChange(salesParticipant, 'lead', departments, null)).toEqual({
      to: salesLead,
      chooseDepartment: false,
      lost: null,
    });
  });

  it('drops the department of a member who no longer needs one, and says what they lose', () => {
    expect(planRoleChange(salesParticipant, 'viewer', departments, null)).toEqual({
      to: viewer,
      chooseDepartment: false,
      lost: { kind: 'writing' },
    });
  });

  it('asks which department a viewer joins, offering the one they were in before', () => {
    expect(planRoleChange(viewer, 'participant', departments, 'dept-support')).toEqual({
      to: supportParticipant,
      chooseDepartment: true,
      lost: null,
    });
  });

  it('offers the first department when the one remembered is gone or unknown', () => {
    for (const remembered of [null, 'dept-removed']) {
      expect(planRoleChange(viewer, 'participant', departments, remembered).to.departmentId).toBe(
        'dept-marketing',
      );
    }
  });

  it('asks for a department, and confirms the loss, when a facilitator becomes a lead', () => {
    expect(planRoleChange(facilitator, 'lead', departments, null)).toEqual({
      to: { role: 'lead', departmentId: 'dept-marketing' },
      chooseDepartment: true,
      lost: { kind: 'running' },
    });
  });
});
