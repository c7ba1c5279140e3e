import { createTestStorage, type DisposableTestStorage } from '../../support/storages';
import { createGraphPort } from '../../../adapters/graph/graph-port';
import { RequestPacer } from '../../../adapters/graph/request-pacer';
import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { userId, type PersonKey, startTenantSimulator, type TenantSimulator } from '../../../sim';
import { readEnv } from '../../../bot/config/env';
import type { Config } from '../../../bot/config/schema';
import type { GraphPort } from '../../../bot/ports/graph-port';
import type { ActionEvent, CommandEvent } from '../../../bot/core/inbound-event';
import { silentLogger, type Logger } from '../../../bot/core/logger';
import { NOTHING, type Outcome } from '../../../bot/core/outcome';
import { lineOf } from '../../fixtures/outcome-line';
import { createBot, type Bot } from '../../../app/create-bot';
import type { Button, Message } from '../../../bot/messages/message';
import { ManualClock } from '../../../bot/ports/clock';
import type { OutboxPolicy } from '../../../bot/runtime/outbox-policy';
import type { Storage } from '../../../bot/ports/storage';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import { FakeChat, type PostedMessage } from '../../fakes/fake-chat';
import { requireTestCa, WEDNESDAY_AFTERNOON } from '../../fakes/graph-sim-harness';

export const MINUTE = 60_000;
export const APPROVERS = 'approvers';
export const INCIDENT_ROOM = 'incident-room';

/** The simulated tenant and a GraphPort speaking to it over HTTPS, on one manual clock. */
export interface SimulatedTenant {
  sim: TenantSimulator;
  graph: GraphPort;
  clock: ManualClock;
}

export async function startTenant(clock = new ManualClock(WEDNESDAY_AFTERNOON)): Promise<SimulatedTenant> {
  requireTestCa();
  const sim = await startTenantSimulator({ scenario: 'quiet', clock });
  return { sim, graph: graphFor(sim, clock), clock };
}

/**
 * The real Graph adapter pointed at the simulator. The sign-in log pacer gets
 * a roomy limit: Graph's 5-per-10-s rule is wall-clock, and the manual clock
 * never moves by itself, so the default pacer would wait forever.
 */
export function graphFor(sim: TenantSimulator, clock: ManualClock): GraphPort {
  return createGraphPort({
    baseUrl: sim.graphBaseUrl,
    authorityHost: sim.authorityHost,
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    logger: silentLogger,
    clock,
    logPacer: new RequestPacer(clock, async () => undefined, 10_000),
  });
}

/** One bot built by createBot over a FakeChat, driving a (possibly shared) simulated tenant. */
export class ElevationBot {
  private seq = 0;
  /** What the router answered the last command or click. */
  lastReply: Outcome = NOTHING;
  constructor(
    readonly bot: Bot,
    readonly chat: FakeChat,
    readonly tenant: SimulatedTenant,
    private readonly name: string,
  ) {}

  /** `chat` is shared when several replicas post to the one chat workspace. */
  static async create(
    tenant: SimulatedTenant,
    options: { config?: Config; storage?: Storage; name?: string; chat?: FakeChat; logger?: Logger; outbox?: Partial<OutboxPolicy> } = {},
  ): Promise<ElevationBot> {
    const chat = options.chat ?? new FakeChat('playground');
    const bot = await createBot({
      // The simulator's GA demands MFA on activation; these suites are about other things, so the default
      // config turns the MFA evidence off (pim-mfa-on-activation.test.ts covers it with the real default).
      config: options.config ?? withoutPimMfaEvidence(playgroundConfig()),
      env: readEnv({}),
      logger: options.logger ?? silentLogger,
      clock: tenant.clock,
      graph: tenant.graph,
      chats: { playground: chat },
      listen: false,
      loops: false,
      ...(options.storage ? { storage: options.storage } : {}),
      ...(options.outbox ? { outbox: options.outbox } : {}),
    });
    return new ElevationBot(bot, chat, tenant, options.name ?? 'bot');
  }

  get clock(): ManualClock {
    return this.tenant.clock;
  }

  /** A person types a command in the incident room; returns the private reply text. */
  async say(who: PersonKey, text: string, conversationId = INCIDENT_ROOM): Promise<string> {
    const event: CommandEvent = {
      type: 'command',
      deliveryKey: `${this.name}:cmd:${++this.seq}:${who}`,
      actor: { platform: 'playground', platformUserId: who },
      place: { platform: 'playground', conversationId },
      receivedAt: this.clock.now(),
      text,
    };
    this.lastReply = await this.bot.router.handle(event);
    await this.bot.tick();
    return textOf(this.lastReply);
  }

  /** A person presses a button on a card; returns the private reply text ('' when the click just worked). */
  async click(who: PersonKey, button: Button, inputs?: Record<string, string>, options: { drain?: boolean; deliveryKey?: string } = {}): Promise<string> {
    const event: ActionEvent = {
      type: 'action',
      deliveryKey: options.deliveryKey ?? `${this.name}:click:${++this.seq}:${who}`,
      actor: { platform: 'playground', platformUserId: who },
      place: { platform: 'playground', conversationId: APPROVERS },
      receivedAt: this.clock.now(),
      actionId: button.actionId,
      value: button.value,
      ...(inputs ? { inputs } : {}),
    };
    this.lastReply = await this.bot.router.handle(event);
    if (options.drain !== false) await this.bot.tick();
    return textOf(this.lastReply);
  }

  /** Moves the shared clock and lets due timers and effects run. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.bot.tick();
  }

  /** The approval card in the approvers channel (the one card per request posted there). */
  approvalCard(requestId: string): PostedMessage {
    const card = this.chat.inConversation(APPROVERS).find((m) => m.message.fallbackText.startsWith(`Elevation ${requestId}:`));
    if (!card) throw new Error(`no approval card for ${requestId} in #${APPROVERS}; posted: ${this.chat.inConversation(APPROVERS).map((m) => m.message.fallbackText).join(' | ')}`);
    return card;
  }

  /** Every copy of the request's card wherever it was posted (channel, DMs, the requester's room). */
  cardCopies(requestId: string): PostedMessage[] {
    return this.chat.messages.filter((m) => m.message.fallbackText.startsWith(`Elevation ${requestId}:`));
  }

  /** Messages in `conversationId` other than the request's cards, as text. */
  notices(conversationId: string, requestId?: string): string[] {
    return this.chat
      .inConversation(conversationId)
      .filter((m) => !m.message.fallbackText.startsWith('Elevation '))
      .filter((m) => !requestId || FakeChat.textOf(m.message).includes(requestId))
      .map((m) => FakeChat.textOf(m.message));
  }

  dmTexts(who: PersonKey): string[] {
    return this.chat.dmsTo(who).map((m) => FakeChat.textOf(m.message));
  }

  async context(requestId: string): Promise<ElevationContext> {
    const view = await this.bot.runtime.get<ElevationContext>(requestId);
    if (!view) throw new Error(`no workflow ${requestId}`);
    return view.context;
  }

  async stop(): Promise<void> {
    await this.bot.stop();
  }
}

export function button(message: Message, actionId: string): Button {
  const found = message.buttons?.find((b) => b.actionId === actionId);
  if (!found) throw new Error(`no ${actionId} button on "${message.header?.title ?? message.fallbackText}" (buttons: ${(message.buttons ?? []).map((b) => b.actionId).join(', ') || 'none'})`);
  return found;
}

/** The request id the bot named in its reply to `elevate`. */
export function requestIdIn(reply: string): string {
  const id = /\b(EL-[A-Z0-9]{6})\b/.exec(reply)?.[1];
  if (!id) throw new Error(`no request id in "${reply}"`);
  return id;
}

export function textOf(result: Outcome): string {
  return result.kind === 'card' ? FakeChat.textOf(result.card) : (lineOf(result) ?? '');
}

/** Role assignments the simulator holds right now for a person (excluding standing ones). */
export function timeBoundAssignments(sim: TenantSimulator, who: PersonKey, roleDefinitionId?: string) {
  return sim.activeAssignments().filter((a) => a.principalId === userId(who) && a.endDateTime !== null && (!roleDefinitionId || a.roleDefinitionId === roleDefinitionId));
}

export interface ElevationWorld {
  tenant: SimulatedTenant;
  db: DisposableTestStorage;
  bot: ElevationBot;
}

/** A fresh simulator, SQLite store and bot for each test, torn down after it. */
export function eachElevationWorld(use: (world: ElevationWorld) => void): void {
  let world: ElevationWorld | undefined;
  beforeEach(async () => {
    const tenant = await startTenant();
    const db = await createTestStorage('sqlite');
    world = { tenant, db, bot: await ElevationBot.create(tenant, { storage: db.storage }) };
    use(world);
  });
  afterEach(async () => {
    await world?.bot.stop();
    await world?.db.dispose();
    await world?.tenant.sim.close();
  });
}

export function withoutPimMfaEvidence(config: Config): Config {
  return { ...config, elevation: { ...config.elevation, pimMfaEvidenceMinutes: 0 } };
}
