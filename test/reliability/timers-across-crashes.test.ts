import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../adapters/storage/open-storage';
import { playgroundConfig } from '../../adapters/playground/playground-config';
import { startTenantSimulator, type TenantSimulator } from '../../sim';
import type { AuditEntry } from '../../bot/ports/storage';
import { requireTestCa } from '../fakes/graph-sim-harness';
import { BotProcess, readChatLog } from './support/bot-process-driver';
import type { ChatLogLine } from './support/recording-chat';

const POLL_MS = 250;
/** Scheduling noise on a loaded CI machine, on top of what the guarantee allows. */
const TOLERANCE_MS = 2_000;
const CLIENT_SECRET = 'Ab18Q~timers0across0crashes0secret0000000';

/** A timer that fired, as the audit trail records it. */
interface Fired {
  workflowId: string;
  timer: string;
  dueAt: number;
  firedAt: number;
}

function firedTimers(audit: AuditEntry[]): Fired[] {
  return audit
    .filter((e) => e.type === 'workflow.timer')
    .map((e) => {
      const event = (e.data as { event: { type: string; at: number } }).event;
      return { workflowId: e.workflowId ?? '', timer: /^xstate\.after\.(\w+)/.exec(event.type)?.[1] ?? event.type, dueAt: event.at, firedAt: e.at };
    });
}

/**
 * The bot as a real process with its timer and outbox loops running on a
 * short poll, killed with SIGKILL while an incident's acknowledgement and
 * stall timers and an elevation's reminder, escalation and expiry are
 * pending, then started again on the same SQLite file. Every timer fires
 * exactly once, late by at most the poll interval plus the time the bot was
 * down, and each message it causes is sent once.
 */
describe('durable timers across SIGKILL and restart', () => {
  let dir: string;
  let sim: TenantSimulator;
  const lives: BotProcess[] = [];

  beforeAll(async () => {
    requireTestCa();
    dir = mkdtempSync(join(tmpdir(), 'bg-timers-'));
    sim = await startTenantSimulator({ scenario: 'quiet', clientSecret: CLIENT_SECRET });
  });
  afterAll(async () => {
    for (const life of lives) await life.kill().catch(() => undefined);
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function env(): Record<string, string> {
    const base = playgroundConfig();
    const config = {
      ...base,
      breakGlass: { ...base.breakGlass, ackTimeout: '3s', stallTimeout: '4s', mailboxReminder: '1h' },
      elevation: { ...base.elevation, remindAfter: '3s', escalateAfter: '5s', expireAfter: '8s' },
      graph: { ...base.graph, baseUrl: sim.graphBaseUrl, authorityHost: sim.authorityHost, source: 'tenant' },
    };
    return {
      BOT_DB: join(dir, 'breakglass.db'),
      BOT_CONFIG: JSON.stringify(config),
      CHAT_LOG: join(dir, 'chat.jsonl'),
      POLL_MS: String(POLL_MS),
      AZURE_TENANT_ID: sim.tenantId,
      AZURE_CLIENT_ID: sim.clientId,
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
    };
  }

  async function start(): Promise<BotProcess> {
    const life = await BotProcess.start(env());
    lives.push(life);
    return life;
  }

  async function audit(): Promise<AuditEntry[]> {
    // Read-only: next to a live bot, as `breakglass audit` runs.
    const storage = await openStorage({ sqlitePath: join(dir, 'breakglass.db'), readOnly: true });
    try {
      return await storage.listAudit({});
    } finally {
      await storage.close();
    }
  }

  async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > end) throw new Error(`timers did not fire in time: ${JSON.stringify(firedTimers(await audit()))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const say = (life: BotProcess, who: string, text: string, key: string) =>
    life.send({ type: 'command', text, deliveryKey: key, actor: { platform: 'playground', platformUserId: who }, place: { platform: 'playground', conversationId: 'incident-room' } });

  it('fires each pending timer once, no later than poll interval plus downtime, and sends each resulting message once', async () => {
    const first = await start();
    expect(await say(first, 'alice', 'start Global admins locked out', 'k-start')).toMatch(/^Incident BG-\w+ is open/);
    expect(await say(first, 'alice', 'elevate GA for 30m because restore the CA policy', 'k-elevate')).toMatch(/^Request EL-\w+ for Global Administrator is with the approvers\.$/);

    // Killed as soon as the first timer (a 3 s one) has fired, with the 4, 5, 6 and 8 s ones still pending.
    await until(async () => firedTimers(await audit()).length > 0);
    const killedAt = await first.kill();
    const beforeCrash = firedTimers(await audit());
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const second = await start();
    const downtime = second.readyAt - killedAt;
    // Wait for the rest, however loaded the machine: the checks below are about when each fired, not when we looked.
    const complete = (all: Fired[]) => ['remindAfter', 'escalateAfter', 'expireAfter'].every((t) => all.some((f) => f.timer === t)) && all.filter((f) => f.timer === 'ackTimeout').length >= 2;
    await until(async () => complete(firedTimers(await audit())), 30_000);
    // Timers fire in one transaction; the messages they cause leave through the outbox a poll or more later.
    await until(async () => everyMessageSeen(readChatLog(join(dir, 'chat.jsonl'))), 30_000);
    // A poll interval and more for anything that would wrongly fire or send twice.
    await new Promise((resolve) => setTimeout(resolve, 4 * POLL_MS));
    const fired = firedTimers(await audit());
    await second.kill();

    // Some fired before the crash, the rest after; none twice.
    expect(beforeCrash.length).toBeGreaterThan(0);
    expect(fired.length).toBeGreaterThan(beforeCrash.length);
    const keys = fired.map((f) => `${f.workflowId}/${f.timer}/${f.dueAt}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of beforeCrash) expect(keys).toContain(`${f.workflowId}/${f.timer}/${f.dueAt}`);

    const byTimer = (name: string) => fired.filter((f) => f.timer === name);
    expect(byTimer('remindAfter')).toHaveLength(1);
    expect(byTimer('escalateAfter')).toHaveLength(1);
    expect(byTimer('expireAfter')).toHaveLength(1);
    expect(byTimer('ackTimeout')).toHaveLength(2); // level 0 timed out, then level 1
    expect(byTimer('stallTimeout').length).toBeGreaterThanOrEqual(1);

    // Late by at most the poll interval, plus the downtime for a timer that fell due while no bot ran.
    const tooLate = fired.flatMap((f) => {
      const downtimeOwed = f.dueAt >= killedAt - POLL_MS && f.dueAt < second.readyAt ? second.readyAt - f.dueAt : 0;
      const late = f.firedAt - f.dueAt;
      return late < 0 || late > downtimeOwed + POLL_MS + TOLERANCE_MS ? [{ ...f, late, downtimeOwed }] : [];
    });
    expect(tooLate).toEqual([]);
    expect(downtime).toBeGreaterThan(2_000);

    // What people saw: each page, reminder, escalation and expiry exactly once.
    const seen = messagesSeen(readChatLog(join(dir, 'chat.jsonl')));
    for (const [what, count] of Object.entries(seen)) expect([what, count]).toEqual([what, 1]);
  });

  /** How often each message a person must see appears in the chat log. */
  function messagesSeen(chat: ChatLogLine[]): Record<string, number> {
    const dms = (who: string, title: RegExp) => chat.filter((l) => l.op === 'dm' && l.dmTo === who && title.test(l.title)).length;
    const approvers = chat.filter((l) => l.op === 'post' && l.conversationId === 'approvers');
    const toApprovers = (pattern: RegExp) => approvers.filter((l) => pattern.test(`${l.title} ${l.text}`)).length;
    return {
      'page to ivan': dms('ivan', /please acknowledge/),
      'page to judy': dms('judy', /please acknowledge/),
      'reminder to approvers': toApprovers(/remind/i),
      'escalation to approvers': toApprovers(/escalat/i),
      'expiry to approvers': toApprovers(/expired/i),
      'nobody acknowledged': chat.filter((l) => l.op === 'post' && /nobody acknowledged/i.test(`${l.title} ${l.text}`)).length,
    };
  }

  function everyMessageSeen(chat: ChatLogLine[]): boolean {
    return Object.values(messagesSeen(chat)).every((n) => n > 0);
  }
});
