import type { RoleScheduleInstance } from '../../../../workflows/graph-records';
import { explainRefusal } from '../../../../workflows/pim-elevation/explain-refusal';
import type { ElevationEvent } from '../../../../workflows/pim-elevation/types';
import { ALICE, BOB, CAROL, GA, HOUR, MIN, T0, activeGrant, approve, baseInput, context, fire, grantSucceeded, graphCalls, notices, send, start, timers, type Step } from './elevation-harness';

function instances(step: Step, result: RoleScheduleInstance[], at?: number): Step {
  return send(step, { type: 'graph.assignmentInstances.succeeded', tag: 'verify', result, ...(at !== undefined ? { at } : {}) });
}

function instance(endDateTime: string | null): RoleScheduleInstance {
  return { id: 'inst-1', principalId: ALICE.id, roleDefinitionId: GA.id, directoryScopeId: '/', startDateTime: '2026-03-02T03:02:00Z', endDateTime, assignmentType: 'Assigned' };
}

function grantFailed(step: Step, code: string, message: string): Step {
  return send(step, { type: 'graph.createAssignmentRequest.failed', tag: 'grant', error: { code, message }, at: T0 + 2 * MIN });
}

describe('elevation grant lifecycle', () => {
  it('a grant runs for its duration, then the bot says it expired and verifies it is gone', () => {
    const active = activeGrant();
    expect(active.snapshot.value).toEqual({ holding: 'active' });
    expect(context(active).grant).toEqual({ graphRequestId: 'graph-req-1', startedAt: T0 + 2 * MIN, endsAt: T0 + 2 * MIN + HOUR, observedAt: T0 + 2 * MIN });
    expect(timers(active).grantDuration?.delay).toBe(HOUR);
    expect(notices(active)).toEqual([{ view: 'outcome', audience: { to: 'person', person: 'alice' } }]);

    const ended = fire(active, active, 'grantDuration');
    expect(ended.snapshot.value).toBe('verifying');
    expect(notices(ended)).toEqual([{ view: 'assignment-ended', audience: { to: 'channel', channel: 'approvers' } }]);
    expect(graphCalls(ended)).toEqual([{ op: 'assignmentInstances', args: { principalId: ALICE.id, roleDefinitionId: GA.id }, tag: 'verify' }]);

    // The instance that lapses exactly at the end is not "still present".
    const gone = instances(ended, [instance('2026-03-02T04:02:00Z')]);
    expect(gone.snapshot.value).toBe('ended');
    expect(gone.snapshot.status).toBe('done');
    expect(context(gone).verification).toEqual({ at: T0 + 2 * MIN + HOUR, present: [] });
    expect(notices(gone)).toEqual([{ view: 'outcome', audience: { to: 'person', person: 'alice' } }]);
  });

  it('the end timer follows the end time Graph reports', () => {
    const active = grantSucceeded(approve(start(), BOB), T0 + 2 * MIN, '2026-03-02T03:50:00Z');
    expect(context(active).grant?.endsAt).toBe(Date.parse('2026-03-02T03:50:00Z'));
    expect(timers(active).grantDuration?.delay).toBe(48 * MIN);
  });

  it('raises the alarm when the assignment is still there after the end, and can re-check or remove it', () => {
    const ended = fire(activeGrant(), activeGrant(), 'grantDuration');
    const alarm = instances(ended, [instance(null)], T0 + 2 * MIN + HOUR + MIN);
    expect(alarm.snapshot.value).toEqual({ unverified: 'stillPresent' });
    expect(context(alarm).verification?.present.map((i) => i.id)).toEqual(['inst-1']);
    expect(notices(alarm)).toEqual([
      { view: 'verification', audience: { to: 'channel', channel: 'security' } },
      { view: 'verification', audience: { to: 'channel', channel: 'approvers' } },
    ]);

    const recheck = send(alarm, { type: 'reverify', actor: BOB, at: T0 + 2 * HOUR });
    expect(recheck.snapshot.value).toBe('verifying');
    expect(graphCalls(recheck).map((c) => c.op)).toEqual(['assignmentInstances']);

    const remove = send(alarm, { type: 'revoke', actor: BOB, reason: 'leftover', at: T0 + 2 * HOUR });
    expect(remove.snapshot.value).toBe('removing');
    expect(graphCalls(remove)).toEqual([
      { op: 'createAssignmentRequest', args: { action: 'adminRemove', principalId: ALICE.id, roleDefinitionId: GA.id, justification: '[breakglass:elev-7] Revoked by Bob Approver: leftover' }, tag: 'cleanup' },
    ]);
    const removed = send(remove, { type: 'graph.createAssignmentRequest.succeeded', tag: 'cleanup', result: { id: 'r2', action: 'adminRemove', principalId: ALICE.id, roleDefinitionId: GA.id, directoryScopeId: '/', status: 'Revoked' } });
    expect(removed.snapshot.value).toBe('verifying');
    expect(instances(removed, []).snapshot.value).toBe('revoked');
  });

  it('a failed verification is shown and can be re-checked', () => {
    const ended = fire(activeGrant(), activeGrant(), 'grantDuration');
    const failed = send(ended, { type: 'graph.assignmentInstances.failed', tag: 'verify', error: { code: 'graph.unavailable', message: 'Microsoft Graph did not answer.' } });
    expect(failed.snapshot.value).toEqual({ unverified: 'failed' });
    expect(context(failed).failure?.error.code).toBe('graph.unavailable');
    expect(notices(failed)).toEqual([{ view: 'error', audience: { to: 'channel', channel: 'approvers' } }]);
    expect(send(failed, { type: 'reverify', actor: BOB, at: T0 + 2 * HOUR }).snapshot.value).toBe('verifying');
  });

  it('revoke ends an active grant early with adminRemove, then verifies', () => {
    const active = activeGrant();
    const revoking = send(active, { type: 'revoke', actor: CAROL, reason: 'done early', at: T0 + 20 * MIN });
    expect(revoking.snapshot.value).toEqual({ holding: 'revoking' });
    expect(graphCalls(revoking)).toEqual([
      { op: 'createAssignmentRequest', args: { action: 'adminRemove', principalId: ALICE.id, roleDefinitionId: GA.id, justification: '[breakglass:elev-7] Revoked by Carol Approver: done early' }, tag: 'revoke' },
    ]);
    expect(explainRefusal(context(revoking), { type: 'revoke', actor: BOB, at: T0 + 21 * MIN })).toBe('The role is being removed right now.');

    const removed = send(revoking, { type: 'graph.createAssignmentRequest.succeeded', tag: 'revoke', result: { id: 'r2', action: 'adminRemove', principalId: ALICE.id, roleDefinitionId: GA.id, directoryScopeId: '/', status: 'Revoked' } });
    expect(removed.snapshot.value).toBe('verifying');
    // The instance still ends later than the revoke: it has not gone.
    expect(instances(removed, [instance('2026-03-02T04:02:00Z')]).snapshot.value).toEqual({ unverified: 'stillPresent' });
    const revoked = instances(removed, []);
    expect(revoked.snapshot.value).toBe('revoked');
    expect(context(revoked).revocation).toEqual({ by: CAROL, at: T0 + 20 * MIN, reason: 'done early' });
    expect(notices(revoked)).toEqual([{ view: 'outcome', audience: { to: 'person', person: 'alice' } }]);
  });

  it('a failed revoke goes back to active without restarting the end timer', () => {
    const active = activeGrant();
    const revoking = send(active, { type: 'revoke', actor: ALICE, at: T0 + 20 * MIN });
    const back = send(revoking, { type: 'graph.createAssignmentRequest.failed', tag: 'revoke', error: { code: 'graph.forbidden', message: 'Insufficient privileges' } });
    expect(back.snapshot.value).toEqual({ holding: 'active' });
    expect(context(back).failure?.during).toBe('revoke');
    expect(context(back).revokeRequest).toBeUndefined();
    expect(timers(back)).toEqual({});
    expect(notices(back)).toEqual([{ view: 'error', audience: { to: 'channel', channel: 'approvers' } }]);
    // The original timer still ends it.
    expect(fire(back, active, 'grantDuration').snapshot.value).toBe('verifying');
  });

  it('a revoke while the grant is in flight is queued and carried out when it lands', () => {
    const granting = approve(start(), BOB);
    const queued = send(granting, { type: 'revoke', actor: BOB, at: T0 + 90_000 });
    expect(queued.snapshot.value).toBe('granting');
    expect(graphCalls(queued)).toEqual([]);
    const landed = grantSucceeded(queued, T0 + 2 * MIN);
    expect(landed.snapshot.value).toEqual({ holding: 'revoking' });
    expect(graphCalls(landed).map((c) => c.args.action)).toEqual(['adminRemove']);
  });

  it('RoleAssignmentExists closes the request without retrying', () => {
    const conflict = grantFailed(approve(start(), BOB), 'graph.conflict', 'RoleAssignmentExists: The Role assignment already exists.');
    expect(conflict.snapshot.value).toBe('alreadyAssigned');
    expect(graphCalls(conflict)).toEqual([]);
    expect(notices(conflict)).toEqual([{ view: 'outcome', audience: { to: 'person', person: 'alice' } }]);
  });

  it('a policy failure is final and explained', () => {
    const failed = grantFailed(approve(start(), BOB), 'graph.bad_request', 'RoleAssignmentRequestPolicyValidationFailed: The following policy rules failed: ["ExpirationRule"]');
    expect(failed.snapshot.value).toBe('grantFailed');
    expect(failed.snapshot.status).toBe('done');
    expect(notices(failed).map((n) => n.view)).toEqual(['outcome', 'error']);
  });

  it('a transient failure waits for a retry, which calls Graph again', () => {
    const stalled = grantFailed(approve(start(), BOB), 'graph.unavailable', 'Microsoft Graph did not answer.');
    expect(stalled.snapshot.value).toBe('grantStalled');
    expect(timers(stalled).expireAfter?.delay).toBe(45 * MIN);
    const retried = send(stalled, { type: 'retry', actor: CAROL, at: T0 + 5 * MIN });
    expect(retried.snapshot.value).toBe('granting');
    expect(graphCalls(retried).map((c) => c.args.action)).toEqual(['adminAssign']);
    // Nobody retries: it gives up after T3.
    expect(fire(stalled, stalled, 'expireAfter').snapshot.value).toBe('grantFailed');
  });

  it('a stalled grant can be cancelled, removing anything Graph may have created', () => {
    const stalled = grantFailed(approve(start(), BOB), 'graph.unavailable', 'Microsoft Graph did not answer.');
    const cancel = send(stalled, { type: 'revoke', actor: BOB, at: T0 + 5 * MIN });
    expect(cancel.snapshot.value).toBe('removing');
    const nothing = send(cancel, { type: 'graph.createAssignmentRequest.failed', tag: 'cleanup', error: { code: 'graph.not_found', message: 'RoleAssignmentDoesNotExist' } });
    expect(nothing.snapshot.value).toBe('verifying');
    expect(instances(nothing, []).snapshot.value).toBe('revoked');
  });

  it('ignores a Graph result carrying another tag', () => {
    const granting = approve(start(), BOB);
    const stray: ElevationEvent = { type: 'graph.createAssignmentRequest.succeeded', tag: 'revoke', result: { id: 'x', action: 'adminRemove', principalId: ALICE.id, roleDefinitionId: GA.id, directoryScopeId: '/', status: 'Revoked' } };
    expect(send(granting, stray).actions).toEqual([]);
  });

  describe('recent MFA policy', () => {
    const input = baseInput({ requireRecentMfaMinutes: 15 });

    it('checks the requester and approvers before granting, waits, and re-checks on request', () => {
      const approved = approve(start(input), BOB);
      expect(approved.snapshot.value).toEqual({ open: { mfa: 'checking' } });
      expect(graphCalls(approved)).toEqual([{ op: 'recentMfa', args: { userIds: [ALICE.id, BOB.id], withinMinutes: 15 }, tag: 'mfa' }]);

      const missing = send(approved, { type: 'graph.recentMfa.succeeded', tag: 'mfa', result: { missing: [ALICE.id] }, at: T0 + 2 * MIN });
      expect(missing.snapshot.value).toEqual({ open: { mfa: 'waiting' } });
      expect(context(missing).mfa).toEqual({ checkedAt: T0 + 2 * MIN, missing: [ALICE.id] });
      expect(graphCalls(missing)).toEqual([]);
      expect(notices(missing)).toEqual([{ view: 'mfa-needed', audience: { to: 'person', person: 'alice' } }]);

      const recheck = send(missing, { type: 'recheck-mfa', actor: ALICE, at: T0 + 5 * MIN });
      expect(graphCalls(recheck).map((c) => c.op)).toEqual(['recentMfa']);
      const ok = send(recheck, { type: 'graph.recentMfa.succeeded', tag: 'mfa', result: { missing: [] } });
      expect(ok.snapshot.value).toBe('granting');
      expect(graphCalls(ok).map((c) => c.args.action)).toEqual(['adminAssign']);
    });

    it('a request still waiting for MFA at T3 expires without a grant', () => {
      const s0 = start(input);
      const missing = send(approve(s0, BOB), { type: 'graph.recentMfa.succeeded', tag: 'mfa', result: { missing: [ALICE.id] } });
      const expired = fire(missing, s0, 'expireAfter');
      expect(expired.snapshot.value).toBe('expired');
      expect(graphCalls(expired)).toEqual([]);
      expect(context(expired).decision?.outcome).toBe('approved');
    });

    it('a failed MFA check is shown and can be re-checked', () => {
      const failed = send(approve(start(input), BOB), { type: 'graph.recentMfa.failed', tag: 'mfa', error: { code: 'graph.forbidden', message: 'Forbidden' } });
      expect(failed.snapshot.value).toEqual({ open: { mfa: 'waiting' } });
      expect(context(failed).failure?.during).toBe('mfa');
      expect(send(failed, { type: 'recheck-mfa', actor: BOB, at: T0 + 3 * MIN }).snapshot.value).toEqual({ open: { mfa: 'checking' } });
    });
  });
});
