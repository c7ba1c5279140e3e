import type { Activity } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBot, type Bot } from '../../../../app/create-bot';
import { readEnv } from '../../../../bot/config/env';
import { parseConfig } from '../../../../bot/config/load-config';
import type { Config } from '../../../../bot/config/schema';
import { silentLogger } from '../../../../bot/core/logger';
import { TENANT_ID } from '../../../../sim';
import { FakeSlack } from '../../../fakes/fake-slack';
import { startFakeBotConnector, type FakeBotConnector } from '../../../fakes/fake-bot-connector';
import { startFakeBotIssuer, type FakeBotIssuer } from '../../../fakes/fake-bot-issuer';
import type { TeamsWorld } from '../../../fixtures/teams/teams-activities';
import { sendSigned, type SlackRequest } from '../../../support/slack-signing';
import { SLACK_CHANNELS, slackConfig, slackUsers } from '../../slack/slack-e2e-config';
import { APP_ID, APP_SECRET, APPROVERS_CHANNEL, INCIDENTS_CHANNEL, TEAM_ID, teamsConfig } from '../../teams/support/teams-bot-world';

const SIGNING_SECRET = 'dual-platform-signing-secret-7c2e';

export interface DualPlatformWorld {
  bot: Bot;
  config: Config;
  slack: FakeSlack;
  connector: FakeBotConnector;
  issuer: FakeBotIssuer;
  teams: TeamsWorld;
  /** A signed request to the real Bolt receiver. */
  slackPost(request: SlackRequest): Promise<number>;
  /** An activity with a valid Bot Framework token to the real botbuilder adapter. */
  teamsPost(activity: Activity): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * ONE bot with both front doors open over HTTP on 127.0.0.1: the real Slack
 * receiver (Bolt, signed requests, the fake Slack Web API) and the real Teams
 * endpoint (botbuilder CloudAdapter, tokens from a local issuer, the fake Bot
 * Connector), one SQLite store, the tenant simulator. Each person has a Slack
 * id and a Teams id and one Entra object id: the attacks here are one person
 * acting as two. `configure` may change the config (an upper-case Entra id).
 */
export async function startDualPlatformWorld(configure: (config: Config) => Config = (c) => c): Promise<DualPlatformWorld> {
  const slack = await FakeSlack.start({ users: slackUsers() });
  const issuer = await startFakeBotIssuer({ clientId: APP_ID, clientSecret: APP_SECRET });
  const connector = await startFakeBotConnector({ verifyToken: (t) => issuer.verifyBotToken(t) });
  const dir = mkdtempSync(path.join(tmpdir(), 'bg-dual-platform-'));
  const onSlack = slackConfig();
  const onTeams = teamsConfig(issuer);
  const people = Object.fromEntries(Object.entries(onSlack.people).map(([key, person]) => [key, { ...person, teams: onTeams.people[key]?.teams }]));
  const config = configure(
    parseConfig(
      {
        ...onSlack,
        people,
        tenant: onTeams.tenant,
        teams: onTeams.teams,
        channels: {
          ...onSlack.channels,
          security: { slack: SLACK_CHANNELS.security, teams: TEAM_ID },
          approvers: { slack: SLACK_CHANNELS.approvers, teams: APPROVERS_CHANNEL },
        },
        // The simulator's Global Administrator policy demands MFA on activation; these tests are about who may approve.
        elevation: { ...onSlack.elevation, pimMfaEvidenceMinutes: 0 },
      },
      'dual-platform config',
    ),
  );
  const env = readEnv({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.apiUrl,
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: APP_SECRET,
    BREAKGLASS_DB: path.join(dir, 'breakglass.db'),
  });
  const closeFakes = async () => {
    await Promise.all([slack.close(), connector.close(), issuer.close()]);
    rmSync(dir, { recursive: true, force: true });
  };
  let bot: Bot;
  try {
    bot = await createBot({ config, env, logger: silentLogger, listen: { host: '127.0.0.1', port: 0 }, loops: true, pollMs: 50, slackPacingMs: 20, exportDir: path.join(dir, 'exports') });
  } catch (e) {
    await closeFakes();
    throw e;
  }
  const url = bot.server!.url;
  return {
    bot,
    config,
    slack,
    connector,
    issuer,
    teams: { appId: APP_ID, botName: 'breakglass', tenantId: TENANT_ID, serviceUrl: connector.serviceUrl, teamId: TEAM_ID, channelId: INCIDENTS_CHANNEL },
    slackPost: async (request) => (await sendSigned(`${url}/slack/events`, SIGNING_SECRET, request)).status,
    async teamsPost(activity) {
      const token = issuer.channelToken({ aud: APP_ID, serviceUrl: connector.serviceUrl });
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      await bot.stop();
      await closeFakes();
    },
  };
}
