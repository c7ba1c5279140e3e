import type { PlaygroundChat } from '../adapters/playground/playground-chat';
import type { HttpMounts } from '../adapters/http/http-server';
import type { EnvSettings } from '../bot/config/env';
import type { Config } from '../bot/config/schema';
import type { ChatPort } from '../bot/ports/chat-port';
import type { GraphPort } from '../bot/ports/graph-port';
import type { EmailLookup } from '../bot/core/identity';
import type { InboundEvent } from '../bot/core/inbound-event';
import type { Logger } from '../bot/core/logger';
import type { Platform } from '../bot/core/platform';
import type { Outcome } from '../bot/core/outcome';
import type { Answer } from '../bot/core/router';
import type { Clock } from '../bot/ports/clock';
import type { Storage } from '../bot/ports/storage';
import { FollowUpLane } from '../bot/runtime/follow-up-lane';
import { createTeams } from './teams-adapter-setup';

/** Slack follow-ups (work after the ack) running at once; see FollowUpLane. */
const SLACK_FOLLOW_UPS = 4;

type SlackSdk = typeof import('../adapters/slack');
type TeamsSdk = typeof import('../adapters/teams');

export interface ChatPlatforms {
  chats: Partial<Record<Platform, ChatPort>>;
  emailLookups: Partial<Record<Platform, EmailLookup>>;
  slack?: { sdk: SlackSdk; port: InstanceType<SlackSdk['SlackChatPort']> };
  teams?: { sdk: TeamsSdk; adapter: ReturnType<typeof createTeams> };
  playground?: PlaygroundChat;
}

export interface ChatPlatformOptions {
  config: Config;
  env: EnvSettings;
  logger: Logger;
  storage: Storage;
  clock: Clock;
  /** Extra chat platforms (tests pass a fake). */
  extra?: Partial<Record<Platform, ChatPort>>;
  playground?: boolean;
  slackPacingMs?: number;
  /** Teams: installs the app for someone who never talked to the bot, before opening their chat. */
  graph?: Partial<Pick<GraphPort, 'installTeamsApp'>>;
}

/**
 * The outbound side of each configured chat platform. Each platform's SDK is
 * loaded only when that platform is configured: together they cost most of a
 * cold start.
 */
export async function connectChatPlatforms(options: ChatPlatformOptions): Promise<ChatPlatforms> {
  const { config, env, logger, storage, clock } = options;
  const platforms: ChatPlatforms = { chats: { ...options.extra }, emailLookups: {} };
  if (env.slack) {
    const sdk = await import('../adapters/slack');
    const port = new sdk.SlackChatPort({
      botToken: env.slack.botToken,
      ...(env.slack.apiUrl ? { apiUrl: env.slack.apiUrl } : {}),
      ...(options.slackPacingMs !== undefined ? { intervalMs: options.slackPacingMs } : {}),
      logger,
    });
    platforms.slack = { sdk, port };
    platforms.chats.slack = port;
    platforms.emailLookups.slack = (id) => port.lookupEmail(id);
  }
  if (env.teams || config.teams.disableAuth) {
    const sdk = await import('../adapters/teams');
    const adapter = createTeams(sdk, config, env, logger);
    platforms.teams = { sdk, adapter };
    platforms.chats.teams = new sdk.TeamsChatPort({
      adapter,
      getConversationRef: (k) => storage.getConversationRef(k),
      putConversationRef: (k, r) => storage.putConversationRef(k, r),
      homeTenantId: config.tenant.id,
      ...(config.teams.appCatalogId && options.graph?.installTeamsApp ? { installApp: (id: string) => options.graph!.installTeamsApp!(id, config.teams.appCatalogId!) } : {}),
    });
  }
  if (options.playground) {
    const { PlaygroundChat } = await import('../adapters/playground/playground-chat');
    platforms.playground = new PlaygroundChat(() => clock.now());
    platforms.chats.playground = platforms.playground;
  }
  return platforms;
}

/**
 * The inbound side: Slack's receiver (Events API over HTTP, or Socket Mode)
 * and the Teams endpoint, mounted on the one HTTP server. Returns what stops
 * Slack's receiver.
 */
export async function mountChatEndpoints(
  platforms: ChatPlatforms,
  mounts: HttpMounts,
  deps: { config: Config; env: EnvSettings; logger: Logger; storage: Storage; handle: (event: InboundEvent, answer?: Answer) => Promise<Outcome> },
): Promise<Array<() => Promise<void>>> {
  const { config, env, logger, storage } = deps;
  const closers: Array<() => Promise<void>> = [];
  if (env.slack && platforms.slack) {
    const slack = platforms.slack.sdk.createSlackReceiver({
      signingSecret: env.slack.signingSecret,
      botToken: env.slack.botToken,
      ...(env.slack.appToken ? { appToken: env.slack.appToken } : {}),
      ...(env.slack.apiUrl ? { apiUrl: env.slack.apiUrl } : {}),
      allowedTeamIds: config.slack.allowedTeamIds,
      logger,
      // No `identity` here: the router resolves every actor once; resolving here too asked Slack and Graph twice per unmapped click.
      // A few follow-ups at a time after the ack, so a burst of them cannot make each event-loop turn long (issue 17).
      onEvent: new FollowUpLane(SLACK_FOLLOW_UPS).wrap((event: InboundEvent) => deps.handle(event)),
    });
    await slack.start();
    closers.push(() => slack.stop());
    if (slack.router) mounts.slack = slack.router;
  }
  if (platforms.teams) {
    mounts.teams = platforms.teams.sdk.createTeamsEndpoint({
      adapter: platforms.teams.adapter,
      allowedTenants: config.teams.allowedTenants.length ? config.teams.allowedTenants : [config.tenant.id],
      onEvent: deps.handle,
      onConversationRef: (key, ref) => storage.putConversationRef(key, ref),
      getConversationRef: (key) => storage.getConversationRef(key),
    });
  }
  return closers;
}
