import { App, ExpressReceiver, type BlockAction } from '@slack/bolt';
import express, { type Application, type Router } from 'express';
import { BreakglassError } from '../../bot/core/errors';
import type { InboundEvent } from '../../bot/core/inbound-event';
import type { Logger } from '../../bot/core/logger';
import { outcomeReply, refusalOf, type Outcome } from '../../bot/core/outcome';
import type { Actor } from '../../bot/core/platform';
import type { Reply } from '../../bot/messages/message';
import { systemClock, type Clock } from '../../bot/ports/clock';
import { boltLogger } from './bolt-logger';
import { errorSummary } from './error-summary';
import { malformedPayloadHandler } from './malformed-payload';
import { actionFromBlockActions, commandFromMessage, commandFromSlash, type MessageLikeEvent } from './inbound-translate';
import { replyText } from './reply-text';
import { DEFAULT_MAX_BODY_BYTES, slackBodyErrorHandler, slackRequestGuard } from './request-guard';
import { isPlaceError } from './slack-errors';
import { boltClientOptions } from './slack-web-client';
import { verifyBotToken, type SlackBotIdentity } from './verify-bot-token';
import { workspaceGuard } from './workspace-guard';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackReceiverOptions {
  signingSecret: string;
  botToken: string;
  /** xapp-... token: use Socket Mode (no public URL, no HTTP endpoint). */
  appToken?: string;
  /** SLACK_API_URL; defaults to https://slack.com/api/. */
  apiUrl?: string;
  logger: Logger;
  /** Called after the ack; the reply (if any) goes back privately where Slack allows it. */
  /** The bot's answer; Slack shows a line (cards reach Slack through the outbox, never as an answer). */
  onEvent: (event: InboundEvent) => Promise<Outcome>;
  /** Fills in the actor's Entra object id before onEvent (bot/core/identity.ts IdentityResolver fits). */
  identity?: { resolve(actor: Actor): Promise<Actor> };
  /** Where slash commands, interactivity and events arrive; default /slack/events. */
  path?: string;
  maxBodyBytes?: number;
  clock?: Clock;
  /** Team (T…) / enterprise (E…) ids whose people may act; empty or unset: the bot token's own, from auth.test. */
  allowedTeamIds?: readonly string[];
}

export interface SlackReceiver {
  mode: 'http' | 'socket';
  /** The Bolt app (listeners registered; `app.client` is the bot-token Web API client). */
  app: App;
  /** HTTP mode: mount on the bot's express server, before any body parser. Undefined in Socket Mode. */
  router?: Router;
  /** HTTP mode: a standalone express app already serving `router`. */
  expressApp?: Application;
  /** Checks the token with auth.test (refusing to start on invalid_auth), then opens Socket Mode if set. */
  start(): Promise<SlackBotIdentity>;
  stop(): Promise<void>;
}

type Send = (reply: Reply) => Promise<unknown>;

export function createSlackReceiver(options: SlackReceiverOptions): SlackReceiver {
  const { logger, onEvent, identity } = options;
  const clock = options.clock ?? systemClock;
  const path = options.path ?? SLACK_EVENTS_PATH;
  const boltLog = boltLogger(logger);
  const clientOptions = boltClientOptions(options.apiUrl, logger);
  let ready = false;
  if (!options.appToken && !options.signingSecret) {
    throw new BreakglassError('config.invalid', 'SLACK_SIGNING_SECRET is empty; copy it from the Slack app’s Basic Information page.');
  }

  let router: Router | undefined;
  let receiver: ExpressReceiver | undefined;
  if (!options.appToken) {
    router = express.Router();
    router.post(path, ...slackRequestGuard({ maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, clock, isReady: () => ready, logger }));
    // Bolt appends its own verifying handler for `path` to this router; signature checks stay on (no option here turns them off).
    receiver = new ExpressReceiver({ signingSecret: options.signingSecret, logger: boltLog, endpoints: path, router, processEventErrorHandler: malformedPayloadHandler(logger) });
    // Scoped to the Slack path so errors from the host server's other routes are not answered here.
    router.use(path, slackBodyErrorHandler(logger));
  }

  const app = receiver
    ? new App({ token: options.botToken, receiver, logger: boltLog, clientOptions, deferInitialization: true })
    : new App({ token: options.botToken, appToken: options.appToken, socketMode: true, logger: boltLog, clientOptions, deferInitialization: true });

  // Nothing from another workspace reaches a listener; until start() learned home, nothing does.
  const allowedTeams = new Set<string>(options.allowedTeamIds ?? []);
  app.use(workspaceGuard(() => allowedTeams, logger));

  app.error(async (error) => {
    logger.error({ error: errorSummary(error) }, 'Slack listener failed');
  });

  async function deliver(event: InboundEvent, send: Send): Promise<void> {
    const log = logger.child({ deliveryKey: event.deliveryKey, type: event.type });
    let outcome: Outcome;
    try {
      const actor = identity ? await resolveActor(event.actor) : event.actor;
      outcome = await onEvent({ ...event, actor });
    } catch (e) {
      outcome = refusalOf(e, log, {}, errorSummary);
    }
    const reply = outcomeReply(outcome);
    if (!reply) return;
    await send(reply).catch((e: unknown) => {
      // The event was handled; only the answer could not be shown. Slack saying where it could not go (a user
      // not in the channel) is about that place, not a fault of ours.
      if (isPlaceError(e)) log.warn({ error: errorSummary(e) }, 'the reply could not be shown there');
      else log.error({ error: errorSummary(e) }, 'the reply could not be sent');
    });
  }

  async function resolveActor(actor: Actor): Promise<Actor> {
    try {
      return await identity!.resolve(actor);
    } catch (e) {
      // Unmapped is safe: the router refuses anything that needs a mapped person.
      logger.warn({ error: errorSummary(e), platformUserId: actor.platformUserId }, 'identity lookup failed; continuing unmapped');
      return actor;
    }
  }

  app.command(/.*/, async ({ ack, command, respond }) => {
    await ack();
    const event = commandFromSlash(command, clock.now());
    if (!event) return;
    await deliver(event, (reply) => respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', text: replyText(reply) }));
  });

  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, respond, context }) => {
    await ack();
    const send: Send = (reply) => respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, text: replyText(reply) });
    const translated = actionFromBlockActions(body, clock.now());
    if (translated.kind === 'needs-input') {
      // Asked once: a redelivery (x-slack-retry-num) of the same click must not ask again (no inbox entry: nothing ran).
      if (context.retryNum) return;
      await send({ text: `Fill in "${translated.label}" first, then press the button again.`, ephemeral: true }).catch((e: unknown) =>
        logger.error({ error: errorSummary(e) }, 'could not ask for the missing input'),
      );
      return;
    }
    if (translated.kind === 'event') await deliver(translated.event, send);
  });

  app.event('app_mention', async ({ event, body, context, client }) => {
    // In a DM the same text also arrives as message.im; answer it once, there.
    if (typeof event.channel === 'string' && event.channel.startsWith('D')) return;
    const inbound = commandFromMessage(event, body.event_id, context.botUserId, clock.now());
    if (!inbound) return;
    await deliver(inbound, (reply) =>
      reply.ephemeral && event.user
        ? client.chat.postEphemeral({ channel: event.channel, user: event.user, text: replyText(reply), ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}) })
        : client.chat.postMessage({ channel: event.channel, text: replyText(reply), thread_ts: event.thread_ts ?? event.ts }),
    );
  });

  app.event('message', async ({ event, body, context, client }) => {
    const message = event as MessageLikeEvent;
    const inbound = commandFromMessage(message, body.event_id, context.botUserId, clock.now());
    if (!inbound) return;
    // A DM is already private, so every reply is a normal message in it.
    await deliver(inbound, (reply) =>
      client.chat.postMessage({ channel: inbound.place.conversationId, text: replyText(reply), ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) }),
    );
  });

  return {
    mode: receiver ? 'http' : 'socket',
    app,
    router,
    expressApp: receiver?.app,
    async start() {
      const who = await verifyBotToken(app.client);
      if (allowedTeams.size === 0) {
        for (const id of [who.teamId, who.enterpriseId]) if (id) allowedTeams.add(id);
      }
      await app.init();
      if (!receiver) await app.start();
      ready = true;
      logger.info({ botUserId: who.botUserId, teamId: who.teamId, mode: receiver ? 'http' : 'socket' }, 'Slack connected');
      return who;
    },
    async stop() {
      ready = false;
      if (!receiver) await app.stop();
    },
  };
}
