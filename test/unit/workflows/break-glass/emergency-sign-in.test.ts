import { refusalFor } from '../../../../workflows/break-glass/refusals';
import { alice, at, bob, notices, send, sendAll, startIncident } from './drive';

const BG1 = 'bg1@contoso.onmicrosoft.com';
const seen = (minutesAfterStart: number, when: number) => ({ type: 'emergency.signedIn' as const, upn: BG1.toUpperCase(), signedInAt: at(minutesAfterStart), detail: 'Break-glass account sign-in to Azure Portal from 131.107.160.57 succeeded.', alertId: 'AL-1', at: at(when) });

function checkedOut() {
  const { snapshot } = startIncident();
  return sendAll(snapshot, [
    { type: 'checkout.request', upn: BG1, actor: alice, at: at(2) },
    { type: 'checkout.confirm', actor: bob, at: at(3) },
  ]).snapshot;
}

describe("step 3: the checked-out account's sign-in", () => {
  it('posts the first sign-in of the use and notes it on step 3; later ones go on the timeline only', () => {
    const first = send(checkedOut(), seen(5, 9));
    const ctx = first.snapshot.context;
    expect(ctx.emergencyUse[0]).toMatchObject({ signIns: 1, firstSignIn: { at: at(5), alertId: 'AL-1' } });
    expect(ctx.steps[2]?.notes.at(-1)).toBe(`${BG1} signed in at 02:05 UTC (seen in the sign-in log)`);
    expect(notices(first.actions, 'emergency-sign-in').map((n) => n.data)).toEqual([{ upn: BG1 }]);

    const second = send(first.snapshot, seen(7, 12));
    expect(second.snapshot.context.emergencyUse[0]).toMatchObject({ signIns: 2, firstSignIn: { at: at(5) } });
    expect(notices(second.actions, 'emergency-sign-in')).toEqual([]);
    expect(second.snapshot.context.timeline.filter((e) => e.step === 3 && e.text.startsWith('Monitor (alert AL-1)'))).toHaveLength(2);
  });

  it('a sign-in from before the confirmation is not the use: timeline only, nothing posted', () => {
    const early = send(checkedOut(), seen(1, 9));
    expect(early.snapshot.context.emergencyUse[0]?.firstSignIn).toBeUndefined();
    expect(notices(early.actions, 'emergency-sign-in')).toEqual([]);
    expect(early.snapshot.context.timeline.at(-1)?.text).toMatch(/^Monitor \(alert AL-1\): BG1@CONTOSO\.ONMICROSOFT\.COM signed in at 02:01 UTC\./);
  });

  it('is taken after the incident closed: the log is minutes late', () => {
    const closed = send(checkedOut(), { type: 'close', actor: alice, at: at(10) }).snapshot;
    expect(refusalFor(closed.context, seen(8, 20))).toBeUndefined();
    const late = send(closed, seen(8, 20));
    expect(late.snapshot.context.emergencyUse[0]?.firstSignIn?.at).toBe(at(8));
  });
});
