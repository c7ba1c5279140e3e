import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { PEOPLE, userId, type PersonKey, ROLE, makeSignIn } from '../../../sim';
import { parseConfig } from '../../../bot/config/load-config';
import { FakeChat } from '../../fakes/fake-chat';
import { createTestStorage, type DisposableTestStorage } from '../../support/storages';
import { button, ElevationBot, MINUTE, requestIdIn, startTenant, timeBoundAssignments, type SimulatedTenant } from './elevation-harness';

describe('a policy that wants a recent MFA sign-in before the grant', () => {
  let tenant: SimulatedTenant;
  let db: DisposableTestStorage;
  let bot: ElevationBot;
  beforeEach(async () => {
    tenant = await startTenant();
    db = await createTestStorage('sqlite');
    const base = playgroundConfig();
    const config = parseConfig({ ...base, elevation: { ...base.elevation, policies: [{ role: 'Global Administrator', grantMode: 'bot', maxDuration: '1h', requireRecentMfaMinutes: 30 }] } }, 'test config');
    bot = await ElevationBot.create(tenant, { storage: db.storage, config });
  });
  afterEach(async () => {
    await bot.stop();
    await db.dispose();
    await tenant.sim.close();
  });

  function signInWithMfa(who: PersonKey, at: number): void {
    const p = PEOPLE[who];
    tenant.sim.addSignIns([
      makeSignIn({ id: `mfa-${who}-${at}`, at: new Date(at).toISOString(), user: { id: userId(who), upn: p.upn, displayName: p.displayName }, ip: `${p.home.ipPrefix}10`, location: p.home, mfa: true, correlationId: `c-${who}-${at}` }),
    ]);
  }

  it('approved but no MFA in the window: the card waits and alice is told; after she signs in with MFA a re-check grants it', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    signInWithMfa('carol', tenant.clock.now() - 5 * MINUTE);
    await bot.click('carol', button(bot.approvalCard(id).message, 'elevation.approve'));

    expect((await bot.context(id)).phase).toBe('awaiting-mfa');
    expect(FakeChat.textOf(bot.approvalCard(id).message)).toContain('Approved by Carol Admin, but waiting for an MFA sign-in (within 30 min) from Alice Admin.');
    expect(bot.dmTexts('alice')).toEqual([expect.stringContaining('Global Administrator needs a sign-in with MFA within the last 30 minutes from Alice Admin (you).')]);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);

    await bot.advance(2 * MINUTE);
    signInWithMfa('alice', tenant.clock.now() - MINUTE);
    const recheck = bot.chat.dmsTo('alice')[0]!.message;
    expect(await bot.click('alice', button(recheck, 'elevation.recheck-mfa'))).toBe('');
    expect((await bot.context(id)).phase).toBe('active');
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.globalAdministrator)).toHaveLength(1);
  });
});
