import { PEOPLE, UNDER_ATTACK_IDS as IDS } from '../../../sim';
import { silentLogger } from '../../../bot/core/logger';
import { MonitorPoller } from '../../../bot/monitoring/monitor-poller';
import { securityHome } from '../../../bot/monitoring/security-home';
import { MINUTE, MonitorHarness, ruleOf, SECURITY, textOf } from './monitor-harness';
import { emergencySignIn } from './sim-records';

const up = (k: keyof typeof PEOPLE): string => PEOPLE[k].upn;

/**
 * The alerts a security team gets from one poll of the under-attack tenant:
 * one card per pattern (rule and account; an IP or country when the rule
 * tells attacks apart), repeats folded into it. Derived from
 * scenarios/under-attack.ts plus the tenant's standing facts: erin, and
 * after the attack frank and the guest lee, hold admin roles without the
 * adm- name.
 */
const EXPECTED_ALERTS = [
  `emergency.sign-in ${up('bg01')}`,
  `emergency.password-change ${up('bg02')}`,
  `signin.bad-password-threshold ${up('alice')}`,
  `signin.unapproved-location ${up('alice')}`,
  `signin.unapproved-location ${up('bob')}`,
  `signin.unapproved-location ${up('bob')}`, // São Paulo (BR) is another pattern than Moscow (RU)
  `signin.unapproved-location ${up('carol')}`,
  `signin.unapproved-location ${up('dave')}`,
  `signin.unapproved-location ${up('erin')}`,
  `signin.unapproved-location ${up('grace')}`,
  `signin.unapproved-location ${up('henry')}`,
  `signin.lockout ${up('dave')}`,
  `signin.ca-blocked ${up('bob')}`,
  `signin.mfa-interrupted ${up('carol')}`,
  `signin.mfa-failed ${up('carol')}`,
  `signin.mfa-denied ${up('alice')}`,
  `signin.disabled-account ${up('henry')}`,
  `signin.identity-protection-risk ${up('bob')}`,
  `signin.new-device-or-location ${up('bob')}`,
  `signin.new-device-or-location ${up('dave')}`,
  `signin.legacy-protocol ${up('dave')}`,
  `signin.outside-working-hours ${up('erin')}`,
  `signin.naming-policy ${up('erin')}`,
  `signin.naming-policy ${up('frank')}`,
  `signin.naming-policy ${up('lee')}`,
  `audit.role-assigned-outside-pim ${up('frank')}`,
  `audit.eligible-role-added ${up('frank')}`,
  `audit.pim-settings-changed ${up('erin')}`,
  `audit.pim-alert-disabled ${up('erin')}`,
  `audit.pim-activation ${up('bob')}`,
  `audit.pim-approval-decision ${up('bob')}`,
  // The scenario's routine admin work (directory changes by admins), at Medium.
  `audit.privileged-change ${up('bob')}`,
  `audit.privileged-change ${up('carol')}`,
  `audit.privileged-change ${up('carol')}`,
  `audit.auth-method-change ${up('bob')}`,
].sort();

function whoOf(text: string): string {
  return /^Who: (.*)$/m.exec(text)?.[1] ?? '';
}

describe('the monitor against the under-attack tenant', () => {
  let h: MonitorHarness;

  beforeEach(async () => {
    h = await MonitorHarness.start({ scenario: 'under-attack' });
  });

  afterEach(async () => {
    await h.stop();
  });

  it('posts exactly the expected alerts, each once, and pages the managers for the emergency accounts', async () => {
    await h.poll();
    const cards = h.securityAlerts();
    expect(cards.map((m) => `${ruleOf(m.message)} ${whoOf(textOf(m.message))}`).sort()).toEqual(EXPECTED_ALERTS);
    // One card per alert id: nothing was posted twice.
    expect(new Set(cards.map((m) => m.message.context)).size).toBe(cards.length);

    const spray = cards.find((m) => ruleOf(m.message) === 'signin.bad-password-threshold')!.message;
    for (const id of [IDS.sprayAlice1, IDS.sprayAlice6]) expect(textOf(spray)).toContain(id);
    const breakGlass = cards.find((m) => ruleOf(m.message) === 'emergency.sign-in')!.message;
    expect(breakGlass.header?.title).toBe('Emergency account: Emergency access account sign-in');
    expect(textOf(breakGlass)).toContain(IDS.breakGlassBg01);
    expect(breakGlass.buttons?.map((b) => b.label)).toEqual(['Acknowledge', 'Open incident', 'Mark false positive']);

    // Level 0 of the chain (ivan, manager and security officer) got a page per emergency alert; level 1 not yet.
    expect(h.dms('ivan').map((m) => m.message.header?.title)).toEqual(['Emergency account alert: please acknowledge', 'Emergency account alert: please acknowledge']);
    expect(h.dms('judy')).toEqual([]);
  });

  it('posts nothing new on a second poll, nor after a restart on the same database', async () => {
    await h.poll();
    const posted = h.chat.messages.length;
    const versions = h.chat.messages.map((m) => m.history.length);

    h.clock.advance(MINUTE);
    const second = await h.poll();
    // The overlap read the last hour again: findings were there, none of them was new.
    expect(second.findings.length).toBeGreaterThan(5);
    expect(second.delivered).toBe(0);

    await h.restart();
    h.clock.advance(MINUTE);
    const afterRestart = await h.poll();
    expect(afterRestart.findings.length).toBeGreaterThan(5);
    expect(afterRestart.delivered).toBe(0);

    expect(h.chat.messages.length).toBe(posted);
    expect(h.chat.messages.map((m) => m.history.length)).toEqual(versions);
    expect(afterRestart.since < second.until).toBe(true);
  });

  it('catches a sign-in that shows up in the log four minutes after it happened', async () => {
    await h.poll();
    const happened = h.clock.now() + MINUTE;
    h.sim.addSignIns([emergencySignIn('bg02', happened, 'late-bg02')], { delayMs: 4 * MINUTE });

    h.clock.advance(2 * MINUTE);
    const before = await h.poll();
    expect(before.findings.some((f) => f.subject === up('bg02') && f.ruleId === 'emergency.sign-in')).toBe(false);

    h.clock.advance(4 * MINUTE);
    const after = await h.poll();
    expect(after.delivered).toBe(1);
    const card = h.securityAlerts().find((m) => ruleOf(m.message) === 'emergency.sign-in' && whoOf(textOf(m.message)) === up('bg02'));
    expect(card).toBeDefined();
    expect(Date.parse(after.since)).toBeLessThan(happened);
  });

  it("polls on the bot's own tick once the poll interval has passed", async () => {
    await h.poll();
    h.sim.addSignIns([emergencySignIn('bg02', h.clock.now() + 10_000, 'tick-bg02')]);
    await h.advance(30_000);
    expect(h.securityAlerts().some((m) => whoOf(textOf(m.message)) === up('bg02') && ruleOf(m.message) === 'emergency.sign-in')).toBe(false);
    await h.advance(30_000);
    expect(h.securityAlerts().some((m) => whoOf(textOf(m.message)) === up('bg02') && ruleOf(m.message) === 'emergency.sign-in')).toBe(true);
  });

  it('lets one replica poll the tenant at a time', async () => {
    const other = new MonitorPoller({
      config: h.config,
      graph: h.port,
      runtime: h.bot.runtime,
      storage: h.bot.storage,
      clock: h.clock,
      logger: silentLogger,
      owner: 'replica-b',
      securityHome: securityHome(h.config, ['playground']),
    });
    await h.poll();
    expect(await other.pollNow()).toBeUndefined();
    // The first replica went quiet: once its lease lapses the other takes over, from the same watermark.
    h.clock.advance(3 * MINUTE);
    const takeover = await other.pollNow();
    expect(takeover?.delivered).toBe(0);
    expect(await h.bot.monitor!.pollNow()).toBeUndefined();
    expect(h.chat.inConversation(SECURITY).length).toBe(h.securityAlerts().length);
  });
});
