import { explainRefusal } from '../../../../workflows/pim-elevation/explain-refusal';
import type { ElevationUserEvent } from '../../../../workflows/pim-elevation/types';
import { ALICE, BOB, CAROL, DAN, GA, MIN, T0, approve, baseInput, context, effects, graphCalls, notices, send, start, type Step } from './elevation-harness';

/** An event the machine ignored: same state, same context, no effects. */
function expectIgnored(before: Step, after: Step): void {
  expect(after.snapshot.value).toEqual(before.snapshot.value);
  expect(after.snapshot.context).toEqual(before.snapshot.context);
  expect(after.actions).toEqual([]);
}

describe('elevation decisions (bot mode)', () => {
  it('approval creates exactly one time-bound adminAssign, tagged with the request id', () => {
    const approved = approve(start(), BOB, T0 + 3 * MIN);
    expect(approved.snapshot.value).toBe('granting');
    expect(graphCalls(approved)).toEqual([
      {
        op: 'createAssignmentRequest',
        args: {
          action: 'adminAssign',
          principalId: ALICE.id,
          roleDefinitionId: GA.id,
          duration: 'PT1H',
          justification: '[breakglass:elev-7] Restore the break-glass CA exclusion',
          ticketNumber: 'INC-42',
        },
        tag: 'grant',
      },
    ]);
    expect(context(approved).decision).toEqual({ outcome: 'approved', by: [BOB], at: T0 + 3 * MIN });

    // A second approver clicking a moment later changes nothing and calls Graph no more.
    const late = approve(approved, CAROL, T0 + 3 * MIN + 1);
    expectIgnored(approved, late);
    expect(explainRefusal(context(approved), { type: 'approve', actor: CAROL, at: T0 + 4 * MIN })).toBe('This request was already approved by Bob Approver at 03:03 UTC.');
  });

  it('uses the validated duration in ISO form', () => {
    const step = approve(start(baseInput({ durationMs: 90 * MIN, ticket: undefined })), BOB);
    expect(graphCalls(step)[0]?.args).toMatchObject({ duration: 'PT1H30M' });
    expect(graphCalls(step)[0]?.args).not.toHaveProperty('ticketNumber');
  });

  it('refuses self-approval with a polite reason and leaves the request waiting', () => {
    const s0 = start();
    const event: ElevationUserEvent = { type: 'approve', actor: ALICE, at: T0 + MIN };
    expect(explainRefusal(context(s0), event)).toBe("You can't approve your own request.");
    expectIgnored(s0, send(s0, event));
  });

  it('denies with a reason: recorded with who and when, requester told, no Graph call', () => {
    const denied = send(start(), { type: 'deny', actor: BOB, reason: 'Use the change window', at: T0 + 5 * MIN });
    expect(denied.snapshot.value).toBe('denied');
    expect(denied.snapshot.status).toBe('done');
    expect(context(denied).decision).toEqual({ outcome: 'denied', by: [BOB], at: T0 + 5 * MIN, reason: 'Use the change window' });
    expect(graphCalls(denied)).toEqual([]);
    expect(notices(denied)).toContainEqual({ view: 'outcome', audience: { to: 'person', person: 'alice' } });
    expect(effects(denied, 'chat.card').map((c) => c.key)).toEqual(['approval', 'status']);
  });

  it('refuses a deny without a reason', () => {
    const s0 = start();
    const event: ElevationUserEvent = { type: 'deny', actor: BOB, reason: '  ', at: T0 + MIN };
    expect(explainRefusal(context(s0), event)).toBe('Please give a reason when you deny a request.');
    expectIgnored(s0, send(s0, event));
  });

  it('refuses the requester denying their own request (they withdraw instead)', () => {
    const s0 = start();
    expect(explainRefusal(context(s0), { type: 'deny', actor: ALICE, reason: 'never mind', at: T0 })).toBe("You can't decide your own request; withdraw it instead.");
    const withdrawn = send(s0, { type: 'withdraw', actor: ALICE, at: T0 + MIN });
    expect(withdrawn.snapshot.value).toBe('withdrawn');
    expect(context(withdrawn).decision).toEqual({ outcome: 'withdrawn', by: [ALICE], at: T0 + MIN });
  });

  it('only the requester may withdraw', () => {
    const s0 = start();
    const event: ElevationUserEvent = { type: 'withdraw', actor: BOB, at: T0 };
    expect(explainRefusal(context(s0), event)).toBe('Only the requester can withdraw a request.');
    expectIgnored(s0, send(s0, event));
  });

  describe('2-of-3 policy', () => {
    const input = baseInput({ approvalsRequired: 2, approverIds: [BOB.id, CAROL.id, DAN.id] });

    it('needs two different approvers; a double vote is ignored', () => {
      const one = approve(start(input), BOB, T0 + MIN);
      expect(one.snapshot.value).toEqual({ open: 'approval' });
      expect(context(one).approvals).toEqual([{ actor: BOB, at: T0 + MIN }]);
      expect(graphCalls(one)).toEqual([]);
      expect(effects(one, 'chat.card').map((c) => c.key)).toEqual(['approval', 'status']);

      const again = approve(one, BOB, T0 + 2 * MIN);
      expectIgnored(one, again);
      expect(explainRefusal(context(one), { type: 'approve', actor: BOB, at: T0 })).toBe('You already approved this request; it needs 1 more approval from someone else.');

      const two = approve(one, CAROL, T0 + 3 * MIN);
      expect(two.snapshot.value).toBe('granting');
      expect(graphCalls(two)).toHaveLength(1);
      expect(context(two).decision).toEqual({ outcome: 'approved', by: [BOB, CAROL], at: T0 + 3 * MIN });
    });

    it('an approver who approved cannot then deny', () => {
      const one = approve(start(input), BOB);
      const event: ElevationUserEvent = { type: 'deny', actor: BOB, reason: 'changed my mind', at: T0 + 2 * MIN };
      expect(explainRefusal(context(one), event)).toBe('You already approved this request; each approver has one vote.');
      expectIgnored(one, send(one, event));
    });

    it('one deny ends it even after an approval', () => {
      const denied = send(approve(start(input), BOB), { type: 'deny', actor: DAN, reason: 'Not during the freeze', at: T0 + 4 * MIN });
      expect(denied.snapshot.value).toBe('denied');
      expect(graphCalls(denied)).toEqual([]);
    });
  });

  it('exactly one outcome: clicks after a deny are refused with the decision and who made it', () => {
    const denied = send(start(), { type: 'deny', actor: BOB, reason: 'No ticket', at: T0 + 5 * MIN });
    for (const event of [
      { type: 'approve', actor: CAROL, at: T0 + 6 * MIN },
      { type: 'deny', actor: CAROL, reason: 'also no', at: T0 + 6 * MIN },
      { type: 'withdraw', actor: ALICE, at: T0 + 6 * MIN },
      { type: 'revoke', actor: ALICE, at: T0 + 6 * MIN },
    ] as ElevationUserEvent[]) {
      expectIgnored(denied, send(denied, event));
      expect(explainRefusal(context(denied), event)).toBe('This request was already denied by Bob Approver at 03:05 UTC: No ticket.');
    }
  });

  it('clicks after a withdrawal are refused', () => {
    const withdrawn = send(start(), { type: 'withdraw', actor: ALICE, at: T0 + 2 * MIN });
    const event: ElevationUserEvent = { type: 'approve', actor: BOB, at: T0 + 3 * MIN };
    expectIgnored(withdrawn, send(withdrawn, event));
    expect(explainRefusal(context(withdrawn), event)).toBe('This request was withdrawn by Alice Requester at 03:02 UTC.');
  });

  it('a revoke from someone else before approval is refused: deny instead', () => {
    const s0 = start();
    const event: ElevationUserEvent = { type: 'revoke', actor: BOB, at: T0 };
    expect(explainRefusal(context(s0), event)).toBe("This request isn't granted yet: deny it with a reason instead.");
    expectIgnored(s0, send(s0, event));
  });
});
