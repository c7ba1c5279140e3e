import type { Activity } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { playgroundConfig } from '../../../../adapters/playground/playground-config';
import { userKey } from '../../../../adapters/teams/conversation-keys';
import { PEOPLE, TENANT_ID, userId, type PersonKey } from '../../../../sim';
import { readEnv } from '../../../../bot/config/env';
import { parseConfig } from '../../../../bot/config/load-config';
import type { Config } from '../../../../bot/config/schema';
import { createLogger } from '../../../../bot/core/logger';
import { createBot, type Bot } from '../../../../app/create-bot';
import { ManualClock } from '../../../../bot/ports/clock';
import { startFakeBotConnector, type FakeBotConnector } from '../../../fakes/fake-bot-connector';
import { startFakeBotIssuer, type FakeBotIssuer } from '../../../fakes/fake-bot-issuer';
import { botInstalledPersonal, type TeamsUser, type TeamsWorld } from '../../../fixtures/teams/teams-activities';

export const APP_ID = '5d1c7a2e-3f4b-4a6c-9d8e-7f6a5b4c3d2e';
export const APP_SECRET = 'e2e-bot-secret-value';

/** The Security team the bot is installed in; General's conversation id is the team id. */
export const TEAM_ID = '19:general-security@thread.tacv2';
export const INCIDENTS_CHANNEL = '19:channel-incidents@thread.tacv2';
export const APPROVERS_CHANNEL = '19:channel-approvers@thread.tacv2';

/** A playground cast member as Teams sees them: a 29: id and their Entra object id. */
export function teamsUser(key: PersonKey): TeamsUser {
  return { teamsId: `29:1-${key}-teams-id`, aadObjectId: userId(key), name: PEOPLE[key].displayName };
}

/**
 * The playground cast on Teams: each person's `teams` id is their Entra object
 * id (Teams activities carry it as from.aadObjectId), the security channel is
 * the team's General channel, approvers have their own channel, and inbound
 * auth runs against the local issuer, which is also the outbound authority.
 */
export function teamsConfig(issuer: FakeBotIssuer): Config {
  // The simulator's GA demands MFA on activation; these suites are not about that (elevation/pim-mfa-on-activation.test.ts is).
  const base = { ...playgroundConfig(), elevation: { ...playgroundConfig().elevation, pimMfaEvidenceMinutes: 0 } };
  const people = Object.fromEntries(Object.entries(base.people).map(([key, person]) => [key, { ...person, teams: person.entraObjectId }]));
  return parseConfig(
    {
      ...base,
      tenant: { id: TENANT_ID, name: 'Contoso (simulated)' },
      people,
      channels: { ...base.channels, security: { teams: TEAM_ID }, approvers: { teams: APPROVERS_CHANNEL } },
      teams: { allowedTenants: [TENANT_ID], openIdMetadataUrl: issuer.openIdMetadataUrl, tokenIssuer: issuer.channelIssuer, authorityHost: issuer.url, serviceUrlAllowList: ['http://127.0.0.1'] },
    },
    'teams e2e config',
  );
}

export interface TeamsBotWorld {
  issuer: FakeBotIssuer;
  connector: FakeBotConnector;
  clock: ManualClock;
  /** The running bot; replaced by restart(). */
  bot: Bot;
  /** Activities' shared fields: app, tenant, serviceUrl, the team and the incidents channel. */
  world: TeamsWorld;
  logs: Array<Record<string, unknown>>;
  /** POST an activity with a valid channel token unless `token` is given ('' = no header). */
  post(activity: Activity, token?: string): Promise<{ status: number; body: unknown }>;
  validToken(): string;
  /** Stops the bot and starts a new one on the same SQLite file (same clock, same fakes). */
  restart(): Promise<Bot>;
  close(): Promise<void>;
}

/**
 * The whole bot (createBot: real HTTP server, real SQLite file, the tenant
 * simulator, timers driven by tick()) with Teams auth ON, a local issuer and
 * a fake Bot Connector as the activities' serviceUrl.
 */
export interface TeamsBotWorldOptions {
  /**
   * The app's catalog id: the bot installs it through the simulator's Graph,
   * and the fake Bot Connector opens 1:1 chats only for people who have it.
   */
  appCatalogId?: string;
}

export async function startTeamsBotWorld(options: TeamsBotWorldOptions = {}): Promise<TeamsBotWorld> {
  const issuer = await startFakeBotIssuer({ clientId: APP_ID, clientSecret: APP_SECRET });
  const holder: { bot?: Bot } = {};
  const catalogId = options.appCatalogId;
  const hasApp = catalogId ? (id: string) => holder.bot?.simulator?.hasTeamsApp(id, catalogId) ?? false : undefined;
  const connector = await startFakeBotConnector({ verifyToken: (t) => issuer.verifyBotToken(t), ...(hasApp ? { hasApp } : {}) });
  const dir = mkdtempSync(path.join(tmpdir(), 'bg-teams-e2e-'));
  const sqlitePath = path.join(dir, 'breakglass.db');
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    }),
  });
  const base = teamsConfig(issuer);
  const config = catalogId ? { ...base, teams: { ...base.teams, appCatalogId: catalogId } } : base;
  const env = readEnv({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: APP_SECRET, BREAKGLASS_DB: sqlitePath, GRAPH: 'simulator:quiet' });
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  const start = () => createBot({ config, env, logger, clock, listen: { host: '127.0.0.1', port: 0 }, loops: false, exportDir: path.join(dir, 'exports') });

  const stopFakes = async () => {
    await connector.close();
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const state = { bot: await start().catch(async (e: unknown) => stopFakes().then(() => Promise.reject(e))) };
  holder.bot = state.bot;
  const world: TeamsWorld = { appId: APP_ID, botName: 'breakglass', tenantId: TENANT_ID, serviceUrl: connector.serviceUrl, teamId: TEAM_ID, channelId: INCIDENTS_CHANNEL };
  const validToken = (): string => issuer.channelToken({ aud: APP_ID, serviceUrl: connector.serviceUrl });

  return {
    issuer,
    connector,
    clock,
    get bot() {
      return state.bot;
    },
    world,
    logs,
    validToken,
    async post(activity, token = validToken()) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(`${state.bot.server!.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body };
    },
    async restart() {
      await state.bot.stop();
      state.bot = await start();
      holder.bot = state.bot;
      return state.bot;
    },
    async close() {
      await state.bot.stop();
      await stopFakes();
    },
  };
}

/** `user` installs the app for themselves; resolves once the bot has kept their 1:1 chat (it answers 200 first). */
export async function installPersonally(w: TeamsBotWorld, user: TeamsUser): Promise<void> {
  const res = await w.post(botInstalledPersonal(w.world, user));
  if (res.status !== 200) throw new Error(`install for ${user.name} answered ${res.status}`);
  await eventually(() => w.bot.storage.getConversationRef(userKey(user.aadObjectId)), `the 1:1 chat of ${user.name} to be stored`);
}

/** Waits for work the bot does after it acknowledged a request (Teams gets 200 first). */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
