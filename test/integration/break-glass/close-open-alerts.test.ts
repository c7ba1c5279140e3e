import { PEOPLE } from '../../../sim';
import { alertIdOf, button, MINUTE, MonitorHarness, ROOM, ruleOf, SECURITY, textOf } from '../monitoring/monitor-harness';
import { emergencySignIn } from '../monitoring/sim-records';

const BG01 = PEOPLE.bg01.upn;

/**
 * `close` must not bury an emergency-account alert nobody answered (in the
 * under-attack story: a bg-01 sign-in before the incident): the answer warns,
 * and the report lists it, emergency ones first.
 */
describe('close with an unacknowledged emergency-account alert', () => {
  let h: MonitorHarness;
  beforeAll(async () => {
    h = await MonitorHarness.start({ scenario: 'quiet' });
    await h.poll();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('warns in the answer and lists the alert in the close report', async () => {
    h.sim.addSignIns([emergencySignIn('bg01', h.clock.now() + MINUTE, 'before-the-incident')]);
    h.clock.advance(3 * MINUTE);
    await h.poll();
    const alertCard = h.chat.inConversation(SECURITY).find((m) => ruleOf(m.message) === 'emergency.sign-in')!;
    const alertId = alertIdOf(alertCard.message);

    const started = await h.say('alice', 'start Admins locked out');
    const incidentId = /Incident (BG-[A-Z0-9]+) is open/.exec(started ?? '')![1]!;
    h.clock.advance(5 * MINUTE);
    const reply = await h.say('alice', 'close Handled');
    expect(reply).toContain(`${incidentId} is closed; the report is in the channel.`);
    expect(reply).toMatch(new RegExp(`Warning: 1 emergency-account alert is still unacknowledged.*\\(${alertId}[,)]`));

    const report = h.chat.inConversation(ROOM).find((m) => m.message.header?.title?.startsWith('Incident report'))!;
    const lines = textOf(report.message).split('\n');
    const section = lines.indexOf('Unacknowledged alerts at close:');
    expect(section).toBeGreaterThanOrEqual(0);
    expect(lines[section + 1]).toMatch(new RegExp(`^• EMERGENCY ACCOUNT: Emergency access account sign-in: ${BG01.replace(/\./g, '\\.')} at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(alert ${alertId}\\)$`));
  });

  it('an acknowledged alert is settled: the next close neither warns about it nor lists it', async () => {
    const alertCard = h.chat.inConversation(SECURITY).find((m) => ruleOf(m.message) === 'emergency.sign-in')!;
    await h.click('ivan', button(h.dms('ivan')[0]!.message, 'Acknowledge'), undefined, 'dm:ivan');
    await h.say('alice', 'start --new Second look');
    const reply = await h.say('alice', 'close Nothing more');
    expect(reply).not.toContain(alertIdOf(alertCard.message));
    expect(reply).not.toContain('emergency-account alert');
  });
});
