import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playgroundConfig } from '../../../adapters/playground/playground-config';
import type { ScenarioName } from '../../../sim';
import { readEnv } from '../../../bot/config/env';
import type { Config } from '../../../bot/config/schema';
import { silentLogger } from '../../../bot/core/logger';
import type { Place } from '../../../bot/core/platform';
import { createBot, type Bot, type BotOptions } from '../../../app/create-bot';
import type { Button, Message } from '../../../bot/messages/message';
import { ManualClock } from '../../../bot/ports/clock';
import type { AuditEntry } from '../../../bot/ports/storage';
import { FakeChat, type PostedMessage } from '../../fakes/fake-chat';
import { lineOf } from '../../fixtures/outcome-line';

/** 03:00 UTC on a weekday: when these things happen. */
export const START = Date.parse('2026-03-03T03:00:00Z');
export const MINUTE = 60_000;
/** The playground channel incidents are started in unless a test says otherwise. */
export const ROOM = 'incident-room';

export interface HarnessOptions {
  /** The simulated tenant's scenario, chosen the way an operator does: GRAPH=simulator:<scenario>. */
  scenario?: ScenarioName;
  config?: Config;
  graphSettings?: BotOptions['graphSettings'];
  /** Where the bot logs; silent unless a test reads the log. */
  logger?: BotOptions['logger'];
}

/**
 * The whole bot (createBot: real router, runtime, SQLite, Graph adapter and
 * tenant simulator) with a fake chat platform and a hand-moved clock. People
 * act only as a user would: by typing commands and clicking buttons the fake
 * chat received. Every action is followed by a tick, so what the bot posts
 * is on the fake chat when the call returns.
 */
export class IncidentHarness {
  readonly chat = new FakeChat('playground');
  readonly clock = new ManualClock(START);
  readonly dir = mkdtempSync(join(tmpdir(), 'bg-incident-'));
  private deliveries = 0;
  private current: Bot | undefined;

  private constructor(private readonly options: HarnessOptions) {}

  static async start(options: HarnessOptions = {}): Promise<IncidentHarness> {
    const harness = new IncidentHarness(options);
    await harness.boot();
    return harness;
  }

  get bot(): Bot {
    if (!this.current) throw new Error('the bot is stopped');
    return this.current;
  }

  /** Types a command as `who` (a playground user id: alice, bob, carol, ivan, judy ...). Returns the private reply, if any. */
  async say(who: string, text: string, where: string | Place = ROOM, options: { tick?: boolean } = {}): Promise<string | undefined> {
    const place = typeof where === 'string' ? { platform: 'playground' as const, conversationId: where } : where;
    const result = await this.bot.router.handle({ type: 'command', text, deliveryKey: this.deliveryKey(), actor: { platform: 'playground', platformUserId: who }, place, receivedAt: this.clock.now() });
    // tick: false leaves the committed effects in the outbox, as a crash right after the commit would.
    if (options.tick !== false) await this.bot.tick();
    return lineOf(result);
  }

  /**
   * Clicks a button on a message in conversation `where` (a channel, or `dm:<user>` for a DM);
   * the event names that message, as Slack and Teams do.
   */
  async click(who: string, button: Button, inputs?: Record<string, string>, where: string = ROOM): Promise<string | undefined> {
    const same = (b: Button) => b.actionId === button.actionId && b.value === button.value && b.label === button.label;
    const on = [...this.chat.inConversation(where)].reverse().find((m) => m.history.some((version) => (version.buttons ?? []).some(same)));
    if (!on) throw new Error(`no message in ${where} ever showed the button "${button.label}"`);
    const result = await this.bot.router.handle({
      type: 'action',
      actionId: button.actionId,
      value: button.value,
      ...(inputs ? { inputs } : {}),
      message: on.ref,
      deliveryKey: this.deliveryKey(),
      actor: { platform: 'playground', platformUserId: who },
      place: { platform: 'playground', conversationId: where },
      receivedAt: this.clock.now(),
    });
    await this.bot.tick();
    return lineOf(result);
  }

  /** Starts an incident and returns its id, read from the checklist card the channel received. */
  async startIncident(who: string, text: string, where: string = ROOM, options: { tick?: boolean } = {}): Promise<string> {
    const reply = await this.say(who, text, where, options);
    const id = /Incident (BG-[A-Z0-9]+) is open/.exec(reply ?? '')?.[1];
    if (!id) throw new Error(`start was refused: ${reply}`);
    return id;
  }

  /** Lets simulated time pass; due timers fire and their messages are sent. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.bot.tick();
  }

  /** Stops the bot and starts a fresh one on the same database, chat platform and clock. */
  async restart(): Promise<void> {
    await this.bot.stop();
    this.current = undefined;
    await this.boot();
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The incident's checklist card as it stands now (updated in place). */
  checklist(incidentId: string): Message {
    return this.checklistPost(incidentId).message;
  }

  checklistPost(incidentId: string): PostedMessage {
    const found = this.chat.messages.find((m) => !m.dmTo && m.history[0]!.fallbackText.replace('[DRILL] ', '').startsWith(`Break-glass incident ${incidentId} `));
    if (!found) throw new Error(`no checklist card for ${incidentId}`);
    return found;
  }

  /** Messages posted under the checklist cards of a conversation: the notices people read. */
  notices(conversationId: string = ROOM): Message[] {
    const cards = new Set(this.chat.inConversation(conversationId).filter((m) => /^(\[DRILL\] )?Break-glass incident /.test(m.history[0]!.fallbackText)).map((m) => m.ref.messageId));
    return this.chat.inConversation(conversationId).filter((m) => !cards.has(m.ref.messageId)).map((m) => m.message);
  }

  /** The newest notice whose title contains `title`. */
  notice(title: string, conversationId: string = ROOM): Message {
    const found = this.notices(conversationId).filter((m) => m.header?.title.includes(title)).at(-1);
    if (!found) throw new Error(`no notice "${title}"; seen: ${this.notices(conversationId).map((m) => m.header?.title).join(' | ')}`);
    return found;
  }

  dms(who: string): PostedMessage[] {
    return this.chat.dmsTo(who);
  }

  /** Acknowledgement pages only (stall pings are DMs too). */
  pages(who: string): PostedMessage[] {
    return this.dms(who).filter((m) => m.history[0]?.header?.title === 'Break glass: please acknowledge');
  }

  async audit(type?: string): Promise<AuditEntry[]> {
    const all = await this.bot.storage.listAudit({});
    return type ? all.filter((e) => e.type === type) : all;
  }

  private deliveryKey(): string {
    this.deliveries += 1;
    return `test-delivery-${this.deliveries}`;
  }

  private async boot(): Promise<void> {
    const env = { ...readEnv(this.options.scenario ? { GRAPH: `simulator:${this.options.scenario}` } : {}), sqlitePath: join(this.dir, 'breakglass.db') };
    this.current = await createBot({
      config: this.options.config ?? playgroundConfig(),
      env,
      logger: this.options.logger ?? silentLogger,
      clock: this.clock,
      chats: { playground: this.chat },
      listen: false,
      loops: false,
      exportDir: join(this.dir, 'exports'),
      // Retries still happen against the simulator, just without the production backoff.
      graphSettings: { retry: { baseBackoffMs: 1 }, ...this.options.graphSettings },
    });
  }
}

/** Everything a person can read in a message, flattened. */
export function textOf(message: Message): string {
  return FakeChat.textOf(message);
}

/** The button labelled `label` on a message; fails listing the labels that are there. */
export function button(message: Message, label: string | RegExp): Button {
  const found = (message.buttons ?? []).find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
  if (!found) throw new Error(`no button "${String(label)}"; buttons: ${(message.buttons ?? []).map((b) => b.label).join(', ') || 'none'}`);
  return found;
}

export function labels(message: Message): string[] {
  return (message.buttons ?? []).map((b) => b.label);
}

/** The state of step n on a checklist card. */
export function stepState(message: Message, n: number): string | undefined {
  for (const block of message.blocks) if (block.kind === 'checklist') return block.items.find((i) => i.n === n)?.state;
  return undefined;
}

export function stepStates(message: Message): string[] {
  for (const block of message.blocks) if (block.kind === 'checklist') return block.items.map((i) => i.state);
  return [];
}
