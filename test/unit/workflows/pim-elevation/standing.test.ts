import { asExistingElevation, deadlineOf } from '../../../../workflows/pim-elevation/standing';
import { ALICE, BOB, GA, HOUR, MIN, T0, activeGrant, context, send, start } from './elevation-harness';

describe('standing of a request', () => {
  it('blocks a duplicate while pending or active, not once closed', () => {
    expect(asExistingElevation(context(start()))).toEqual({ requestId: 'elev-7', requesterId: ALICE.id, roleDefinitionId: GA.id, state: 'pending' });
    expect(asExistingElevation(context(activeGrant()))?.state).toBe('active');
    expect(asExistingElevation(context(send(start(), { type: 'deny', actor: BOB, reason: 'no', at: T0 })))).toBeUndefined();
  });

  it('counts down to the expiry while pending and to the end while active', () => {
    expect(deadlineOf(context(start()))).toBe(T0 + 45 * MIN);
    expect(deadlineOf(context(activeGrant()))).toBe(T0 + 2 * MIN + HOUR);
  });
});
