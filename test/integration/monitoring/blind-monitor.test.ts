import { MINUTE, MonitorHarness, ruleOf, textOf } from './monitor-harness';

/**
 * A monitor that cannot read the logs looks exactly like a quiet tenant. When
 * polls keep failing (here: the tenant lost its P1/P2 licence, so Graph
 * refuses the sign-in log), the security channel gets one High alert per
 * blind spell, not one per poll, and a short blip says nothing.
 */
describe('the monitor when it cannot read the logs', () => {
  let h: MonitorHarness;

  beforeEach(async () => {
    h = await MonitorHarness.start({ scenario: 'quiet' });
    await h.poll();
  });

  afterEach(async () => {
    await h.stop();
  });

  const blindAlerts = () => h.securityAlerts().filter((m) => ruleOf(m.message) === 'monitor.blind');

  it('stays quiet for one or two failed polls', async () => {
    h.sim.setPremium(false);
    await h.advance(MINUTE);
    await h.advance(MINUTE);
    h.sim.setPremium(true);
    await h.advance(MINUTE);
    await h.advance(MINUTE);
    expect(blindAlerts()).toEqual([]);
  });

  it('says so once in the security channel after three failed polls, with the reason, and not again while the spell lasts', async () => {
    h.sim.setPremium(false);
    for (let i = 0; i < 6; i++) await h.advance(MINUTE);

    const [alert, ...more] = blindAlerts();
    expect(more).toEqual([]);
    expect(alert!.message.header?.title).toMatch(/Monitoring cannot read the logs/);
    expect(textOf(alert!.message)).toContain('Reading sign-in logs needs a Microsoft Entra ID P1 or P2 licence in this tenant.');
    expect(textOf(alert!.message)).toMatch(/including use of an emergency account/);
  });

  it('raises a new spell after the monitor had recovered; within the cooldown it folds into the same alert', async () => {
    h.sim.setPremium(false);
    for (let i = 0; i < 3; i++) await h.advance(MINUTE);
    h.sim.setPremium(true);
    await h.advance(MINUTE);
    h.sim.setPremium(false);
    for (let i = 0; i < 3; i++) await h.advance(MINUTE);

    const raised = (await h.audit('monitor.finding')).filter((e) => JSON.stringify(e.data).includes('monitor.blind'));
    expect(raised).toHaveLength(2);
    expect(blindAlerts()).toHaveLength(1);
  });
});
