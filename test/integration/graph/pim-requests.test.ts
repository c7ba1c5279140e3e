import type { BreakglassError } from '../../../bot/core/errors';
import { userId, ROLE, DEFAULT_GRANTED_PERMISSIONS } from '../../../sim';
import { drain, startSimulatedGraph, WEDNESDAY_AFTERNOON, type SimulatedGraph } from '../../fakes/graph-sim-harness';

const MINUTE = 60_000;

async function failure(promise: Promise<unknown>): Promise<BreakglassError> {
  try {
    await promise;
  } catch (e) {
    return e as BreakglassError;
  }
  throw new Error('expected the call to fail');
}

describe('PIM assignment requests through the port', () => {
  let g: SimulatedGraph;
  beforeEach(async () => {
    g = await startSimulatedGraph({ scenario: 'quiet' });
  });
  afterEach(() => g.close());

  const assign = (principalId: string, roleDefinitionId: string, duration = 'PT1H', justification = 'bg-req-42: restore CA policy') =>
    g.port.createAssignmentRequest({ action: 'adminAssign', principalId, roleDefinitionId, justification, duration });

  it('adminAssign creates a time-bound assignment that is visible until its end time, then expires', async () => {
    const request = await assign(userId('alice'), ROLE.globalAdministrator);
    expect(request).toMatchObject({ action: 'adminAssign', status: 'Provisioned', justification: 'bg-req-42: restore CA policy', scheduleInfo: { expiration: { type: 'afterDuration', duration: 'PT1H' } } });

    const active = await g.port.assignmentInstances({ principalId: userId('alice') });
    expect(active).toEqual([expect.objectContaining({ roleDefinitionId: ROLE.globalAdministrator, assignmentType: 'Assigned', endDateTime: new Date(WEDNESDAY_AFTERNOON + 60 * MINUTE).toISOString() })]);
    expect(await g.port.roleAssignments({ principalId: userId('alice') })).toHaveLength(1);

    g.clock.advance(59 * MINUTE);
    expect(await g.port.assignmentInstances({ principalId: userId('alice') })).toHaveLength(1);
    g.clock.advance(MINUTE);
    expect(await g.port.assignmentInstances({ principalId: userId('alice') })).toEqual([]);
    expect(await g.port.roleAssignments({ principalId: userId('alice') })).toEqual([]);

    const audits = await drain(g.port.directoryAudits({ since: new Date(WEDNESDAY_AFTERNOON - MINUTE).toISOString(), category: 'RoleManagement' }));
    expect(audits.map((a) => a.activityDisplayName)).toEqual(['Remove member from role in PIM completed (timebound)', 'Add member to role in PIM completed (timebound)']);
    expect(audits[1]?.initiatedBy.app?.appId).toBe(g.sim.clientId);
  });

  it('a duplicate adminAssign is refused as RoleAssignmentExists in plain words', async () => {
    await assign(userId('alice'), ROLE.globalAdministrator);
    const error = await failure(assign(userId('alice'), ROLE.globalAdministrator));
    expect(error.code).toBe('graph.conflict');
    expect(error.userMessage).toBe('That person already holds this role, so nothing new was granted.');
    expect(error.detail).toMatchObject({ status: 400, graphCode: 'RoleAssignmentExists' });
    expect(g.sim.activeAssignments().filter((a) => a.principalId === userId('alice'))).toHaveLength(1);
  });

  it('adminRemove ends an assignment early; removing it again says there is nothing to remove', async () => {
    await assign(userId('carol'), ROLE.securityAdministrator, 'PT30M');
    const removed = await g.port.createAssignmentRequest({ action: 'adminRemove', principalId: userId('carol'), roleDefinitionId: ROLE.securityAdministrator, justification: 'bg-req-43: revoked' });
    expect(removed.status).toBe('Revoked');
    expect(await g.port.assignmentInstances({ principalId: userId('carol') })).toEqual([]);
    const again = await failure(g.port.createAssignmentRequest({ action: 'adminRemove', principalId: userId('carol'), roleDefinitionId: ROLE.securityAdministrator, justification: 'again' }));
    expect(again.code).toBe('graph.not_found');
    expect(again.userMessage).toMatch(/no active assignment of this role to remove/);
  });

  it('policy rule failures name the rule in words', async () => {
    g.sim.setRoleSettings(ROLE.globalAdministrator, { adminAssignmentExpirationRequired: true, adminAssignmentMax: 'PT1H' });
    const tooLong = await failure(assign(userId('alice'), ROLE.globalAdministrator, 'PT2H'));
    expect(tooLong.code).toBe('graph.bad_request');
    expect(tooLong.userMessage).toBe("PIM refused the request because the role's settings allow a shorter duration than requested.");

    const noReason = await failure(assign(userId('alice'), ROLE.globalAdministrator, 'PT1H', ''));
    expect(noReason.userMessage).toBe("PIM refused the request because the role's settings require a justification.");

    g.sim.setRoleSettings(ROLE.globalAdministrator, { adminAssignmentRequires: ['Justification', 'MultiFactorAuthentication'] });
    const mfa = await failure(assign(userId('alice'), ROLE.globalAdministrator, 'PT2H', ''));
    expect(mfa.userMessage).toBe(
      "PIM refused the request because the role's settings require a justification, require multifactor authentication (which the bot's app identity cannot perform) and allow a shorter duration than requested.",
    );
    expect(g.sim.activeAssignments().some((a) => a.principalId === userId('alice'))).toBe(false);
  });

  it('without RoleAssignmentSchedule.ReadWrite.Directory the error names the missing permission', async () => {
    g.sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'RoleAssignmentSchedule.ReadWrite.Directory'));
    const error = await failure(assign(userId('alice'), ROLE.globalAdministrator));
    expect(error.code).toBe('graph.forbidden');
    expect(error.userMessage).toContain('RoleAssignmentSchedule.ReadWrite.Directory');
  });

  it("listing requests with only read permissions gets Graph's 403 (PermissionScopeNotGranted), named in words", async () => {
    g.sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'RoleAssignmentSchedule.ReadWrite.Directory'));
    const error = await failure(g.port.assignmentRequests({ status: 'PendingApproval' }));
    expect(error.code).toBe('graph.forbidden');
    expect(error.detail).toMatchObject({ status: 403, graphCode: 'UnknownError' });
    expect(error.userMessage).toBe(
      "The bot's app registration needs the RoleAssignmentSchedule.ReadWrite.Directory application permission to list PIM's role assignment requests; an administrator must grant it.",
    );
    g.sim.setGrantedPermissions([...DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'RoleAssignmentSchedule.ReadWrite.Directory'), 'RoleManagement.ReadWrite.Directory']);
    await expect(g.port.assignmentRequests({ status: 'PendingApproval' })).resolves.toEqual([]);
  });

  it('PendingApproval requests created in PIM are listed, and their approval or denial shows up', async () => {
    const pending = g.sim.createPendingApproval({ principalId: userId('dave'), roleDefinitionId: ROLE.exchangeAdministrator, justification: 'mail flow incident INC-7', duration: 'PT2H' });
    const listed = await g.port.assignmentRequests({ status: 'PendingApproval' });
    expect(listed).toEqual([expect.objectContaining({ id: pending.id, action: 'selfActivate', principalId: userId('dave'), justification: 'mail flow incident INC-7', approvalId: pending.id })]);

    g.clock.advance(5 * MINUTE);
    g.sim.approveRequest(pending.id, userId('carol'));
    const [approved] = await g.port.assignmentRequests({ principalId: userId('dave'), roleDefinitionId: ROLE.exchangeAdministrator });
    expect(approved?.status).toBe('Provisioned');
    expect(await g.port.assignmentInstances({ principalId: userId('dave') })).toEqual([
      expect.objectContaining({ assignmentType: 'Activated', endDateTime: new Date(WEDNESDAY_AFTERNOON + 5 * MINUTE + 120 * MINUTE).toISOString() }),
    ]);

    const second = g.sim.createPendingApproval({ principalId: userId('bob'), roleDefinitionId: ROLE.globalAdministrator, justification: 'just because' });
    g.sim.denyRequest(second.id, userId('erin'));
    expect((await g.port.assignmentRequests({ principalId: userId('bob') })).find((r) => r.id === second.id)?.status).toBe('Denied');
    expect(await g.port.assignmentRequests({ status: 'PendingApproval' })).toEqual([]);
  });
});
