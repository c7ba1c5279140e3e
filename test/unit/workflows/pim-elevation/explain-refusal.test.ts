import { explainRefusal } from '../../../../workflows/pim-elevation/explain-refusal';
import type { ElevationActor, ElevationUserEvent } from '../../../../workflows/pim-elevation/types';
import { ALICE, BOB, CAROL, GA, MIN, T0, activeGrant, approve, baseInput, context, fire, send, start, type Step } from './elevation-harness';

/** A request in every phase a person can click on. */
function phases(): Record<string, Step> {
  const s0 = start();
  const two = baseInput({ approvalsRequired: 2 });
  const mfa = baseInput({ requireRecentMfaMinutes: 10 });
  const pim = baseInput({ mode: 'pim', pim: { requestId: 'p-1' } });
  const active = activeGrant();
  const verifying = fire(active, active, 'grantDuration');
  const stalled = send(approve(s0, BOB), { type: 'graph.createAssignmentRequest.failed', tag: 'grant', error: { code: 'graph.unavailable', message: 'x' } });
  const checking = approve(start(mfa), BOB);
  return {
    'awaiting-approval': s0,
    'awaiting-approval (1 of 2)': approve(start(two), BOB),
    'awaiting-pim': start(pim),
    'approved-in-pim': send(start(pim), { type: 'pim.status', status: 'Granted', at: T0 + MIN }),
    'checking-mfa': checking,
    'awaiting-mfa': send(checking, { type: 'graph.recentMfa.succeeded', tag: 'mfa', result: { missing: [ALICE.id] } }),
    granting: approve(s0, BOB),
    'grant-stalled': stalled,
    active,
    revoking: send(active, { type: 'revoke', actor: BOB, at: T0 + 10 * MIN }),
    verifying,
    'still-present': send(verifying, { type: 'graph.assignmentInstances.succeeded', tag: 'verify', result: [{ id: 'i', principalId: ALICE.id, roleDefinitionId: GA.id, directoryScopeId: '/', endDateTime: null }] }),
    'verify-failed': send(verifying, { type: 'graph.assignmentInstances.failed', tag: 'verify', error: { code: 'graph.unavailable', message: 'x' } }),
    removing: send(stalled, { type: 'revoke', actor: BOB, at: T0 + 5 * MIN }),
    denied: send(s0, { type: 'deny', actor: BOB, reason: 'no', at: T0 + MIN }),
    withdrawn: send(s0, { type: 'withdraw', actor: ALICE, at: T0 + MIN }),
    expired: fire(s0, s0, 'expireAfter'),
    'already-assigned': send(approve(s0, BOB), { type: 'graph.createAssignmentRequest.failed', tag: 'grant', error: { code: 'graph.conflict', message: 'RoleAssignmentExists' } }),
    'grant-failed': send(approve(s0, BOB), { type: 'graph.createAssignmentRequest.failed', tag: 'grant', error: { code: 'graph.bad_request', message: 'bad' } }),
    revoked: send(send(send(active, { type: 'revoke', actor: BOB, at: T0 + 10 * MIN }), { type: 'graph.createAssignmentRequest.succeeded', tag: 'revoke', result: { id: 'r', action: 'adminRemove', principalId: ALICE.id, roleDefinitionId: GA.id, directoryScopeId: '/', status: 'Revoked' } }), { type: 'graph.assignmentInstances.succeeded', tag: 'verify', result: [] }),
    ended: send(verifying, { type: 'graph.assignmentInstances.succeeded', tag: 'verify', result: [] }),
  };
}

function events(actor: ElevationActor): ElevationUserEvent[] {
  const at = T0 + 30 * MIN;
  return [
    { type: 'approve', actor, at },
    { type: 'deny', actor, reason: 'because', at },
    { type: 'deny', actor, reason: '', at },
    { type: 'withdraw', actor, at },
    { type: 'revoke', actor, at },
    { type: 'recheck-mfa', actor, at },
    { type: 'reverify', actor, at },
    { type: 'retry', actor, at },
  ];
}

describe('explainRefusal agrees with the machine', () => {
  const all = phases();

  it('reaches every phase it claims to', () => {
    for (const [name, step] of Object.entries(all)) expect(`${name}: ${context(step).phase}`).toBe(`${name}: ${name.replace(/ \(.*\)$/, '')}`);
  });

  // For every phase, person and event: a refusal sentence exactly when the machine does nothing.
  for (const [name, step] of Object.entries(all)) {
    for (const actor of [ALICE, BOB, CAROL]) {
      it(`${name}, ${actor.name}`, () => {
        for (const event of events(actor)) {
          const refusal = explainRefusal(context(step), event);
          const next = send(step, event);
          const changed = next.actions.length > 0 || JSON.stringify(next.snapshot.value) !== JSON.stringify(step.snapshot.value);
          expect({ event: event.type, reason: 'reason' in event ? event.reason : undefined, changed }).toEqual({ event: event.type, reason: 'reason' in event ? event.reason : undefined, changed: refusal === undefined });
          if (refusal !== undefined) expect(refusal).toMatch(/^[A-Z].*[.]$/);
        }
      });
    }
  }
});
