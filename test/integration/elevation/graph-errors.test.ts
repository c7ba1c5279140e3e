import { userId, ROLE, DEFAULT_GRANTED_PERMISSIONS } from '../../../sim';
import { FakeChat } from '../../fakes/fake-chat';
import { APPROVERS, button, ElevationBot, MINUTE, requestIdIn, timeBoundAssignments, type SimulatedTenant, eachElevationWorld } from './elevation-harness';

describe('Graph refusing the grant, in words on the card', () => {
  let tenant: SimulatedTenant;
  let bot: ElevationBot;
  eachElevationWorld((w) => ({ tenant, bot } = w));

  it('missing permission: the card names it and offers a retry, which works once consent is fixed', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    tenant.sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'RoleAssignmentSchedule.ReadWrite.Directory'));
    await bot.click('carol', button(bot.approvalCard(id).message, 'elevation.approve'));

    const card = bot.approvalCard(id).message;
    expect(FakeChat.textOf(card)).toContain('The bot is missing a Microsoft Graph permission (RoleAssignmentSchedule.ReadWrite.Directory, with admin consent).');
    expect(bot.notices(APPROVERS)).toEqual([expect.stringContaining('Could not grant Global Administrator for Alice Admin')]);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);

    tenant.sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS);
    await bot.advance(MINUTE);
    expect(await bot.click('erin', button(card, 'elevation.retry'))).toBe('');
    expect((await bot.context(id)).phase).toBe('active');
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.globalAdministrator)).toHaveLength(1);
  });

  it('PIM demanding MFA on assignments: the request is refused before any approver is asked', async () => {
    tenant.sim.setRoleSettings(ROLE.globalAdministrator, { adminAssignmentRequires: ['Justification', 'MultiFactorAuthentication'] });
    expect(await bot.say('alice', 'elevate GA for 30m because restore the CA policy')).toMatch(/PIM requires multifactor authentication on Global Administrator assignments/);
    expect(await bot.bot.runtime.list('pim-elevation')).toEqual([]);
  });

  it("PIM's policy changed after the request: the grant is refused, the request closes saying which rule, nothing granted", async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    tenant.sim.setRoleSettings(ROLE.globalAdministrator, { adminAssignmentRequires: ['Justification', 'MultiFactorAuthentication'] });
    await bot.click('carol', button(bot.approvalCard(id).message, 'elevation.approve'));
    expect((await bot.context(id)).phase).toBe('grant-failed');
    expect(FakeChat.textOf(bot.approvalCard(id).message)).toContain('require multifactor authentication');
    expect(bot.dmTexts('alice')).toEqual([expect.stringContaining('Your Global Administrator request could not be granted')]);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);
  });

  it('RoleAssignmentExists (assigned elsewhere after the request): the card says she already holds it', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    await tenant.graph.createAssignmentRequest({ action: 'adminAssign', principalId: userId('alice'), roleDefinitionId: ROLE.globalAdministrator, justification: 'change CHG-1', duration: 'PT1H' });
    await bot.click('carol', button(bot.approvalCard(id).message, 'elevation.approve'));
    expect((await bot.context(id)).phase).toBe('already-assigned');
    expect(FakeChat.textOf(bot.approvalCard(id).message)).toMatch(/Approved by Carol Admin, but (that person|the person) already holds this role/);
    expect(tenant.sim.data.requests.filter((r) => r.action === 'adminAssign')).toHaveLength(1);
  });
});
