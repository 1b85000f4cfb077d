import { SHARED_DEPARTMENT } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { permissionsFor } from './permissions.ts';

const sales = { department: 'dept-sales' };
const support = { department: 'dept-support' };
const shared = { department: SHARED_DEPARTMENT };

describe('permissionsFor', () => {
  for (const role of ['owner', 'facilitator'] as const) {
    it(`lets the ${role} edit the structure, every lane, and share`, () => {
      const can = permissionsFor({ role, departmentId: null });
      expect(can.canEditStructure).toBe(true);
      expect([sales, support, shared].every((lane) => can.canEditLane(lane))).toBe(true);
      expect([sales, support, shared].every((lane) => can.canManageLane(lane))).toBe(true);
      expect(can.canAddLanes && can.canComment && can.canShare && can.canInvite).toBe(true);
      expect(can.invitableRoles).toEqual(['facilitator', 'lead', 'participant', 'viewer']);
    });
  }

  it('lets a lead manage and edit the lanes of their department only', () => {
    const can = permissionsFor({ role: 'lead', departmentId: 'dept-sales' });
    expect(can.canEditStructure).toBe(false);
    expect(can.canAddLanes).toBe(true);
    expect(can.canManageLane(sales)).toBe(true);
    expect(can.canManageLane(support)).toBe(false);
    expect(can.canManageLane(shared)).toBe(false);
    expect(can.canEditLane(sales)).toBe(true);
    expect(can.canEditLane(shared)).toBe(true);
    expect(can.canEditLane(support)).toBe(false);
    expect(can.canShare).toBe(false);
    expect(can.canInvite).toBe(true);
    expect(can.invitableRoles).toEqual(['participant']);
  });

  it("lets a participant write their department's lanes and shared lanes, and comment on all", () => {
    const can = permissionsFor({ role: 'participant', departmentId: 'dept-support' });
    expect(can.canEditLane(support)).toBe(true);
    expect(can.canEditLane(shared)).toBe(true);
    expect(can.canEditLane(sales)).toBe(false);
    expect(can.canManageLane(support)).toBe(false);
    expect(can.canAddLanes || can.canEditStructure || can.canShare || can.canInvite).toBe(false);
    expect(can.canComment).toBe(true);
  });

  it('lets a viewer write nothing, comments included', () => {
    const can = permissionsFor({ role: 'viewer', departmentId: null });
    expect([sales, support, shared].some((lane) => can.canEditLane(lane))).toBe(false);
    expect(can.canEditStructure || can.canAddLanes || can.canComment || can.canShare).toBe(false);
    expect(can.invitableRoles).toEqual([]);
  });

  it('lets a disconnected page do nothing at all', () => {
    const can = permissionsFor(null);
    expect(can.canEditLane(shared) || can.canComment || can.canEditStructure).toBe(false);
  });

  it('gives a participant without a department no lane at all', () => {
    const can = permissionsFor({ role: 'participant', departmentId: null });
    expect(can.canEditLane(shared)).toBe(false);
  });
});
