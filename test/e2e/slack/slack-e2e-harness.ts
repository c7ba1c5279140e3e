import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../../bot/config/env';
import type { Config } from '../../../bot/config/schema';
import type { InboundEvent } from '../../../bot/core/inbound-event';
import { createLogger, silentLogger, type Logger } from '../../../bot/core/logger';
import { createBot, type Bot } from '../../../app/create-bot';
import { FakeSlack, type FakeSlackMessage, type FakeSlackUser, type ResponseUrlPost } from '../../fakes/fake-slack';
import { appMention, blockActions, eventCallback, sendSigned, slashCommand, type SendOptions } from '../../support/slack-signing';
import { SLACK_CHANNELS, SLACK_IDS, slackConfig, slackUsers, type CastKey } from './slack-e2e-config';
import type { Answer } from '../../../bot/core/router';

/**
 * The real bot (createBot: Bolt receiver on its HTTP server, tenant simulator,
 * SQLite in a temp folder, outbox and timer loops) wired to a fake Slack Web
 * API. Tests talk to it only the way Slack does: signed HTTP requests.
 */
export interface SlackE2E {
  bot: Bot;
  fake: FakeSlack;
  config: Config;
  endpoint: string;
  secret: string;
  /** A signed `/breakglass <text>` from `as`; resolves once the bot answered the HTTP request (the ack). */
  slash(as: Who, text: string, options?: SlashOptions): Promise<Sent & { responseId: string; body: string }>;
  /** A signed block_actions click on a button the fake Slack holds in `card`, as Slack builds it. */
  click(as: Who, card: FakeSlackMessage, actionId: string, options?: ClickOptions): Promise<Sent & { responseId: string; body: string }>;
  /** A signed app_mention event: `<@bot> <text>`. */
  mention(as: Who, text: string, options?: { channel?: string; threadTs?: string; eventId?: string }): Promise<Sent & { eventId: string; body: string }>;
  /** Re-sends exactly the same body, as Slack's retries do (x-slack-retry-num). */
  resend(body: string, contentType: 'form' | 'json', retryNum: number): Promise<Sent>;
  /** Resolves when the router has finished with `count` deliveries carrying this key. */
  handled(deliveryKey: string, count?: number): Promise<void>;
  handledKeys(): string[];
  /** Resolves when nothing is left in the outbox (every effect ran). */
  settled(timeoutMs?: number): Promise<void>;
  /** The response_url post for a command or click. */
  response(responseId: string, timeoutMs?: number): Promise<ResponseUrlPost>;
  /** The bot's root message in a channel whose header contains `title`. */
  card(channel: string, title: string | RegExp, timeoutMs?: number): Promise<FakeSlackMessage>;
  /** The DM the bot sent a person whose header contains `title`. */
  dmCard(to: CastKey, title: string | RegExp, timeoutMs?: number): Promise<FakeSlackMessage>;
  stop(): Promise<void>;
}

export type Who = CastKey | { id: string; name: string };
export interface Sent {
  status: number;
}
export interface SlashOptions extends Pick<SendOptions, 'timestampSec' | 'signature' | 'secret'> {
  channel?: string;
  triggerId?: string;
}
export interface ClickOptions {
  /** Which of several buttons with this action id: its label contains this. */
  label?: string;
  /** What was typed into input boxes, by the input element's action_id (e.g. `reason`). */
  typed?: Record<string, string>;
  actionTs?: string;
}

export interface SlackE2EOptions {
  config?: Config;
  /** Extra Slack users (e.g. someone the config does not know). */
  users?: FakeSlackUser[];
  slackPacingMs?: number;
  /** Where the bot logs (default silent, or pino to stdout with LOG_LEVEL). */
  logger?: Logger;
}

const SECRET = 'e2e-signing-secret-4b1f9a7c';
let responses = 0;

export async function startSlackE2E(options: SlackE2EOptions = {}): Promise<SlackE2E> {
  const fake = await FakeSlack.start({ users: [...slackUsers(), ...(options.users ?? [])] });
  const dir = mkdtempSync(join(tmpdir(), 'breakglass-slack-e2e-'));
  const config = options.config ?? slackConfig();
  const env = readEnv({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: fake.apiUrl, BREAKGLASS_DB: join(dir, 'breakglass.db') });
  let bot: Bot;
  try {
    bot = await createBot({
      config,
      env,
      logger: options.logger ?? (process.env.LOG_LEVEL ? createLogger() : silentLogger),
      listen: { host: '127.0.0.1', port: 0 },
      loops: true,
      pollMs: 50,
      slackPacingMs: options.slackPacingMs ?? 20,
      exportDir: join(dir, 'exports'),
    });
  } catch (e) {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const endpoint = `${bot.server!.url}/slack/events`;

  // Instrumentation only: note when the router has finished with a delivery, so a
  // test can wait for a duplicate to be processed instead of sleeping.
  const done: string[] = [];
  const changes = new EventEmitter();
  changes.setMaxListeners(100);
  const route = bot.router.handle.bind(bot.router);
  bot.router.handle = async (event: InboundEvent, answer?: Answer) => {
    try {
      return await route(event, answer);
    } finally {
      done.push(event.deliveryKey);
      changes.emit('change');
    }
  };

  const who = (as: Who) => (typeof as === 'string' ? { id: SLACK_IDS[as], name: as } : as);

  const harness: SlackE2E = {
    bot,
    fake,
    config,
    endpoint,
    secret: SECRET,
    async slash(as, text, opts = {}) {
      const user = who(as);
      const responseId = `cmd-${++responses}`;
      const request = slashCommand({
        text,
        user_id: user.id,
        user_name: user.name,
        channel_id: opts.channel ?? SLACK_CHANNELS.security,
        response_url: fake.responseUrl(responseId),
        ...(opts.triggerId ? { trigger_id: opts.triggerId } : {}),
      });
      const res = await sendSigned(endpoint, SECRET, request, opts);
      return { status: res.status, responseId, body: request.body };
    },
    async click(as, card, actionId, opts = {}) {
      const user = who(as);
      const button = findButton(card, actionId, opts.label);
      const responseId = `click-${++responses}`;
      const request = blockActions({
        actionId: button.action_id,
        value: button.value,
        userId: user.id,
        userName: user.name,
        channelId: card.channel,
        messageTs: card.ts,
        ...(card.threadTs ? { threadTs: card.threadTs } : {}),
        responseUrl: fake.responseUrl(responseId),
        blocks: card.blocks ?? [],
        typed: typedState(card, opts.typed ?? {}),
        ...(opts.actionTs ? { actionTs: opts.actionTs } : {}),
      });
      const res = await sendSigned(endpoint, SECRET, request);
      return { status: res.status, responseId, body: request.body };
    },
    async mention(as, text, opts = {}) {
      const user = who(as);
      const request = eventCallback(appMention(`<@${fake.botUserId}> ${text}`, { user: user.id, channel: opts.channel ?? SLACK_CHANNELS.security, ...(opts.threadTs ? { threadTs: opts.threadTs } : {}) }), {
        ...(opts.eventId ? { eventId: opts.eventId } : {}),
      });
      const eventId = (JSON.parse(request.body) as { event_id: string }).event_id;
      const res = await sendSigned(endpoint, SECRET, request);
      return { status: res.status, eventId, body: request.body };
    },
    async resend(body, contentType, retryNum) {
      const res = await sendSigned(endpoint, SECRET, { body, contentType: contentType === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' }, { retryNum });
      return { status: res.status };
    },
    handled: (deliveryKey, count = 1) =>
      waitOn(changes, () => done.filter((k) => k === deliveryKey).length >= count, 8000, `${count} deliveries of ${deliveryKey}`),
    handledKeys: () => [...done],
    async settled(timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if ((await bot.storage.pendingEffectCount()) === 0) return;
        if (Date.now() > until) throw new Error('outbox did not drain');
        // Polled at about the outbox's own pace (pollMs 50).
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    response: (responseId, timeoutMs = 8000) => fake.waitForResponse(responseId, timeoutMs),
    card: (channel, title, timeoutMs = 8000) =>
      fake.waitFor(() => fake.messages(channel).find((m) => !m.threadTs && matches(headerOf(m), title)), timeoutMs, `a card "${String(title)}" in ${channel}`),
    dmCard: (to, title, timeoutMs = 8000) =>
      fake.waitFor(
        () => {
          const dm = fake.dmChannelOf(SLACK_IDS[to]);
          return dm ? fake.messages(dm).find((m) => matches(headerOf(m), title)) : undefined;
        },
        timeoutMs,
        `a DM "${String(title)}" to ${to}`,
      ),
    async stop() {
      await bot.stop();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

// ---- reading what the fake Slack holds ----

interface SlackButton {
  type: 'button';
  action_id: string;
  value: string;
  text?: { text?: string };
  url?: string;
}

interface AnyBlock {
  type?: string;
  block_id?: string;
  text?: { text?: string };
  fields?: Array<{ text?: string }>;
  elements?: Array<Record<string, unknown>>;
  element?: { action_id?: string };
  label?: { text?: string };
}

function blocksOf(message: FakeSlackMessage): AnyBlock[] {
  return (message.blocks ?? []) as AnyBlock[];
}

export function headerOf(message: FakeSlackMessage): string {
  return blocksOf(message).find((b) => b.type === 'header')?.text?.text ?? '';
}

/** Every text Slack would render from the message: header, sections, fields, context. */
export function textOf(message: FakeSlackMessage): string {
  const parts: string[] = [message.text ?? ''];
  for (const b of blocksOf(message)) {
    if (b.text?.text) parts.push(b.text.text);
    for (const f of b.fields ?? []) if (f.text) parts.push(f.text);
    if (b.type === 'context') for (const e of b.elements ?? []) if (typeof e.text === 'string') parts.push(e.text);
  }
  return parts.join('\n');
}

export function buttonsOf(message: FakeSlackMessage): SlackButton[] {
  return blocksOf(message)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []) as unknown as SlackButton[])
    .filter((e) => e.type === 'button');
}

export function inputsOf(message: FakeSlackMessage): AnyBlock[] {
  return blocksOf(message).filter((b) => b.type === 'input');
}

function findButton(card: FakeSlackMessage, actionId: string, label?: string): SlackButton {
  const found = buttonsOf(card).find((b) => b.action_id.replace(/#\d+$/, '') === actionId && (!label || (b.text?.text ?? '').includes(label)));
  if (!found) {
    const have = buttonsOf(card).map((b) => `${b.action_id} "${b.text?.text ?? ''}"`);
    throw new Error(`no ${actionId}${label ? ` "${label}"` : ''} button on the card; it has: ${have.join(', ') || 'none'}`);
  }
  return found;
}

/** state.values as Slack sends it: every input block of the message, keyed by block_id, then the element's action_id. */
function typedState(card: FakeSlackMessage, typed: Record<string, string>): Record<string, Record<string, string>> {
  const state: Record<string, Record<string, string>> = {};
  for (const block of inputsOf(card)) {
    const inputId = block.element?.action_id;
    if (block.block_id && inputId && typed[inputId] !== undefined) state[block.block_id] = { [inputId]: typed[inputId] };
  }
  return state;
}

function matches(text: string, wanted: string | RegExp): boolean {
  return typeof wanted === 'string' ? text.includes(wanted) : wanted.test(text);
}

function waitOn(changes: EventEmitter, probe: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!probe()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      changes.off('change', check);
    };
    changes.on('change', check);
    check();
  });
}
