import { describe, expect, it } from 'vitest';
import { mayWriteDocument } from './kinds/index.ts';
import { parseDocName } from './names.ts';
import {
  assignableRoles,
  looksAfterDepartment,
  mayManageLanesOf,
  mayMoveLaneBetweenDepartments,
  mayRemoveAttachment,
  mayRemoveComment,
  mayRemoveMember,
  mayUploadAttachment,
  mayWriteLane,
  newLaneDepartment,
  type RoleAccess,
} from './roles.ts';
import { SHARED_DEPARTMENT } from './schema.ts';

const owner: RoleAccess = { role: 'owner', departmentId: null };
const facilitator: RoleAccess = { role: 'facilitator', departmentId: null };
const salesLead: RoleAccess = { role: 'lead', departmentId: 'dept-sales' };
const supportParticipant: RoleAccess = { role: 'participant', departmentId: 'dept-support' };
const viewer: RoleAccess = { role: 'viewer', departmentId: null };
const structure = parseDocName('board:board123456')!;
const talk = parseDocName('talk:board123456')!;
const lane = parseDocName('lane:board123456:lane12345678')!;

describe('who may write which document', () => {
  it('lets only those who run the board write the structure', () => {
    expect(
      [owner, facilitator, salesLead, supportParticipant, viewer].map((a) =>
        mayWriteDocument(a, structure, null),
      ),
    ).toEqual([true, true, false, false, false]);
  });

  it('lets everyone but viewers write the talk document', () => {
    expect(
      [owner, facilitator, salesLead, supportParticipant, viewer].map((a) => mayWriteDocument(a, talk, null)),
    ).toEqual([true, true, true, true, false]);
  });

  it('lets a department write its own lanes and shared lanes, and nobody write a lane that does not exist', () => {
    expect(mayWriteDocument(salesLead, lane, 'dept-sales')).toBe(true);
    expect(mayWriteDocument(salesLead, lane, 'dept-support')).toBe(false);
    expect(mayWriteDocument(supportParticipant, lane, SHARED_DEPARTMENT)).toBe(true);
    expect(mayWriteDocument(viewer, lane, SHARED_DEPARTMENT)).toBe(false);
    expect(mayWriteDocument(facilitator, lane, 'dept-hr')).toBe(true);
    expect(mayWriteLane(owner, null)).toBe(false);
  });

  it('lets a lead manage only their own department’s lanes, and nobody but those who run the board shared ones', () => {
    expect(mayManageLanesOf(salesLead, 'dept-sales')).toBe(true);
    expect(mayManageLanesOf(salesLead, 'dept-support')).toBe(false);
    expect(mayManageLanesOf(salesLead, SHARED_DEPARTMENT)).toBe(false);
    expect(mayManageLanesOf(supportParticipant, 'dept-support')).toBe(false);
    expect(mayManageLanesOf(facilitator, SHARED_DEPARTMENT)).toBe(true);
  });

  it('lets a lead give only the participant role, and participants and viewers none', () => {
    expect(assignableRoles(owner)).toEqual(['facilitator', 'lead', 'participant', 'viewer']);
    expect(assignableRoles(salesLead)).toEqual(['participant']);
    expect(assignableRoles(supportParticipant)).toEqual([]);
    expect(assignableRoles(viewer)).toEqual([]);
  });
});

describe('the rules the routes and panels ask', () => {
  it('lets those who run the board, and a lead for their own department, look after its people', () => {
    expect(looksAfterDepartment(facilitator, 'dept-support')).toBe(true);
    expect(looksAfterDepartment(salesLead, 'dept-sales')).toBe(true);
    expect(looksAfterDepartment(salesLead, 'dept-support')).toBe(false);
    expect(looksAfterDepartment(salesLead, null)).toBe(false);
    expect(looksAfterDepartment(supportParticipant, 'dept-support')).toBe(false);
  });

  it("gives a lead's new lane their department, and others the one they chose or shared", () => {
    expect(newLaneDepartment(salesLead, 'dept-support')).toBe('dept-sales');
    expect(newLaneDepartment(facilitator, 'dept-support')).toBe('dept-support');
    expect(newLaneDepartment(owner, undefined)).toBe(SHARED_DEPARTMENT);
    expect(mayMoveLaneBetweenDepartments(facilitator)).toBe(true);
    expect(mayMoveLaneBetweenDepartments(salesLead)).toBe(false);
  });

  it('removes members and comments only as the rules say', () => {
    const participant = { userId: 'bao000000001', role: 'participant' as const, departmentId: 'dept-sales' };
    expect(mayRemoveMember(salesLead, 'lead00000001', participant)).toBe(true);
    expect(mayRemoveMember(salesLead, 'lead00000001', { ...participant, departmentId: 'dept-hr' })).toBe(
      false,
    );
    expect(mayRemoveMember(salesLead, 'lead00000001', { ...participant, role: 'lead' })).toBe(false);
    expect(mayRemoveMember(supportParticipant, 'bao000000001', participant)).toBe(true);
    expect(mayRemoveMember(facilitator, 'fac000000001', { ...participant, role: 'owner' })).toBe(false);
    expect(mayRemoveMember(owner, 'own000000001', { ...participant, role: 'facilitator' })).toBe(true);
    expect(mayRemoveComment(supportParticipant, 'bao000000001', 'bao000000001')).toBe(true);
    expect(mayRemoveComment(supportParticipant, 'bao000000001', 'lan000000001')).toBe(false);
    expect(mayRemoveComment(facilitator, 'fac000000001', 'lan000000001')).toBe(true);
    expect(mayRemoveComment(viewer, 'bao000000001', 'bao000000001')).toBe(false);
  });
});

describe('who may upload and delete attachments', () => {
  it('lets everyone but viewers upload', () => {
    expect([owner, facilitator, salesLead, supportParticipant, viewer].map(mayUploadAttachment)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('lets the uploader, the owner and facilitators delete one; never a viewer', () => {
    expect(mayRemoveAttachment(supportParticipant, 'bao000000001', 'bao000000001')).toBe(true);
    expect(mayRemoveAttachment(supportParticipant, 'bao000000001', 'lan000000001')).toBe(false);
    expect(mayRemoveAttachment(salesLead, 'lan000000001', 'bao000000001')).toBe(false);
    expect(mayRemoveAttachment(facilitator, 'fac000000001', 'bao000000001')).toBe(true);
    expect(mayRemoveAttachment(owner, 'own000000001', 'bao000000001')).toBe(true);
    expect(mayRemoveAttachment(viewer, 'bao000000001', 'bao000000001')).toBe(false);
    expect(mayRemoveAttachment(supportParticipant, null, 'bao000000001')).toBe(false);
  });
});
