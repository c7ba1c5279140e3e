import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userId } from '../../../sim';
import type { AuditEntry } from '../../../bot/ports/storage';
import { FakeChat } from '../../fakes/fake-chat';
import { APPROVERS, incidentIdIn, MINUTE, requestIdIn, startTenant, T0, TestBot, type Tenant } from './support/bot-harness';

/** Timer name (xstate delay) and due time of each timer that fired, from the audit trail. */
function fired(audit: AuditEntry[]): Array<{ workflowId: string; timer: string; dueAt: number; firedAt: number }> {
  return audit
    .filter((e) => e.type === 'workflow.timer')
    .map((e) => {
      const event = (e.data as { event: { type: string; at: number } }).event;
      return { workflowId: e.workflowId ?? '', timer: /^xstate\.after\.(\w+)/.exec(event.type)?.[1] ?? event.type, dueAt: event.at, firedAt: e.at };
    });
}

/**
 * One bot stopped with an incident, a pending request and a granted role
 * all waiting on timers; a second bot started on the same SQLite file after
 * every one of them fell due. Each fires once, as soon as the new bot runs,
 * including the end of the granted role (which the bot then verifies in Graph).
 */
describe('a restart with timers pending (sequential bots on one SQLite file)', () => {
  let tenant: Tenant;
  let dir: string;
  beforeEach(async () => {
    tenant = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'bg-restart-'));
  });
  afterEach(async () => {
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires acknowledgement, stall, reminder, escalation, expiry and grant end once each, as soon as the bot is back', async () => {
    const sqlitePath = join(dir, 'breakglass.db');
    const chat = new FakeChat('playground');
    const first = await TestBot.start(tenant, { sqlitePath, chat, name: 'first' });
    const incident = incidentIdIn(await first.say('alice', 'start Global admins locked out'));
    const pending = requestIdIn(await first.say('bob', 'elevate GA for 30m because check the sign-in logs'));
    const granted = requestIdIn(await first.say('alice', 'elevate GA for 30m because restore the CA policy'));
    expect(await first.click('carol', first.card(`Elevation ${granted}:`, APPROVERS), 'elevation.approve')).toBe('');
    expect(tenant.sim.activeAssignments().filter((a) => a.principalId === userId('alice') && a.endDateTime !== null)).toHaveLength(1);
    await first.advance(2 * MINUTE);
    await first.stop({ keepFiles: true });
    const stoppedAt = tenant.clock.now();

    // Down for 48 minutes: every timer above falls due meanwhile.
    tenant.clock.advance(48 * MINUTE);
    const second = await TestBot.start(tenant, { sqlitePath, chat, name: 'second' });
    const restartedAt = tenant.clock.now();
    await second.bot.tick();
    await second.advance(MINUTE); // and a minute later nothing fires again
    const all = fired(await second.audit());
    await second.stop();
    rmSync(first.dir, { recursive: true, force: true });

    const of = (workflowId: string, timer: string) => all.filter((f) => f.workflowId === workflowId && f.timer === timer);
    expect(of(incident, 'ackTimeout').map((f) => f.dueAt - T0)).toEqual([10 * MINUTE, 20 * MINUTE]);
    expect(of(incident, 'stallTimeout').map((f) => f.dueAt - T0)).toEqual([30 * MINUTE]);
    expect(of(pending, 'remindAfter')).toHaveLength(1);
    expect(of(pending, 'escalateAfter')).toHaveLength(1);
    expect(of(pending, 'expireAfter')).toHaveLength(1);
    expect(of(granted, 'grantDuration').map((f) => f.dueAt - T0)).toEqual([30 * MINUTE]);
    // None before the restart (the first bot stopped first), all at once after it: late by the downtime, no more.
    for (const f of all.filter((x) => x.dueAt > stoppedAt)) expect(f.firedAt).toBe(restartedAt);
    const keys = all.map((f) => `${f.workflowId}/${f.timer}/${f.dueAt}`);
    expect(new Set(keys).size).toBe(keys.length);

    // Every message those timers cause, once.
    const posts = (conversation: string, pattern: RegExp) => chat.inConversation(conversation).filter((m) => pattern.test(FakeChat.textOf(m.message)));
    expect(chat.dmsTo('judy').filter((m) => /please acknowledge/.test(m.message.header?.title ?? ''))).toHaveLength(1);
    expect(posts(APPROVERS, new RegExp(`${pending}.*expired|expired.*${pending}`, 's'))).toHaveLength(1);
    expect(posts(APPROVERS, /ended|removed/i).filter((m) => FakeChat.textOf(m.message).includes(granted))).toHaveLength(1);
    const grantedView = await (async () => {
      const again = await TestBot.start(tenant, { sqlitePath, name: 'reader' });
      const view = await again.bot.runtime.get<{ phase: string }>(granted);
      await again.stop();
      return view;
    })();
    expect(grantedView?.context.phase).toBe('ended');
  });
});
