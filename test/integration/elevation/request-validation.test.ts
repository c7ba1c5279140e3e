import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { userId, ROLE } from '../../../sim';
import { parseConfig } from '../../../bot/config/load-config';
import type { Config } from '../../../bot/config/schema';
import { createTestStorage, type DisposableTestStorage } from '../../support/storages';
import { APPROVERS, ElevationBot, requestIdIn, startTenant, type SimulatedTenant } from './elevation-harness';

/** playgroundConfig with its elevation section replaced. */
function withElevation(elevation: Record<string, unknown>): Config {
  const base = playgroundConfig();
  return parseConfig({ ...base, elevation: { ...base.elevation, ...elevation } }, 'test config');
}

describe('an elevate request that fails a check is refused with one line, and nobody is bothered', () => {
  let tenant: SimulatedTenant;
  let db: DisposableTestStorage;
  let bot: ElevationBot | undefined;
  beforeEach(async () => {
    tenant = await startTenant();
    db = await createTestStorage('sqlite');
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await db.dispose();
    await tenant.sim.close();
  });

  async function start(config?: Config): Promise<ElevationBot> {
    bot = await ElevationBot.create(tenant, { storage: db.storage, ...(config ? { config } : {}) });
    return bot;
  }

  /** The reply's reasons: every line after the title. */
  function reasons(reply: string): string[] {
    const [title, ...rest] = reply.split('\n');
    expect(title).toMatch(/^Elevation to .+ not requested$/);
    return rest;
  }

  async function expectNothingStarted(b: ElevationBot): Promise<void> {
    expect(b.chat.inConversation(APPROVERS)).toEqual([]);
    expect(await b.bot.runtime.list('pim-elevation')).toEqual([]);
    expect(tenant.sim.requests.filter((r) => r.method === 'POST' && r.route === 'assignmentRequests')).toEqual([]);
  }

  it('unknown role', async () => {
    const b = await start();
    expect(reasons(await b.say('alice', 'elevate Chief Wizard for 30m because the tenant is on fire'))).toEqual(['There is no directory role called "Chief Wizard".']);
    await expectNothingStarted(b);
  });

  it('a real role the config does not let the bot grant', async () => {
    // Carol is eligible for User Administrator in PIM, but it is not in elevation.policies.
    const b = await start();
    expect(reasons(await b.say('carol', 'elevate User Administrator for 30m because reset a locked admin'))).toEqual([
      'User Administrator is not a role the bot grants (it is not in elevation.policies).',
    ]);
    await expectNothingStarted(b);
  });

  it('a role the requester is not eligible for in PIM', async () => {
    // Security Administrator is allowed by config, but Alice has no eligibility for it in the tenant.
    const b = await start();
    expect(reasons(await b.say('alice', 'elevate Security Administrator for 30m because review alerts'))).toEqual([
      'You are not eligible for Security Administrator in PIM, so it cannot be granted to you.',
    ]);
    await expectNothingStarted(b);
  });

  it('Global Administrator for longer than the default hour', async () => {
    // No maxDuration in the policy: Global Administrator is held for at most one hour by default.
    const b = await start(withElevation({ policies: [{ role: 'Global Administrator', grantMode: 'bot' }] }));
    expect(reasons(await b.say('alice', 'elevate GA for 2h because migrate the tenant'))).toEqual([
      '2h is longer than Global Administrator may be held: at most 1h (the bot\'s policy for this role).',
    ]);
    await expectNothingStarted(b);
  });

  it("longer than PIM's own maximum when that is shorter than the bot's policy", async () => {
    // Config allows Security Administrator for 2h; PIM's role settings allow 45 minutes.
    tenant.sim.setRoleSettings(ROLE.securityAdministrator, { maxActivation: 'PT45M' });
    const b = await start();
    expect(reasons(await b.say('bob', 'elevate Security Administrator for 1h because tune the alert rules'))).toEqual([
      "1h is longer than Security Administrator may be held: at most 45m (PIM's maximum for this role).",
    ]);
    await expectNothingStarted(b);
    // Within PIM's maximum the same request goes through.
    expect(await b.say('bob', 'elevate Security Administrator for 45m because tune the alert rules')).toMatch(/^Request EL-\w+ for Security Administrator is with the approvers\.$/);
  });

  it("longer than PIM's own maximum when the bot's policy sets none", async () => {
    // Security Administrator without maxDuration: PIM's role settings (8h activation) are the limit.
    const b = await start(withElevation({ policies: [{ role: 'Security Administrator', grantMode: 'bot' }] }));
    expect(reasons(await b.say('bob', 'elevate Security Administrator for 9h because incident follow-up'))).toEqual([
      "9h is longer than Security Administrator may be held: at most 8h (PIM's maximum for this role).",
    ]);
    expect(await b.say('bob', 'elevate Security Administrator for 3h because incident follow-up')).toMatch(/is with the approvers\.$/);
  });

  it('no ticket when the policy requires one', async () => {
    const b = await start(withElevation({ policies: [{ role: 'Global Administrator', grantMode: 'bot', maxDuration: '1h', requireTicket: true }] }));
    expect(reasons(await b.say('alice', 'elevate GA for 30m because restore the CA policy'))).toEqual(['Global Administrator needs a ticket: add "ticket <id>".']);
    await expectNothingStarted(b);
  });

  it('a role the requester already holds in Entra', async () => {
    // Assigned outside the bot until 16:00.
    await tenant.graph.createAssignmentRequest({ action: 'adminAssign', principalId: userId('alice'), roleDefinitionId: ROLE.globalAdministrator, justification: 'change CHG-1', duration: 'PT1H' });
    const b = await start();
    expect(reasons(await b.say('alice', 'elevate GA for 30m because restore the CA policy'))).toEqual([
      'You already hold Global Administrator in Entra until 16:00 UTC, so there is nothing to grant.',
    ]);
    expect(b.chat.inConversation(APPROVERS)).toEqual([]);
  });

  it('the same person and role already pending', async () => {
    const b = await start();
    const first = requestIdIn(await b.say('alice', 'elevate GA for 30m because restore the CA policy'));
    expect(reasons(await b.say('alice', 'elevate global administrator for 15m because restore the CA policy, again'))).toEqual([
      `You already have a pending Global Administrator elevation (${first}).`,
    ]);
    // Only the first request's card reached the approvers.
    expect(b.chat.inConversation(APPROVERS).map((m) => m.message.fallbackText)).toEqual([expect.stringMatching(new RegExp(`^Elevation ${first}:`))]);
    expect(await b.bot.runtime.list('pim-elevation')).toHaveLength(1);
  });
});
