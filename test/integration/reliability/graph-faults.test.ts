import { userId } from '../../../sim';
import type { Message } from '../../../bot/messages/message';
import { FakeChat, type PostedMessage } from '../../fakes/fake-chat';
import { APPROVERS, incidentIdIn, requestIdIn, ROOM, SECOND, startTenant, TestBot, type Tenant } from './support/bot-harness';

/** Done, not refused: nothing at all, or the one-line answer every command now gets (a refusal ends with its reference). */
function expectAccepted(reply: string): void {
  expect(reply).not.toMatch(/\(ref [0-9a-f]{8}\)/);
  expect(reply.split('\n')).toHaveLength(1);
}

/**
 * Microsoft Graph misbehaving (throttling, outages, slowness, dropped
 * connections, the token endpoint down) while the real bot runs a break-glass
 * incident and an elevation. Graph faults come from the tenant simulator's
 * fault injection, on the wire. The bot backs off, shows a degraded state
 * instead of failing, keeps the manual checklist working, and loses nothing
 * once Graph is back.
 */
describe('Graph faults during a break-glass incident', () => {
  let tenant: Tenant;
  let bot: TestBot;
  afterEach(async () => {
    await bot.stop();
    await tenant.close();
  });

  const calls = (route: string) => tenant.sim.requests.filter((r) => r.route === route);
  const checklist = (id: string): PostedMessage => bot.card(`Break-glass incident ${id}`, ROOM);
  const stepLine = (m: Message, n: number) => {
    for (const b of m.blocks) if (b.kind === 'checklist') return b.items.find((i) => i.n === n);
    return undefined;
  };

  it('throttled (Retry-After 30 s) and unavailable (503, no header): backs off, shows both steps degraded, the rest of the checklist works, retry succeeds once Graph is back', async () => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
    tenant.sim.injectFault('signIns', { kind: 'throttle', retryAfterSeconds: 30 });
    tenant.sim.injectFault('domains', { kind: 'unavailable', status: 503 });

    const id = incidentIdIn(await bot.say('alice', 'start Global admins locked out'));

    // Graph asked for 30 s: not waited in-process, not hammered (one request). 503: three retries with growing backoff.
    expect(calls('signIns').map((r) => r.status)).toEqual([429]);
    expect(calls('domains').map((r) => r.status)).toEqual([503, 503, 503, 503]);
    expect(tenant.sleeps).toEqual([500, 1_000, 2_000]);
    const card = checklist(id);
    expect(stepLine(card.message, 5)).toMatchObject({ state: 'failed', note: expect.stringContaining('Graph is unavailable') });
    expect(stepLine(card.message, 6)).toMatchObject({ state: 'failed', note: expect.stringContaining('Graph is unavailable') });
    const degraded = bot.chat.inConversation(ROOM).filter((m) => /Graph is unavailable/.test(m.message.header?.title ?? ''));
    expect(degraded).toHaveLength(2);
    expect(FakeChat.textOf(degraded[0]!.message)).toMatch(/do it by hand: Open the Entra admin center, Sign-in logs/);

    // The manual checklist does not wait for Graph.
    expectAccepted(await bot.say('alice', 'done 2'));
    expectAccepted(await bot.say('alice', 'done 4 case 2603030040001234'));
    expectAccepted(await bot.click('ivan', bot.chat.dmsTo('ivan')[0]!, 'breakglass.ack'));
    for (const n of [1, 2, 4]) expect(stepLine(checklist(id).message, n)?.state).toBe('done');

    // Retry pressed before Graph's 30 s are up: the bot does not call Graph into the throttle.
    await bot.advance(5 * SECOND);
    expectAccepted(await bot.click('alice', checklist(id), 'Retry sign-in review'));
    expect(calls('signIns')).toHaveLength(1);
    expect(stepLine(checklist(id).message, 5)?.state).toBe('failed');

    // Graph is back: the Retry buttons on the card redo exactly the failed steps.
    tenant.sim.clearFaults();
    await bot.advance(25 * SECOND);
    expectAccepted(await bot.click('alice', checklist(id), 'Retry sign-in review'));
    expectAccepted(await bot.click('alice', checklist(id), 'Retry domain check'));
    expect(stepLine(checklist(id).message, 5)?.state).toBe('done');
    expect(stepLine(checklist(id).message, 6)?.state).toBe('done');
    expect(calls('signIns').map((r) => r.status)).toEqual([429, 200]);
    expect(bot.chat.inConversation(ROOM).some((m) => m.message.header?.title.startsWith('Sign-in review'))).toBe(true);
  });

  it('keeps using the cached token while the token endpoint is down', async () => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
    const id = incidentIdIn(await bot.say('alice', 'start Global admins locked out'));
    const tokensBefore = calls('token').filter((r) => r.status === 200).length;
    expect(tokensBefore).toBe(1);

    tenant.sim.injectFault('token', { kind: 'unavailable', status: 503 });
    await bot.advance(10 * SECOND);
    expectAccepted(await bot.say('alice', 'signins --since 2h'));

    expect(calls('signIns').filter((r) => r.status === 200)).toHaveLength(2);
    expect(calls('token').filter((r) => r.status !== 200)).toHaveLength(0);
    expect(stepLine(checklist(id).message, 5)?.state).toBe('done');
  });

  it('a Graph that answers too slowly or drops the connection is a degraded step, not a hang or a crash', async () => {
    tenant = await startTenant(undefined, { timeoutMs: 300 });
    bot = await TestBot.start(tenant);
    tenant.sim.injectFault('domains', { kind: 'latency', ms: 1_000 });
    tenant.sim.injectFault('signIns', { kind: 'drop' });

    const id = incidentIdIn(await bot.say('alice', 'start Global admins locked out'));

    expect(stepLine(checklist(id).message, 5)?.state).toBe('failed');
    expect(stepLine(checklist(id).message, 6)?.state).toBe('failed');
    expect(calls('signIns')).toHaveLength(4);
    tenant.sim.clearFaults();
    expectAccepted(await bot.click('alice', checklist(id), 'Retry domain check'));
    expect(stepLine(checklist(id).message, 6)?.state).toBe('done');
  });
});

describe('Graph faults during an elevation', () => {
  let tenant: Tenant;
  let bot: TestBot;
  beforeEach(async () => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
  });
  afterEach(async () => {
    await bot.stop();
    await tenant.close();
  });

  const grants = () => tenant.sim.activeAssignments().filter((a) => a.principalId === userId('alice') && a.endDateTime !== null);
  const assignPosts = () => tenant.sim.data.requests.filter((r) => r.action === 'adminAssign' && r.principalId === userId('alice'));

  it('Graph down at the moment of the grant: the approval is kept, the card says so, Retry grants exactly once', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);
    tenant.sim.injectFault('assignmentRequests', { kind: 'unavailable', status: 503 });

    expectAccepted(await bot.click('carol', card, 'elevation.approve'));
    expect(grants()).toEqual([]);
    expect(FakeChat.textOf(card.message)).toMatch(/Approved by Carol Admin/);
    expect(card.message.buttons?.map((b) => b.actionId)).toContain('elevation.retry');
    expect(bot.chat.inConversation(APPROVERS).some((m) => m !== card && /Graph|Microsoft/.test(FakeChat.textOf(m.message)))).toBe(true);

    tenant.sim.clearFaults();
    expectAccepted(await bot.click('judy', card, 'elevation.retry'));
    expect(grants()).toHaveLength(1);
    expect(assignPosts().filter((r) => r.status !== 'Failed')).toHaveLength(1);
    expect(card.message.buttons?.map((b) => b.actionId)).not.toContain('elevation.retry');
  });

  it('the grant went through but its answer was lost: the bot finds it by its tag instead of granting again', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);
    tenant.sim.injectFault('assignmentRequests', { kind: 'drop', after: true, times: 1 });

    expectAccepted(await bot.click('carol', card, 'elevation.approve'));

    expect(grants()).toHaveLength(1);
    expect(assignPosts()).toHaveLength(1);
    expect(FakeChat.textOf(card.message)).toContain('active until 03:30 UTC');
    expect(bot.chat.dmsTo('alice').map((m) => FakeChat.textOf(m.message))).toEqual([expect.stringContaining('You have Global Administrator')]);
  });
});
