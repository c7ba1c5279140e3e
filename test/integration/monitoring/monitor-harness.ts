import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLAYGROUND_CHANNELS, playgroundConfig } from '../../../adapters/playground/playground-config';
import type { ScenarioName, TenantSimulator } from '../../../sim';
import type { Config } from '../../../bot/config/schema';
import type { GraphPort } from '../../../bot/ports/graph-port';
import { silentLogger } from '../../../bot/core/logger';
import { createBot, type Bot } from '../../../app/create-bot';
import type { Button, Message } from '../../../bot/messages/message';
import type { PollReport } from '../../../bot/monitoring/monitor-poller';
import type { ManualClock } from '../../../bot/ports/clock';
import type { AuditEntry } from '../../../bot/ports/storage';
import { FakeChat, type PostedMessage } from '../../fakes/fake-chat';
import { startSimulatedGraph, type SimulatedGraph } from '../../fakes/graph-sim-harness';
import { lineOf } from '../../fixtures/outcome-line';

export const MINUTE = 60_000;
export const SECURITY = PLAYGROUND_CHANNELS.security;
export const ROOM = PLAYGROUND_CHANNELS.incident;

export interface MonitorHarnessOptions {
  scenario: ScenarioName;
  config?: Config;
  now?: number;
}

/**
 * The whole bot (createBot: router, runtime, real SQLite in a temp folder)
 * reading the tenant simulator through the real Graph adapter, with a fake
 * chat platform and a hand-moved clock. The simulator outlives restarts, as
 * a tenant does; a restart is a new bot on the same database file.
 */
export class MonitorHarness {
  readonly chat = new FakeChat('playground');
  readonly dir = mkdtempSync(join(tmpdir(), 'bg-monitor-'));
  private deliveries = 0;
  private current: Bot | undefined;

  private constructor(
    private readonly graph: SimulatedGraph,
    readonly config: Config,
  ) {}

  static async start(options: MonitorHarnessOptions): Promise<MonitorHarness> {
    const graph = await startSimulatedGraph({ scenario: options.scenario, ...(options.now ? { now: options.now } : {}) });
    const harness = new MonitorHarness(graph, options.config ?? playgroundConfig());
    await harness.boot();
    return harness;
  }

  get bot(): Bot {
    if (!this.current) throw new Error('the bot is stopped');
    return this.current;
  }

  get sim(): TenantSimulator {
    return this.graph.sim;
  }

  get clock(): ManualClock {
    return this.graph.clock;
  }

  get port(): GraphPort {
    return this.graph.port;
  }

  /** One monitor poll now, then the outbox runs: what it posted is on the fake chat. */
  async poll(): Promise<PollReport> {
    const report = await this.bot.monitor!.pollNow();
    if (!report) throw new Error('the poll did not get the lease');
    await this.bot.tick();
    return report;
  }

  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.bot.tick();
  }

  async say(who: string, text: string, where: string = ROOM): Promise<string | undefined> {
    const result = await this.bot.router.handle({ type: 'command', text, deliveryKey: this.deliveryKey(), actor: { platform: 'playground', platformUserId: who }, place: { platform: 'playground', conversationId: where }, receivedAt: this.clock.now() });
    await this.bot.tick();
    return lineOf(result);
  }

  async click(who: string, button: Button, inputs?: Record<string, string>, where: string = SECURITY): Promise<string | undefined> {
    const on = [...this.chat.messages].reverse().find((m) => (m.message.buttons ?? []).some((b) => b.actionId === button.actionId && b.value === button.value));
    const result = await this.bot.router.handle({
      type: 'action',
      actionId: button.actionId,
      value: button.value,
      ...(inputs ? { inputs } : {}),
      ...(on ? { message: on.ref } : {}),
      deliveryKey: this.deliveryKey(),
      actor: { platform: 'playground', platformUserId: who },
      place: { platform: 'playground', conversationId: where },
      receivedAt: this.clock.now(),
    });
    await this.bot.tick();
    return lineOf(result);
  }

  /** Alert cards in the security channel (latest version of each). */
  securityAlerts(): PostedMessage[] {
    return this.chat.inConversation(SECURITY).filter((m) => /^Alert AL-/.test(m.message.context ?? ''));
  }

  dms(who: string): PostedMessage[] {
    return this.chat.dmsTo(who);
  }

  async audit(type?: string): Promise<AuditEntry[]> {
    const all = await this.bot.storage.listAudit({});
    return type ? all.filter((e) => e.type === type) : all;
  }

  /** Stops the bot and starts a fresh one on the same database, chat platform, clock and tenant. */
  async restart(): Promise<void> {
    await this.bot.stop();
    this.current = undefined;
    await this.boot();
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
    await this.graph.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private deliveryKey(): string {
    this.deliveries += 1;
    return `monitor-test-${this.deliveries}`;
  }

  private async boot(): Promise<void> {
    this.current = await createBot({
      config: this.config,
      env: { sqlitePath: join(this.dir, 'breakglass.db') },
      logger: silentLogger,
      clock: this.clock,
      graph: this.port,
      chats: { playground: this.chat },
      listen: false,
      loops: false,
      monitor: true,
      exportDir: join(this.dir, 'exports'),
    });
  }
}

/** The alert id a card or page carries (its context line). */
export function alertIdOf(message: Message): string {
  const id = /Alert (AL-[A-Z0-9]+)/.exec(message.context ?? '')?.[1];
  if (!id) throw new Error(`not an alert message: ${message.fallbackText}`);
  return id;
}

export function ruleOf(message: Message): string {
  return /rule (\S+)/.exec(message.context ?? '')?.[1] ?? '';
}

export function button(message: Message, label: string): Button {
  const found = (message.buttons ?? []).find((b) => b.label === label);
  if (!found) throw new Error(`no button "${label}"; buttons: ${(message.buttons ?? []).map((b) => b.label).join(', ') || 'none'}`);
  return found;
}

export function textOf(message: Message): string {
  return FakeChat.textOf(message);
}
