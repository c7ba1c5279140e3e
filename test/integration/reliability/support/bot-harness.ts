import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGraphPort } from '../../../../adapters/graph/graph-port';
import { RequestPacer } from '../../../../adapters/graph/request-pacer';
import { playgroundConfig } from '../../../../adapters/playground/playground-config';
import { startTenantSimulator, type TenantSimulator } from '../../../../sim';
import { readEnv, type EnvSettings } from '../../../../bot/config/env';
import type { Config } from '../../../../bot/config/schema';
import type { GraphPort } from '../../../../bot/ports/graph-port';
import type { ActionEvent, CommandEvent, InboundEvent } from '../../../../bot/core/inbound-event';
import { silentLogger, type Logger } from '../../../../bot/core/logger';
import type { Outcome } from '../../../../bot/core/outcome';
import { lineOf } from '../../../fixtures/outcome-line';
import { createBot, type Bot, type BotOptions } from '../../../../app/create-bot';
import type { Button, Message } from '../../../../bot/messages/message';
import { ManualClock } from '../../../../bot/ports/clock';
import type { AuditEntry, Storage } from '../../../../bot/ports/storage';
import { FakeChat, type PostedMessage } from '../../../fakes/fake-chat';
import { requireTestCa } from '../../../fakes/graph-sim-harness';

/** 03:00 UTC on a Tuesday: when emergencies happen. */
export const T0 = Date.parse('2026-03-03T03:00:00Z');
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const ROOM = 'incident-room';
export const APPROVERS = 'approvers';

/** The simulated Contoso tenant and the real Graph adapter pointed at it, on one hand-moved clock. */
export interface Tenant {
  sim: TenantSimulator;
  graph: GraphPort;
  clock: ManualClock;
  /** Every wait the Graph adapter asked for (Retry-After, backoff); none really slept, each moved the clock. */
  sleeps: number[];
  close(): Promise<void>;
}

export async function startTenant(clock = new ManualClock(T0), options: { timeoutMs?: number } = {}): Promise<Tenant> {
  requireTestCa();
  const sim = await startTenantSimulator({ scenario: 'quiet', clock });
  const sleeps: number[] = [];
  const graph = createGraphPort({
    baseUrl: sim.graphBaseUrl,
    authorityHost: sim.authorityHost,
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    logger: silentLogger,
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    ...(options.timeoutMs ? { retry: { timeoutMs: options.timeoutMs } } : {}),
    // Graph's 5-per-10-s log limit is wall-clock; this clock only moves by hand.
    logPacer: new RequestPacer(clock, async () => undefined, 10_000),
  });
  return { sim, graph, clock, sleeps, close: () => sim.close() };
}

export interface TestBotOptions {
  config?: Config;
  storage?: Storage;
  /** SQLite file; default a fresh one in a temp folder. */
  sqlitePath?: string;
  env?: Partial<EnvSettings>;
  logger?: Logger;
  chat?: FakeChat;
  name?: string;
  extra?: Partial<BotOptions>;
}

/**
 * The whole bot from createBot (router, runtime, storage, Graph adapter) over
 * a FakeChat and the simulated tenant, driven by hand: every say/click is
 * followed by a tick, so what the bot posts is on the fake chat when it returns.
 */
export class TestBot {
  private seq = 0;
  private constructor(
    readonly bot: Bot,
    readonly chat: FakeChat,
    readonly tenant: Tenant,
    readonly dir: string,
    private readonly name: string,
  ) {}

  static async start(tenant: Tenant, options: TestBotOptions = {}): Promise<TestBot> {
    const dir = mkdtempSync(join(tmpdir(), 'bg-reliability-'));
    const chat = options.chat ?? new FakeChat('playground');
    const bot = await createBot({
      // The simulator's GA demands MFA on activation; these suites are not about that (elevation/pim-mfa-on-activation.test.ts is).
      config: options.config ?? { ...playgroundConfig(), elevation: { ...playgroundConfig().elevation, pimMfaEvidenceMinutes: 0 } },
      env: { ...readEnv({}), sqlitePath: options.sqlitePath ?? join(dir, 'breakglass.db'), ...options.env },
      logger: options.logger ?? silentLogger,
      clock: tenant.clock,
      graph: tenant.graph,
      chats: { playground: chat },
      listen: false,
      loops: false,
      exportDir: join(dir, 'exports'),
      ...(options.storage ? { storage: options.storage } : {}),
      ...options.extra,
    });
    return new TestBot(bot, chat, tenant, dir, options.name ?? 'bot');
  }

  get clock(): ManualClock {
    return this.tenant.clock;
  }

  command(who: string, text: string, where = ROOM, deliveryKey = this.nextKey('cmd', who)): CommandEvent {
    return { type: 'command', text, deliveryKey, actor: { platform: 'playground', platformUserId: who }, place: { platform: 'playground', conversationId: where }, receivedAt: this.clock.now() };
  }

  action(who: string, button: Pick<Button, 'actionId' | 'value'>, options: { inputs?: Record<string, string>; where?: string; message?: PostedMessage; deliveryKey?: string } = {}): ActionEvent {
    return {
      type: 'action',
      actionId: button.actionId,
      value: button.value,
      ...(options.inputs ? { inputs: options.inputs } : {}),
      ...(options.message ? { message: options.message.ref } : {}),
      deliveryKey: options.deliveryKey ?? this.nextKey('click', who),
      actor: { platform: 'playground', platformUserId: who },
      place: { platform: 'playground', conversationId: options.where ?? options.message?.ref.conversationId ?? ROOM },
      receivedAt: this.clock.now(),
    };
  }

  /** Delivers one event, then lets timers and effects run; returns the private reply text ('' for none). */
  async deliver(event: InboundEvent): Promise<string> {
    const result = await this.bot.router.handle(event);
    await this.bot.tick();
    return replyText(result);
  }

  say(who: string, text: string, where = ROOM): Promise<string> {
    return this.deliver(this.command(who, text, where));
  }

  /** Clicks a button on a message the fake chat holds (so the click carries that card's ref, as Slack and Teams do). */
  click(who: string, message: PostedMessage, actionIdOrLabel: string, inputs?: Record<string, string>): Promise<string> {
    return this.deliver(this.action(who, buttonOn(message.message, actionIdOrLabel), { message, ...(inputs ? { inputs } : {}) }));
  }

  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.bot.tick();
  }

  async audit(type?: string): Promise<AuditEntry[]> {
    const all = await this.bot.storage.listAudit({});
    return type ? all.filter((e) => e.type === type) : all;
  }

  /** The first card whose fallback text starts with `prefix`, in a conversation or anywhere. */
  card(prefix: string | RegExp, conversationId?: string): PostedMessage {
    const pool = conversationId ? this.chat.inConversation(conversationId) : this.chat.messages;
    const found = pool.find((m) => (typeof prefix === 'string' ? m.message.fallbackText.startsWith(prefix) : prefix.test(m.message.fallbackText)));
    if (!found) throw new Error(`no message matching ${String(prefix)}; seen: ${pool.map((m) => m.message.fallbackText.slice(0, 60)).join(' | ')}`);
    return found;
  }

  async stop(options: { keepFiles?: boolean } = {}): Promise<void> {
    await this.bot.stop();
    if (!options.keepFiles) rmSync(this.dir, { recursive: true, force: true });
  }

  private nextKey(kind: string, who: string): string {
    this.seq += 1;
    return `${this.name}:${kind}:${this.seq}:${who}`;
  }
}

export function replyText(result: Outcome): string {
  return result.kind === 'card' ? FakeChat.textOf(result.card) : (lineOf(result) ?? '');
}

/** A button by action id or label; fails listing what is there. */
export function buttonOn(message: Message, actionIdOrLabel: string): Button {
  const found = (message.buttons ?? []).find((b) => b.actionId === actionIdOrLabel || b.label === actionIdOrLabel);
  if (!found) throw new Error(`no button ${actionIdOrLabel} on "${message.fallbackText.slice(0, 80)}"; buttons: ${(message.buttons ?? []).map((b) => `${b.label} (${b.actionId})`).join(', ') || 'none'}`);
  return found;
}

/** The request id in the bot's answer to `elevate`. */
export function requestIdIn(reply: string): string {
  const id = /\b(EL-[A-Z0-9]+)\b/.exec(reply)?.[1];
  if (!id) throw new Error(`no request id in "${reply}"`);
  return id;
}

export function incidentIdIn(reply: string): string {
  const id = /\b(BG-[A-Z0-9]+)\b/.exec(reply)?.[1];
  if (!id) throw new Error(`no incident id in "${reply}"`);
  return id;
}
