import { approvalCard } from '../../../../bot/messages/elevation/approval-card';
import { BOB, MIN, T0, baseInput, context, graphCalls, send, start } from './elevation-harness';

/** A role the policy marks high-risk: like PIM, approving asks for the approver's reason. */
describe('approving a high-risk role', () => {
  const highRisk = () => start(baseInput({ highRisk: true }));

  it('refuses a bare approval in the machine itself, and the card asks for the reason', () => {
    const first = highRisk();
    const bare = send(first, { type: 'approve', actor: BOB, at: T0 + MIN });
    expect(bare.snapshot.value).toEqual(first.snapshot.value);
    expect(graphCalls(bare)).toEqual([]);
    const approveButton = approvalCard(context(first), { copy: 'approvers' }).buttons?.find((b) => b.actionId === 'elevation.approve');
    expect(approveButton?.input).toMatchObject({ id: 'reason', required: true });
  });

  it('with a reason it is granted, and the reason travels in the approve event the runtime audits', () => {
    const approved = send(highRisk(), { type: 'approve', actor: BOB, at: T0 + MIN, reason: 'CA policy locked out every admin' });
    expect(approved.snapshot.value).toBe('granting');
    expect(graphCalls(approved)).toHaveLength(1);
  });

  it('a role not marked high-risk is approved with one click, as before', () => {
    expect(send(start(), { type: 'approve', actor: BOB, at: T0 + MIN }).snapshot.value).toBe('granting');
  });
});
