import { ROLE } from '../../../sim';
import type { PersonKey } from '../../../sim';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import { FakeChat } from '../../fakes/fake-chat';
import { createTestStorage, postgresSkipReason, type DisposableTestStorage } from '../../support/storages';
import { button, ElevationBot, graphFor, MINUTE, requestIdIn, startTenant, timeBoundAssignments, type SimulatedTenant } from './elevation-harness';

const skip = postgresSkipReason();
if (skip) console.warn(skip);
const describePg = skip ? describe.skip : describe;

jest.setTimeout(30_000);

const APPROVER_KEYS: PersonKey[] = ['carol', 'erin', 'judy'];

/**
 * Two bot replicas (two createBot instances, two storages on one PostgreSQL
 * schema, one chat workspace) in front of one simulated tenant. Clicks land on
 * either replica at the same moment; the workflow's compare-and-set and the
 * outbox claim must leave exactly one decision and one Graph call.
 */
describePg('elevation clicks racing across two replicas on one PostgreSQL', () => {
  let tenant: SimulatedTenant;
  let db: DisposableTestStorage;
  let a: ElevationBot;
  let b: ElevationBot;
  beforeEach(async () => {
    tenant = await startTenant();
    db = await createTestStorage('postgres');
    const chat = new FakeChat('playground');
    a = await ElevationBot.create(tenant, { storage: db.storage, chat, name: 'a' });
    // The second replica has its own database pool and its own Graph client, like another process.
    b = await ElevationBot.create({ ...tenant, graph: graphFor(tenant.sim, tenant.clock) }, { storage: await db.openAnother(), chat, name: 'b' });
  });
  afterEach(async () => {
    await a.stop();
    await b.stop();
    await db.dispose();
    await tenant.sim.close();
  });

  // The HTTP POSTs Graph received: the simulator refuses a duplicate adminAssign (RoleAssignmentExists)
  // without recording it in data.requests, so counting those could never see a double grant attempt.
  const assignPosts = () => tenant.sim.requests.filter((r) => r.method === 'POST' && r.route === 'assignmentRequests');

  /** 20 clicks at once, alternating replicas; both replicas then run their outboxes at the same time. */
  async function race(id: string, click: (i: number) => { who: PersonKey; action: 'elevation.approve' | 'elevation.deny'; reason?: string; deliveryKey?: string }) {
    const card = a.approvalCard(id).message;
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const c = click(i);
        const replica = i % 2 === 0 ? a : b;
        return replica.click(c.who, button(card, c.action), c.reason ? { reason: c.reason } : undefined, { drain: false, ...(c.deliveryKey ? { deliveryKey: c.deliveryKey } : {}) });
      }),
    );
    await Promise.all([a.bot.tick(), b.bot.tick()]);
    await Promise.all([a.bot.tick(), b.bot.tick()]);
    return replies;
  }

  const decisions = (c: ElevationContext) => c.history.filter((h) => h.what === 'approved' || h.what === 'denied');

  it('20 simultaneous approve/deny clicks from three approvers: one decision, and a Graph assignment only if it was approve', async () => {
    const id = requestIdIn(await a.say('alice', 'elevate GA for 30m because restore the CA policy'));
    await a.advance(MINUTE);
    const replies = await race(id, (i) => ({
      who: APPROVER_KEYS[i % 3]!,
      action: i % 4 === 1 ? 'elevation.deny' : 'elevation.approve',
      ...(i % 4 === 1 ? { reason: `deny ${i}` } : {}),
    }));

    // Every click got either silence (it counted) or a polite sentence; none an error.
    for (const reply of replies) expect(reply).toMatch(/^$|^This request was already (approved|denied) by [A-Z][a-z]+ [A-Za-z]+ at 15:01 UTC|^You already approved/);
    expect(replies.filter((r) => r === '')).toHaveLength(1);

    const context = await a.context(id);
    expect(decisions(context)).toHaveLength(1);
    expect(context.decision?.by).toHaveLength(1);
    if (context.decision?.outcome === 'approved') {
      expect(context.phase).toBe('active');
      expect(assignPosts()).toHaveLength(1);
      expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.globalAdministrator)).toHaveLength(1);
    } else {
      expect(context.phase).toBe('denied');
      expect(assignPosts()).toEqual([]);
    }
    // One card in the channel, showing the one decision.
    expect(a.cardCopies(id).filter((c) => c.ref.conversationId === 'approvers')).toHaveLength(1);
    expect(FakeChat.textOf(a.approvalCard(id).message)).toContain(context.decision?.outcome === 'approved' ? 'Approved by' : 'Denied by');
  });

  it('20 simultaneous approvals (some the same delivery retried on both replicas): one approver counted, exactly one assignment', async () => {
    const id = requestIdIn(await a.say('alice', 'elevate GA for 30m because restore the CA policy'));
    await a.advance(MINUTE);
    const replies = await race(id, (i) => ({ who: APPROVER_KEYS[i % 3]!, action: 'elevation.approve', ...(i < 6 ? { deliveryKey: `slack-retry-${i % 3}` } : {}) }));
    // Silent: the winner, and the second delivery of each retried key (the inbox drops it whatever the first one's fate).
    expect(replies.filter((r) => r === '')).toHaveLength(1 + 3);

    const context = await b.context(id);
    expect(context.phase).toBe('active');
    expect(context.approvals).toHaveLength(1);
    expect(decisions(context)).toHaveLength(1);
    expect(assignPosts()).toHaveLength(1);
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.globalAdministrator)).toEqual([
      expect.objectContaining({ endDateTime: new Date(tenant.clock.now() + 30 * MINUTE).toISOString() }),
    ]);
    expect(a.chat.dmsTo('alice')).toHaveLength(1);
  });

  it('2-of-3 under a storm of approvals: exactly two different approvers, exactly one assignment', async () => {
    const id = requestIdIn(await b.say('alice', 'elevate PRA for 30m because rotate the PIM approvers ticket INC-7'));
    await b.advance(MINUTE);
    await race(id, (i) => ({ who: APPROVER_KEYS[i % 3]!, action: 'elevation.approve' }));
    const context = await a.context(id);
    expect(context.phase).toBe('active');
    expect(new Set(context.approvals.map((v) => v.actor.id)).size).toBe(2);
    expect(context.approvals).toHaveLength(2);
    expect(assignPosts()).toHaveLength(1);
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.privilegedRoleAdministrator)).toHaveLength(1);
  });
});
