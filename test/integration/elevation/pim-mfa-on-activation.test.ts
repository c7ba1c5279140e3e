import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { PEOPLE, userId, type PersonKey } from '../../../sim';
import { ROLE } from '../../../sim';
import { makeSignIn } from '../../../sim';
import { parseConfig } from '../../../bot/config/load-config';
import { FakeChat } from '../../fakes/fake-chat';
import { createTestStorage, type DisposableTestStorage } from '../../support/storages';
import { button, ElevationBot, MINUTE, requestIdIn, startTenant, timeBoundAssignments, type SimulatedTenant } from './elevation-harness';

/**
 * The bot's adminAssign skips PIM's activation rules, so a bot-mode grant of a role whose PIM policy
 * demands MFA on activation (Enablement_EndUser_Assignment: MultiFactorAuthentication) must find its own
 * evidence: the requester's successful MFA sign-in within elevation.pimMfaEvidenceMinutes. The policy
 * is read from the simulator through the real Graph client; the config sets no requireRecentMfaMinutes.
 */
describe('bot-mode grants are never weaker than PIM: MFA on activation', () => {
  let tenant: SimulatedTenant;
  let db: DisposableTestStorage;
  let bot: ElevationBot;
  beforeEach(async () => {
    tenant = await startTenant();
    db = await createTestStorage('sqlite');
    const base = playgroundConfig();
    const config = parseConfig({ ...base, elevation: { ...base.elevation, policies: [{ role: 'Global Administrator', grantMode: 'bot', maxDuration: '1h' }] } }, 'test config');
    bot = await ElevationBot.create(tenant, { storage: db.storage, config });
  });
  afterEach(async () => {
    await bot.stop();
    await db.dispose();
    await tenant.sim.close();
  });

  function signIn(who: PersonKey, at: number, mfa: boolean): void {
    const p = PEOPLE[who];
    tenant.sim.addSignIns([
      makeSignIn({ id: `s-${who}-${at}-${mfa}`, at: new Date(at).toISOString(), user: { id: userId(who), upn: p.upn, displayName: p.displayName }, ip: `${p.home.ipPrefix}10`, location: p.home, mfa, correlationId: `c-${who}-${at}` }),
    ]);
  }

  it('PIM demands MFA to activate GA: without MFA evidence the grant is refused; with it the role is granted', async () => {
    expect(tenant.sim.roleSettings(ROLE.globalAdministrator).activationRequires).toContain('MultiFactorAuthentication');
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    signIn('carol', tenant.clock.now() - 5 * MINUTE, true);
    signIn('alice', tenant.clock.now() - 2 * MINUTE, false); // a password-only sign-in is no evidence
    await bot.click('carol', button(bot.approvalCard(id).message, 'elevation.approve'));

    expect((await bot.context(id)).phase).toBe('awaiting-mfa');
    expect(FakeChat.textOf(bot.approvalCard(id).message)).toContain('waiting for an MFA sign-in (within 60 min) from Alice Admin');
    expect(bot.dmTexts('alice')).toEqual([expect.stringContaining('PIM requires MFA to activate this role (rule Enablement_EndUser_Assignment).')]);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);

    signIn('alice', tenant.clock.now() - MINUTE, true);
    const recheck = bot.chat.dmsTo('alice')[0]!.message;
    await bot.click('alice', button(recheck, 'elevation.recheck-mfa'));
    expect((await bot.context(id)).phase).toBe('active');
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.globalAdministrator)).toHaveLength(1);
  });

  it('pimMfaEvidenceMinutes: 0 turns the evidence off (the documented opt-out)', async () => {
    await bot.stop();
    const base = playgroundConfig();
    const config = parseConfig({ ...base, elevation: { ...base.elevation, pimMfaEvidenceMinutes: 0, policies: [{ role: 'Global Administrator', grantMode: 'bot', maxDuration: '1h' }] } }, 'test config');
    bot = await ElevationBot.create(tenant, { storage: db.storage, config });
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    await bot.click('carol', button(bot.approvalCard(id).message, 'elevation.approve'));
    expect((await bot.context(id)).phase).toBe('active');
  });
});
