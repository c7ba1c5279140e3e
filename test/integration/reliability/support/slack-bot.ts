import { Writable } from 'node:stream';
import { playgroundConfig } from '../../../../adapters/playground/playground-config';
import { PEOPLE, type PersonKey } from '../../../../sim';
import { readEnv } from '../../../../bot/config/env';
import { parseConfig } from '../../../../bot/config/load-config';
import type { Config } from '../../../../bot/config/schema';
import { createLogger } from '../../../../bot/core/logger';
import { createBot, type Bot, type BotOptions } from '../../../../app/create-bot';
import { FakeSlack } from '../../../fakes/fake-slack';
import type { Tenant } from './bot-harness';

export const SIGNING_SECRET = 'reliability-signing-secret-5d1e';
export const SLACK_CHANNELS = { room: 'C0INCIDENT', security: 'C0SECURITY', approvers: 'C0APPROVER' } as const;
/** The playground cast with Slack ids of one workspace. */
export const SLACK_USERS: Partial<Record<PersonKey, string>> = { alice: 'U0ALICE01', bob: 'U0BOB0001', carol: 'U0CAROL01', erin: 'U0ERIN001', ivan: 'U0IVAN001', judy: 'U0JUDY001' };

export function slackConfig(): Config {
  const base = playgroundConfig();
  const people = Object.fromEntries(Object.entries(base.people).map(([key, p]) => [key, { ...p, slack: SLACK_USERS[key as PersonKey] }]));
  return parseConfig(
    { ...base, people, channels: { security: { slack: SLACK_CHANNELS.security }, approvers: { slack: SLACK_CHANNELS.approvers } } },
    'reliability slack config',
  );
}

export interface SlackBot {
  bot: Bot;
  slack: FakeSlack;
  /** POST /slack/events on the bot's own HTTP server. */
  endpoint: string;
  /** Parsed pino lines the bot wrote. */
  logs: Array<{ level: number; msg: string; [k: string]: unknown }>;
  stop(): Promise<void>;
}

/** The whole bot serving Slack over HTTP on 127.0.0.1 (createBot's own server), against a fake Slack Web API and the simulated tenant. */
export async function startSlackBot(tenant: Tenant, options: Partial<BotOptions> = {}): Promise<SlackBot> {
  const slack = await FakeSlack.start({
    users: Object.entries(SLACK_USERS).map(([key, id]) => ({ id: id!, name: key, email: PEOPLE[key as PersonKey].upn })),
  });
  const logs: SlackBot['logs'] = [];
  const logger = createLogger({ level: 'info', destination: new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(JSON.parse(chunk.toString()) as SlackBot['logs'][number]), done()) }) });
  const env = { ...readEnv({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl }), sqlitePath: ':memory:' };
  const bot = await createBot({ config: slackConfig(), env, logger, clock: tenant.clock, graph: tenant.graph, listen: { host: '127.0.0.1', port: 0 }, loops: false, slackPacingMs: 1, ...options });
  return {
    bot,
    slack,
    endpoint: `${bot.server!.url}/slack/events`,
    logs,
    stop: async () => {
      await bot.stop();
      await slack.close();
    },
  };
}
