import { userId } from '../../../sim/contoso-directory';
import { PimEngine, PimError } from '../../../sim/pim-engine';
import { ROLE } from '../../../sim/role-definitions';
import { buildScenario } from '../../../sim/scenarios';
import { ManualClock } from '../../../bot/ports/clock';

const NOW = Date.parse('2026-01-07T15:00:00Z');
const MINUTE = 60_000;

function engine(scenario: 'quiet' | 'under-attack' = 'quiet') {
  const clock = new ManualClock(NOW);
  const data = buildScenario(scenario, { now: NOW });
  const pim = new PimEngine(data, () => clock.now(), { appId: 'app', displayName: 'breakglass', servicePrincipalId: 'sp', servicePrincipalName: 'breakglass' }, 1);
  return { clock, data, pim };
}

function refusal(fn: () => unknown): PimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PimError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('the simulated PIM', () => {
  it('refuses assignments shorter than five minutes and unknown roles or people', () => {
    const { pim } = engine();
    expect(refusal(() => pim.submit({ action: 'adminAssign', principalId: userId('alice'), roleDefinitionId: ROLE.globalAdministrator, justification: 'x', scheduleInfo: { expiration: { type: 'AfterDuration', duration: 'PT2M' } } })).code).toBe(
      'ActiveDurationTooShort',
    );
    expect(refusal(() => pim.submit({ action: 'adminAssign', principalId: userId('alice'), roleDefinitionId: 'nope', justification: 'x' })).status).toBe(404);
    expect(refusal(() => pim.submit({ action: 'adminAssign', principalId: 'nobody', roleDefinitionId: ROLE.globalAdministrator, justification: 'x' })).code).toBe('Request_ResourceNotFound');
    expect(refusal(() => pim.submit({ action: 'selfActivate', principalId: userId('alice'), roleDefinitionId: ROLE.globalAdministrator })).code).toBe('InvalidRequest');
  });

  it("ends an activation at its end time and logs PIM's expiry record", () => {
    const { pim, data, clock } = engine('under-attack');
    const bobGa = () => pim.activeAssignments().filter((a) => a.principalId === userId('bob') && a.roleDefinitionId === ROLE.globalAdministrator);
    expect(bobGa()).toHaveLength(1);
    clock.advance(12 * MINUTE);
    expect(bobGa()).toHaveLength(0);
    const expiry = data.audits.find((a) => a.record.activityDisplayName === 'Remove member from role completed (PIM activation expired)' && a.record.targetResources[1]?.id === userId('bob'));
    expect(expiry?.record.activityDateTime).toBe(new Date(NOW + 12 * MINUTE).toISOString());
    pim.sweep();
    expect(data.audits.filter((a) => a.record.activityDisplayName === 'Remove member from role completed (PIM activation expired)' && a.record.targetResources[1]?.id === userId('bob'))).toHaveLength(1);
  });

  it('a scheduled assignment is not active before its start time', () => {
    const { pim, clock } = engine();
    pim.submit({
      action: 'adminAssign',
      principalId: userId('carol'),
      roleDefinitionId: ROLE.userAdministrator,
      justification: 'later',
      scheduleInfo: { startDateTime: new Date(NOW + 30 * MINUTE).toISOString(), expiration: { type: 'AfterDuration', duration: 'PT1H' } },
    });
    const carolUa = () => pim.activeAssignments().filter((a) => a.principalId === userId('carol') && a.roleDefinitionId === ROLE.userAdministrator);
    expect(carolUa()).toHaveLength(0);
    clock.advance(30 * MINUTE);
    expect(carolUa()).toHaveLength(1);
  });
});
