import { canConfirmCheckout } from '../../../../workflows/break-glass/checkout';
import { refusalFor } from '../../../../workflows/break-glass/refusals';
import { alice, at, bob, carol, notices, send, sendAll, startIncident } from './drive';

describe('step 3: the two-person rule for emergency accounts', () => {
  const requested = () => send(startIncident().snapshot, { type: 'checkout.request', upn: 'bg1@contoso.onmicrosoft.com', actor: alice, at: at(5) });

  it('refuses a confirmation from the responder who chose the account', () => {
    const { snapshot } = requested();
    expect(canConfirmCheckout(snapshot.context, alice.id)).toMatch(/two-person rule/i);
    const same = send(snapshot, { type: 'checkout.confirm', actor: alice, at: at(6) });
    expect(same.actions).toEqual([]);
    expect(same.snapshot.context.emergencyUse).toEqual([]);
    expect(same.snapshot.context.steps[2]?.state).toBe('in_progress');
  });

  it('records who chose, who confirmed, which account and when, and says where the credential is kept', () => {
    const confirmed = send(requested().snapshot, { type: 'checkout.confirm', actor: bob, at: at(6) });
    expect(canConfirmCheckout(requested().snapshot.context, bob.id)).toBeUndefined();
    const ctx = confirmed.snapshot.context;
    expect(ctx.emergencyUse).toEqual([{ upn: 'bg1@contoso.onmicrosoft.com', since: at(6), requestedBy: alice, confirmedBy: bob }]);
    expect(ctx.steps[2]).toMatchObject({ state: 'done', doneBy: bob, doneAt: at(6), owner: alice });
    expect(ctx.pendingCheckout).toBeUndefined();
    expect(notices(confirmed.actions, 'checkout')[0]?.data).toEqual({ stage: 'confirmed', upn: 'bg1@contoso.onmicrosoft.com' });
  });

  it('refuses a confirmation with nothing waiting, and an account that is not configured', () => {
    const { snapshot } = startIncident();
    expect(canConfirmCheckout(snapshot.context, bob.id)).toMatch(/no emergency account is waiting/i);
    const unknown = { type: 'checkout.request' as const, upn: 'someone@contoso.com', actor: alice, at: at(1) };
    expect(refusalFor(snapshot.context, unknown)).toMatch(/not one of the configured emergency accounts/);
    expect(send(snapshot, unknown).actions).toEqual([]);
  });

  it('lets a new choice replace one still waiting, so the second person confirms the right account', () => {
    const switched = sendAll(requested().snapshot, [
      { type: 'checkout.request', upn: 'bg2@contoso.onmicrosoft.com', actor: carol, at: at(7) },
      { type: 'checkout.confirm', actor: carol, at: at(8) },
    ]);
    expect(switched.snapshot.context.pendingCheckout).toMatchObject({ upn: 'bg2@contoso.onmicrosoft.com', requestedBy: carol });
    const confirmed = send(switched.snapshot, { type: 'checkout.confirm', actor: alice, at: at(9) });
    expect(confirmed.snapshot.context.emergencyUse.map((u) => u.upn)).toEqual(['bg2@contoso.onmicrosoft.com']);
  });

  it('will not mark step 3 done without a confirmed checkout', () => {
    const { snapshot } = startIncident();
    const event = { type: 'step.done' as const, step: 3, actor: alice, at: at(2) };
    expect(refusalFor(snapshot.context, event)).toMatch(/second responder/);
    expect(send(snapshot, event).snapshot.context.steps[2]?.state).toBe('pending');
  });

  it('refuses checking the same account out twice', () => {
    const confirmed = send(requested().snapshot, { type: 'checkout.confirm', actor: bob, at: at(6) });
    const again = { type: 'checkout.request' as const, upn: 'BG1@contoso.onmicrosoft.com', actor: carol, at: at(7) };
    expect(refusalFor(confirmed.snapshot.context, again)).toMatch(/already checked out/);
  });
});
