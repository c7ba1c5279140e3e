import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { ROLE } from '../../../sim';
import { ELEVATION_KIND } from '../../../workflows/pim-elevation/kind';
import { parseConfig } from '../../../bot/config/load-config';
import type { DisposableTestStorage } from '../../support/storages';
import { FakeChat } from '../../fakes/fake-chat';
import { WEDNESDAY_AFTERNOON } from '../../fakes/graph-sim-harness';
import { APPROVERS, button, ElevationBot, INCIDENT_ROOM, MINUTE, requestIdIn, timeBoundAssignments, type SimulatedTenant, eachElevationWorld } from './elevation-harness';

const T0 = WEDNESDAY_AFTERNOON; // 15:00 UTC
const iso = (ms: number) => new Date(ms).toISOString();

describe('an approved elevation: granted through Graph, held for its time, verified gone', () => {
  let tenant: SimulatedTenant;
  let db: DisposableTestStorage;
  let bot: ElevationBot;
  eachElevationWorld((w) => ({ tenant, db, bot } = w));

  const assignPosts = () => tenant.sim.data.requests.filter((r) => r.action === 'adminAssign');
  const removePosts = () => tenant.sim.data.requests.filter((r) => r.action === 'adminRemove');

  async function approvedGa(): Promise<string> {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy ticket INC-42'));
    await bot.advance(2 * MINUTE);
    expect(await bot.click('carol', button(bot.approvalCard(id).message, 'elevation.approve'))).toBe('');
    return id;
  }

  it('carol approves on the card: the assignment appears in the tenant with the right end, every card copy shows who approved, alice is told', async () => {
    const reply = await bot.say('alice', 'elevate GA for 30m because restore the CA policy ticket INC-42');
    const id = requestIdIn(reply);
    expect(reply).toBe(`Request ${id} for Global Administrator is with the approvers.`);

    const card = bot.approvalCard(id);
    const asked = FakeChat.textOf(card.message);
    for (const fact of ['Requester: Alice Admin', 'Role: Global Administrator', 'Duration: 30m', 'Justification: restore the CA policy', 'Ticket: INC-42', 'Approvals: 0 of 1']) expect(asked).toContain(fact);
    expect(asked).toContain('Sign-in risk, last 24h:');
    expect(card.message.buttons?.map((b) => b.label)).toEqual(['Approve', 'Deny']);
    // The requester's own room has a status copy of the same card.
    const copies = bot.cardCopies(id);
    expect(copies.map((c) => c.ref.conversationId).sort()).toEqual([APPROVERS, INCIDENT_ROOM]);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);

    await bot.advance(2 * MINUTE);
    const approvedAt = bot.clock.now();
    expect(await bot.click('carol', button(card.message, 'elevation.approve'))).toBe('');

    // One adminAssign, AfterDuration, justification tagged with the bot's request id.
    expect(assignPosts()).toEqual([
      expect.objectContaining({
        principalId: tenant.sim.data.users.find((u) => u.userPrincipalName === 'adm-alice@contoso.com')?.id,
        roleDefinitionId: ROLE.globalAdministrator,
        justification: `[breakglass:${id}] restore the CA policy`,
        scheduleInfo: expect.objectContaining({ expiration: expect.objectContaining({ type: 'afterDuration', duration: 'PT30M' }) }),
        ticketInfo: expect.objectContaining({ ticketNumber: 'INC-42' }),
      }),
    ]);
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.globalAdministrator)).toEqual([
      expect.objectContaining({ startDateTime: iso(approvedAt), endDateTime: iso(approvedAt + 30 * MINUTE) }),
    ]);

    // Every copy updated in place (no new cards), approver named, Approve/Deny gone everywhere.
    expect(bot.cardCopies(id)).toHaveLength(2);
    for (const copy of bot.cardCopies(id)) {
      expect(copy.history.length).toBeGreaterThan(1);
      expect(FakeChat.textOf(copy.message)).toContain('Approved by Carol Admin at 15:02 UTC; active until 15:32 UTC.');
      expect(copy.message.buttons?.map((b) => b.actionId)).not.toEqual(expect.arrayContaining(['elevation.approve']));
      expect(copy.message.buttons?.map((b) => b.actionId)).not.toEqual(expect.arrayContaining(['elevation.deny']));
    }
    expect(bot.dmTexts('alice')).toEqual([expect.stringContaining('You have Global Administrator')]);
    expect(bot.dmTexts('alice')[0]).toContain(`It is removed automatically at 15:32 UTC. To end it early: revoke ${id}`);

    // Audit: the request, the approval and the grant, attributed.
    const audit = await db.storage.listAudit({ workflowId: id });
    expect(audit.map((a) => a.type)).toEqual(expect.arrayContaining(['elevation.requested', 'elevation.approve', 'effect.result']));
    expect(audit.find((a) => a.type === 'elevation.approve')?.actorEntraId).toBe(tenant.sim.data.users.find((u) => u.userPrincipalName === 'adm-carol@contoso.com')?.id);
  });

  it('with dmApprovers each approver also gets the card directly; one approval updates every copy in place', async () => {
    await bot.stop();
    const base = playgroundConfig();
    bot = await ElevationBot.create(tenant, { storage: db.storage, config: parseConfig({ ...base, elevation: { ...base.elevation, dmApprovers: true, pimMfaEvidenceMinutes: 0 } }, 'test config') });
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    expect(bot.cardCopies(id).map((c) => c.ref.conversationId).sort()).toEqual([APPROVERS, 'dm:carol', 'dm:erin', 'dm:judy', INCIDENT_ROOM]);
    const erinCopy = bot.chat.dmsTo('erin')[0]!;
    expect(erinCopy.message.buttons?.map((b) => b.label)).toEqual(['Approve', 'Deny']);

    expect(await bot.click('erin', button(erinCopy.message, 'elevation.approve'))).toBe('');
    expect(bot.cardCopies(id)).toHaveLength(5);
    for (const copy of bot.cardCopies(id)) {
      expect(FakeChat.textOf(copy.message)).toContain('Approved by Erin Example at 15:00 UTC');
      expect((copy.message.buttons ?? []).map((b) => b.label)).not.toContain('Approve');
    }
  });

  it('at the end of the duration the bot says it expired and confirms through Graph that the role is gone', async () => {
    const id = await approvedGa();
    const end = T0 + 32 * MINUTE;

    await bot.advance(30 * MINUTE - 1);
    expect(bot.notices(APPROVERS)).toEqual([]);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toHaveLength(1);

    const checksBefore = tenant.sim.requests.filter((r) => r.route === 'assignmentInstances').length;
    await bot.advance(1);
    expect(bot.clock.now()).toBe(end);
    expect(bot.notices(APPROVERS)).toEqual([expect.stringContaining("Alice Admin's Global Administrator elevation expired at 15:32 UTC. Checking with Microsoft Graph that the assignment is gone.")]);
    // The bot asked Graph, at the end time, for alice's GA assignments.
    const checks = tenant.sim.requests.filter((r) => r.route === 'assignmentInstances').slice(checksBefore);
    expect(checks).toEqual([expect.objectContaining({ method: 'GET', at: end, status: 200 })]);
    expect(decodeURIComponent(checks[0]!.query)).toContain(`roleDefinitionId eq '${ROLE.globalAdministrator}'`);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);
    expect(FakeChat.textOf(bot.approvalCard(id).message)).toContain('Ended at 15:32 UTC; Microsoft Graph confirms the role is gone.');
    expect(bot.approvalCard(id).message.buttons ?? []).toEqual([]);
    expect(bot.dmTexts('alice')).toEqual([expect.stringContaining('You have Global Administrator'), expect.stringContaining('Your Global Administrator elevation has ended')]);
    expect((await bot.context(id)).phase).toBe('ended');
    expect(removePosts()).toEqual([]);
  });

  it('if Graph still shows the role at the end, the bot raises the alarm instead of saying it is gone', async () => {
    const id = await approvedGa();
    // PIM failed to remove it: the assignment's end moved out of band.
    const held = tenant.sim.data.assignments.find((a) => a.roleDefinitionId === ROLE.globalAdministrator && a.endDateTime !== null)!;
    held.endDateTime = iso(T0 + 5 * 60 * MINUTE);

    await bot.advance(30 * MINUTE);
    expect(bot.notices('security')).toEqual([expect.stringContaining('ALERT: Global Administrator still assigned')]);
    const card = bot.approvalCard(id);
    expect(FakeChat.textOf(card.message)).toContain('ALERT: Alice Admin still holds Global Administrator after the elevation ended.');

    // An approver removes it from the card: adminRemove, then verified gone.
    expect(await bot.click('erin', button(card.message, 'elevation.revoke'))).toBe('');
    expect(removePosts()).toEqual([expect.objectContaining({ justification: expect.stringMatching(new RegExp(`^\\[breakglass:${id}\\] Revoked by Erin Example`)) })]);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);
    expect(FakeChat.textOf(bot.approvalCard(id).message)).toContain('Revoked by Erin Example');
    expect((await bot.context(id)).phase).toBe('revoked');
  });

  it('"Remove the role" pressed again after a first removal left a second stray assignment removes that one too', async () => {
    const id = await approvedGa();
    // Two leftovers: the bot's assignment never lapsed, and a second copy appeared out of band.
    const held = tenant.sim.data.assignments.find((a) => a.roleDefinitionId === ROLE.globalAdministrator && a.endDateTime !== null)!;
    held.endDateTime = iso(T0 + 5 * 60 * MINUTE);
    tenant.sim.data.assignments.push({ ...held, id: `${held.id}-copy`, roleAssignmentScheduleId: `${held.id}-copy` });

    await bot.advance(30 * MINUTE);
    expect((await bot.context(id)).phase).toBe('still-present');
    await bot.click('erin', button(bot.approvalCard(id).message, 'elevation.revoke'));
    expect(timeBoundAssignments(tenant.sim, 'alice')).toHaveLength(1);
    expect((await bot.context(id)).phase).toBe('still-present');

    await bot.click('erin', button(bot.approvalCard(id).message, 'elevation.revoke'));
    expect(removePosts()).toHaveLength(2);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);
    expect((await bot.context(id)).phase).toBe('revoked');
  });

  it('`revoke <id>` by the requester ends it early with adminRemove; others who are not approvers are refused', async () => {
    const id = await approvedGa();
    await bot.advance(5 * MINUTE);

    expect(await bot.say('bob', `revoke ${id}`)).toMatch(/^Only an approver or an admin can revoke this elevation\. \(ref [\w-]+\)$/);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toHaveLength(1);

    expect(await bot.say('alice', `revoke ${id.toLowerCase()}`)).toBe(`Request ${id} (Global Administrator) is being revoked.`);
    expect(removePosts()).toEqual([
      expect.objectContaining({ action: 'adminRemove', roleDefinitionId: ROLE.globalAdministrator, justification: `[breakglass:${id}] Revoked by Alice Admin` }),
    ]);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);
    for (const copy of bot.cardCopies(id)) {
      expect(FakeChat.textOf(copy.message)).toContain('Revoked by Alice Admin at 15:07 UTC; Microsoft Graph confirms the role is gone.');
      expect(copy.message.buttons ?? []).toEqual([]);
    }
    expect(bot.dmTexts('alice').at(-1)).toContain('Your Global Administrator elevation was revoked');

    // The end-of-duration timer went with it: nothing more happens at 15:32.
    const posted = bot.chat.messages.length;
    await bot.advance(60 * MINUTE);
    expect(bot.chat.messages.length).toBe(posted);
    expect(await bot.say('alice', `revoke ${id}`)).toBe(`This elevation was already revoked by Alice Admin at 15:07 UTC.`);
  });

  it('`elevations` lists pending and active requests with the time each has left', async () => {
    expect(await bot.say('carol', 'elevations')).toContain('No pending or active elevations.');
    const active = await approvedGa(); // 15:02 -> 15:32
    await bot.advance(10 * MINUTE); // 15:12
    const pending = requestIdIn(await bot.say('alice', 'elevate PRA for 1h because rotate the PIM approvers ticket INC-7'));
    await bot.advance(5 * MINUTE); // 15:17

    const list = await bot.say('carol', 'elevations');
    expect(list.split('\n')).toEqual([
      'Elevations',
      'Active (1)',
      `${active}: Global Administrator for Alice Admin: active, 15m left (until 15:32 UTC)`,
      'Pending (1)',
      `${pending}: Privileged Role Administrator for Alice Admin: waiting for approval (0 of 2); 40m left (until 15:57 UTC) to decide`,
      'As of 15:17 UTC',
    ]);
  });

  it('`elevations` reads each request\'s summary, not its snapshot, and summarises rows stored before summaries existed', async () => {
    await approvedGa();
    await bot.say('alice', 'elevate PRA for 1h because rotate the PIM approvers ticket INC-7');
    const expected = await bot.say('carol', 'elevations');
    expect(expected).toContain('Active (1)');
    expect(expected).toContain('Pending (1)');
    // The listing shows what the summary column says (a name changed there alone), so it read no snapshot.
    const rows = await db.query<{ id: string; summary: unknown }>('SELECT id, summary FROM workflows WHERE kind = ?', [ELEVATION_KIND]);
    for (const row of rows) {
      const summary = (typeof row.summary === 'string' ? JSON.parse(row.summary) : row.summary) as { requester: { name: string } };
      await db.exec('UPDATE workflows SET summary = ? WHERE id = ?', [JSON.stringify({ ...summary, requester: { ...summary.requester, name: 'Name From Summary' } }), row.id]);
    }
    expect(await bot.say('carol', 'elevations')).toBe(expected.replaceAll('Alice Admin', 'Name From Summary'));

    // Rows from before migration 8 have no summary: theirs comes from the snapshot.
    await db.exec('UPDATE workflows SET summary = NULL WHERE kind = ?', [ELEVATION_KIND]);
    expect(await bot.say('carol', 'elevations')).toBe(expected);
  });
});
