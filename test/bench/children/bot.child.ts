import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TENANT_ID, userId } from '../../../sim';
import { readEnv } from '../../../bot/config/env';
import type { InboundEvent } from '../../../bot/core/inbound-event';
import { silentLogger } from '../../../bot/core/logger';
import type { MessageRef, Place, Platform } from '../../../bot/core/platform';
import { createBot } from '../../../app/create-bot';
import { OffsetClock } from '../../../bot/ports/clock';
import { parseDuration } from '../../../workflows/duration';
import { openSqlStorage, type OpenStorageOptions } from '../../../adapters/storage/open-storage';
import type { SqlStorage } from '../../../adapters/storage/sql-storage';
import { createTestStorage, type Dialect } from '../../support/storages';
import { processStats, serveChild } from '../lib/child-rpc';
import { benchConfig, SLACK_CHANNELS, SLACK_IDS, TEAMS_CHANNELS } from '../world/bench-config';
import { SLACK_SECRET, TEAMS_APP_ID, TEAMS_APP_SECRET, type FakesInfo, type PreparedCard, type ServerInfo } from '../world/bench-world';
import { markEffectsDone, seedOpenWorkflows, type SeedCounts } from '../world/seed-open-workflows';
import type { Answer } from '../../../bot/core/router';

/**
 * The whole bot as `npm start` builds it (createBot: Bolt HTTP receiver with
 * signature checks, Teams CloudAdapter with Bot Framework auth, router,
 * inbox, runtime, outbox and timer loops, the tenant simulator) on a fresh
 * SQLite file or PostgreSQL schema, talking to the fakes process.
 */
export interface BotChildOptions {
  dialect: Dialect;
  users: number;
  fakes: FakesInfo;
  teams: boolean;
  /** Gap between Slack calls into one channel; Slack's own pace is about 1 s. */
  slackPacingMs: number;
  /** Open workflows before the bot starts (load-while-busy). */
  seed?: SeedCounts;
  /** A database another process set up and migrated, shared with other replicas (workload 7); default a fresh one of `dialect`. */
  shared?: OpenStorageOptions;
}

export interface TimerLateness {
  fired: number;
  /** ms between each timer's due time and the runtime applying it. */
  lateness: number[];
}

serveChild<BotChildOptions, ServerInfo>(async (options) => {
  const test = options.shared ? await sharedStorage(options.shared) : await createTestStorage(options.dialect);
  const teams = options.teams ? options.fakes.teams : undefined;
  const config = benchConfig({
    users: options.users,
    ...(teams ? { teams: { openIdMetadataUrl: teams.openIdMetadataUrl, tokenIssuer: teams.channelIssuer, authorityHost: teams.issuerUrl } } : {}),
    // Seeded incidents' acknowledgement timers are the ones that fall due together; other timers stay well clear.
    ...(options.seed ? { elevation: { remindAfter: '40m', escalateAfter: '50m', expireAfter: '55m' } } : {}),
  });
  const clock = new OffsetClock();
  let seededAt: number | undefined;
  if (options.seed) {
    const at = Date.now();
    // One instant for every seeded start, so their timers share one due time.
    await seedOpenWorkflows(test.storage, config, { now: () => at }, options.seed);
    await markEffectsDone((sql) => test.exec(sql));
    seededAt = at;
  }
  const env = readEnv({
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: options.fakes.slack.botToken,
    SLACK_API_URL: options.fakes.slack.apiUrl,
    ...(teams ? { MICROSOFT_APP_ID: TEAMS_APP_ID, MICROSOFT_APP_PASSWORD: TEAMS_APP_SECRET } : {}),
    GRAPH: 'simulator:quiet',
  });
  // How long the event loop was held at a stretch while serving (an ack waits at least that long).
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  const bot = await createBot({ config, env, logger: silentLogger, clock, storage: test.storage, listen: { host: '127.0.0.1', port: 0 }, loops: true, slackPacingMs: options.slackPacingMs });

  // Instrumentation only: how many deliveries the router has finished (work continues after the ack).
  // Refusals that carry a correlation id are errors (rate limited, unmapped, internal); they would make the bench cheap.
  let handled = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const route = bot.router.handle.bind(bot.router);
  bot.router.handle = async (event: InboundEvent, answer?: Answer) => {
    try {
      const result = await route(event, answer);
      if (result.kind === 'refusal') {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(result.text);
      }
      return result;
    } finally {
      handled++;
    }
  };

  const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  let setupSeq = 0;
  const as = (platform: Platform, person: 'alice' | 'bob'): InboundEvent['actor'] =>
    platform === 'slack' ? { platform, platformUserId: SLACK_IDS[person], displayName: person } : { platform, platformUserId: userId(person), displayName: person };

  /** Opens an incident, has alice choose an emergency account and bob confirm it: every further Confirm is refused. */
  async function prepare(args: { platform: Platform }): Promise<PreparedCard> {
    const { platform } = args;
    const place: Place = platform === 'slack' ? { platform, conversationId: SLACK_CHANNELS.security } : { platform, conversationId: TEAMS_CHANNELS.security, tenantId: TENANT_ID };
    const base = (person: 'alice' | 'bob') => ({ deliveryKey: `bench-setup-${platform}-${++setupSeq}`, actor: as(platform, person), place, receivedAt: clock.now() });
    const started = await bot.router.handle({ ...base('alice'), type: 'command', text: 'start Bench incident whose checklist takes the clicks' });
    const incidentId = started.kind === 'reply' ? /Incident (BG-[A-Z0-9-]+)/.exec(started.text)?.[1] : undefined;
    if (!incidentId) throw new Error(`could not open the bench incident: ${JSON.stringify(started)}`);
    const card = await waitFor(async () => (await bot.storage.getCardRef(incidentId, 'checklist@home')) as MessageRef | undefined, 'the checklist card');
    const upn = config.emergencyAccounts[0]!.upn;
    const message = { platform, conversationId: card.conversationId, messageId: card.messageId, ...(card.threadId ? { threadId: card.threadId } : {}) };
    const chose = await bot.router.handle({ ...base('alice'), type: 'action', actionId: 'breakglass.checkout', value: `${incidentId}|${upn}`, message });
    const confirmed = await bot.router.handle({ ...base('bob'), type: 'action', actionId: 'breakglass.confirm', value: incidentId, message });
    const view = await bot.runtime.get<{ checkout?: unknown; accountInUse?: unknown; pendingCheckout?: unknown }>(incidentId);
    if (view?.context.pendingCheckout) throw new Error(`the checkout is still pending: ${JSON.stringify({ chose, confirmed })}`);
    return { incidentId, card };
  }

  return {
    info: { url: bot.server!.url },
    handlers: {
      prepare,
      stats: async () => ({
        ...processStats(), handled, errors, errorSamples, pendingEffects: await bot.storage.pendingEffectCount(),
        loopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      }),
      /** Starts (and resets) the event-loop delay histogram. */
      watchLoop: () => {
        loopDelay.reset();
        loopDelay.enable();
        return true;
      },
      /** Resolves once the router has finished `count` deliveries in all (the work after each ack). */
      settle: async (args: { count: number; timeoutMs?: number }) => {
        const started = Date.now();
        await waitFor(async () => (handled >= args.count ? true : undefined), `${args.count} handled deliveries (have ${handled})`, args.timeoutMs ?? 60_000);
        return { handled, waitedMs: Date.now() - started };
      },
      /** Moves the bot's clock so the seeded timers fall due `inMs` from now (real time); returns that moment. */
      armTimers: (args: { inMs: number }) => {
        if (seededAt === undefined) throw new Error('nothing was seeded');
        const dueAt = seededAt + parseDuration(config.breakGlass.ackTimeout)!;
        clock.advance(dueAt - clock.now() - args.inMs);
        return { realDueAt: Date.now() + args.inMs };
      },
      timerLateness: async (): Promise<TimerLateness> => {
        const entries = await bot.storage.listAudit({});
        const timers = entries.filter((e) => e.type === 'workflow.timer' || e.type === 'workflow.timer.ignored');
        const lateness = timers.map((e) => e.at - Number((e.data.event as { at?: number } | undefined)?.at ?? e.at));
        return { fired: timers.length, lateness };
      },
    },
    stop: async () => {
      await bot.stop();
      await test.dispose();
    },
  };
});

/** A replica's own connection to the shared database; the workload that made it drops it. */
async function sharedStorage(openOptions: OpenStorageOptions): Promise<{ storage: SqlStorage; exec(sql: string): Promise<number>; dispose(): Promise<void> }> {
  const storage = await openSqlStorage(openOptions);
  return { storage, exec: (sql) => storage.sql.exec(sql), dispose: () => storage.close() };
}
