import type { Activity } from 'botbuilder';
import { TENANT_ID } from '../../../sim';
import type { MessageRef } from '../../../bot/core/platform';
import { botAddedToTeam, cardAction, type TeamsUser, type TeamsWorld } from '../../fixtures/teams/teams-activities';
import { blockActions, slackSignature, slashCommand, type SlackRequest } from '../../support/slack-signing';
import type { LoadRequest } from '../lib/load-generator';
import { SLACK_CHANNELS, TEAMS_CHANNELS, type BenchUser } from './bench-config';

/** What the processes of one bench tell each other, and the requests the load generator sends. */

export const SLACK_SECRET = 'bench-signing-secret-6c1d0e';
export const TEAMS_APP_ID = '7e3b1c9a-2d4f-4b6e-8a1c-5f0e9d8c7b6a';
export const TEAMS_APP_SECRET = 'bench-bot-secret-value';
export const SLACK_PATH = '/slack/events';
export const TEAMS_PATH = '/api/messages';

export interface FakesInfo {
  slack: { apiUrl: string; botToken: string; responseBase: string };
  teams?: { issuerUrl: string; openIdMetadataUrl: string; channelIssuer: string; serviceUrl: string; token: string };
}

export interface ServerInfo {
  url: string;
}

/** The incident whose checklist card the clicks land on: the checkout was already confirmed, so another Confirm is refused. */
export interface PreparedCard {
  incidentId: string;
  card: MessageRef;
}

// ---- Slack ----

function signed(request: SlackRequest, nowSec: number): LoadRequest {
  return {
    path: SLACK_PATH,
    headers: { 'content-type': request.contentType, 'x-slack-request-timestamp': String(nowSec), 'x-slack-signature': slackSignature(SLACK_SECRET, nowSec, request.body) },
    body: request.body,
  };
}

/** The Slack commands a responder types that do real work and can be repeated: help, status, elevations. */
export const SLACK_COMMANDS = ['help', 'status', 'elevations'] as const;

/**
 * The Slack mix, in turn: `/breakglass help`, `status`, `elevations`, and a
 * click on Confirm of a checklist whose checkout was already confirmed (the
 * bot refuses it, audits it, re-renders the card in place and answers on
 * response_url). Each request comes from the next synthetic responder and
 * carries a fresh trigger_id / action_ts, so the inbox sees new deliveries.
 */
export function slackMix(count: number, users: readonly BenchUser[], fakes: FakesInfo, prepared: PreparedCard | undefined, offset = 0): LoadRequest[] {
  const nowSec = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    const user = users[i % users.length]!;
    const responseUrl = `${fakes.slack.responseBase}bench-${i}`;
    const kind = i % 4;
    if (kind === 3 && prepared) {
      return signed(
        blockActions({
          actionId: 'breakglass.confirm',
          value: prepared.incidentId,
          userId: user.slack,
          userName: user.key,
          channelId: prepared.card.conversationId,
          messageTs: prepared.card.messageId,
          responseUrl,
        }),
        nowSec,
      );
    }
    const text = SLACK_COMMANDS[kind % SLACK_COMMANDS.length]!;
    return signed(slashCommand({ text, user_id: user.slack, user_name: user.key, channel_id: SLACK_CHANNELS.security, channel_name: 'security', response_url: responseUrl }), nowSec);
  });
}

// ---- Teams ----

export function teamsWorld(serviceUrl: string): TeamsWorld {
  return { appId: TEAMS_APP_ID, botName: 'breakglass', tenantId: TENANT_ID, serviceUrl, teamId: TEAMS_CHANNELS.security, channelId: TEAMS_CHANNELS.security };
}

export function teamsUserOf(user: BenchUser): TeamsUser {
  return { teamsId: `29:1-${user.key}`, aadObjectId: user.entraObjectId, name: user.name };
}

function teamsRequest(activity: Activity, token: string): LoadRequest {
  return { path: TEAMS_PATH, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) };
}

/** The install that gives the bot its conversation reference for the team (as Teams sends it). */
export function teamsInstall(fakes: FakesInfo, installer: BenchUser): LoadRequest {
  const teams = fakes.teams!;
  return teamsRequest(botAddedToTeam(teamsWorld(teams.serviceUrl), teamsUserOf(installer)), teams.token);
}

/**
 * Teams invokes on the live checklist card: `refresh` is the card's automatic
 * refresh (answered with the checklist as it stands, rendered for the viewer);
 * `confirm` is a refused Confirm click (answered with the refusal after the
 * card is re-rendered in place through the Bot Connector).
 */
export function teamsInvokes(kind: 'refresh' | 'confirm', count: number, users: readonly BenchUser[], fakes: FakesInfo, prepared: PreparedCard, offset = 0): LoadRequest[] {
  const teams = fakes.teams!;
  const world = teamsWorld(teams.serviceUrl);
  return Array.from({ length: count }, (_, k) => {
    const user = teamsUserOf(users[(k + offset) % users.length]!);
    const refresh = kind === 'refresh';
    const activity = cardAction(
      { ...world, channelId: prepared.card.conversationId },
      user,
      { verb: refresh ? 'card.refresh' : 'breakglass.confirm', data: { value: prepared.incidentId } },
      { messageId: prepared.card.messageId, ...(prepared.card.threadId ? { threadRootId: prepared.card.threadId } : {}), trigger: refresh ? 'automatic' : 'manual' },
    );
    return teamsRequest(activity, teams.token);
  });
}
