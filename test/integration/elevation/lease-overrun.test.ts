import { setTimeout as sleep } from 'node:timers/promises';
import { ROLE } from '../../../sim';
import { capturingLogger } from '../../unit/runtime/runtime-harness';
import { FakeChat } from '../../fakes/fake-chat';
import { createTestStorage, postgresSkipReason, type DisposableTestStorage } from '../../support/storages';
import { button, ElevationBot, graphFor, MINUTE, requestIdIn, startTenant, timeBoundAssignments, type SimulatedTenant } from './elevation-harness';

const skip = postgresSkipReason();
if (skip) console.warn(skip);
const describePg = skip ? describe.skip : describe;

jest.setTimeout(30_000);

const LEASE_MS = 60_000;
/** How long the simulator holds its answer to replica A's POST (the grant itself is made at once). */
const SLOW_ANSWER_MS = 1_500;

/**
 * Two replicas on one PostgreSQL database. Replica A claims the grant effect and
 * sends the POST; Graph makes the grant but its answer is slow, and A, standing in
 * for a stalled process (no lease renewal), outlives its lease. Replica B takes the
 * effect over. The grant must be made once (the simulator's POSTs are counted) and
 * A's late hand-back must be refused.
 */
describePg('a grant whose first replica outlives its lease, on PostgreSQL', () => {
  let tenant: SimulatedTenant;
  let db: DisposableTestStorage;
  let a: ElevationBot;
  let b: ElevationBot;
  const aLog = capturingLogger();
  beforeEach(async () => {
    tenant = await startTenant();
    db = await createTestStorage('postgres');
    const chat = new FakeChat('playground');
    a = await ElevationBot.create(tenant, { storage: db.storage, chat, name: 'a', logger: aLog.logger, outbox: { leaseMs: LEASE_MS, renewEveryMs: 0 } });
    b = await ElevationBot.create({ ...tenant, graph: graphFor(tenant.sim, tenant.clock) }, { storage: await db.openAnother(), chat, name: 'b', outbox: { leaseMs: LEASE_MS } });
  });
  afterEach(async () => {
    await a.stop();
    await b.stop();
    await db.dispose();
    await tenant.sim.close();
  });

  const assignPosts = () => tenant.sim.requests.filter((r) => r.method === 'POST' && r.route === 'assignmentRequests');

  it('runs the grant once: B finds A’s grant instead of posting again, and A’s late completion is refused', async () => {
    const id = requestIdIn(await a.say('alice', 'elevate GA for 30m because restore the CA policy'));
    await a.advance(MINUTE);
    tenant.sim.faults.inject('assignmentRequests', { kind: 'latency', ms: SLOW_ANSWER_MS, after: true, method: 'POST', times: 1 });
    expect(await a.click('carol', button(a.approvalCard(id).message, 'elevation.approve'), undefined, { drain: false })).toBe('');

    // A runs the grant; its POST reaches Graph (and is made) but the answer is slow.
    const aRun = a.bot.tick();
    await waitUntil(() => tenant.sim.data.requests.some((r) => r.action === 'adminAssign'), 'the grant to be made in the tenant');
    // A stalls past its lease; B takes the effect over.
    tenant.clock.advance(LEASE_MS + 1_000);
    await b.bot.tick();
    await aRun;
    await Promise.all([a.bot.tick(), b.bot.tick()]);

    expect(assignPosts()).toHaveLength(1);
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.globalAdministrator)).toHaveLength(1);
    const context = await b.context(id);
    expect(context.phase).toBe('active');
    expect(context.history.filter((h) => h.what === 'granted' || h.what === 'activated')).toHaveLength(1);
    expect(aLog.lines().some((l) => l.msg === 'late effect completion refused: lease lost')).toBe(true);
    expect(await db.storage.pendingEffectCount()).toBe(0);
  });
});

async function waitUntil(done: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
