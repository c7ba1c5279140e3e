import { hostname } from 'node:os';
import { createHttpApp, listen, type HttpMounts, type RunningServer } from '../adapters/http/http-server';
import type { PlaygroundChat } from '../adapters/playground/playground-chat';
import type { TenantSimulator } from '../sim';
import type { EnvSettings } from '../bot/config/env';
import type { Config } from '../bot/config/schema';
import { Authorizer } from '../bot/core/authz';
import type { ChatPort } from '../bot/ports/chat-port';
import { helpText } from '../bot/core/command-grammar';
import type { GraphPort } from '../bot/ports/graph-port';
import type { InboundEvent } from '../bot/core/inbound-event';
import { IdentityResolver } from '../bot/core/identity';
import { Inbox } from '../bot/core/inbox';
import { Metrics } from '../bot/core/metrics';
import type { Logger } from '../bot/core/logger';
import type { Platform } from '../bot/core/platform';
import { RateLimiter } from '../bot/core/rate-limiter';
import { Router, type Answer, type CommandHandler } from '../bot/core/router';
import { createChatEffects } from '../bot/effects/chat-effects';
import { createGraphEffect } from '../bot/effects/graph-effects';
import { createGraphOps } from '../bot/effects/graph-ops';
import { createLogExportEffect } from '../bot/effects/log-export';
import { remindIfDrillDue } from '../bot/drills/drill-reminder';
import { breakGlassHandlers } from '../bot/handlers/break-glass-handlers';
import { elevationHandlers } from '../bot/handlers/elevation-handlers';
import { CardRefresher } from '../bot/handlers/stale-card-refresh';
import { currentCardLookup } from '../bot/handlers/current-card';
import { alertKind } from '../bot/kinds/alert';
import { breakGlassKind } from '../bot/kinds/break-glass';
import { elevationKind } from '../bot/kinds/pim-elevation';
import { KindRegistry } from '../bot/kinds/registry';
import { createPimWatch } from '../bot/pim-watch/pim-watch';
import type { HandlerDeps } from '../bot/handlers/handler-deps';
import { alertActions } from '../bot/monitoring/alert-actions';
import { MonitorPoller } from '../bot/monitoring/monitor-poller';
import { postureCommand } from '../bot/monitoring/posture-command';
import { securityHome } from '../bot/monitoring/security-home';
import { systemClock, type Clock } from '../bot/ports/clock';
import type { Storage } from '../bot/ports/storage';
import { pruneOldRows } from '../bot/runtime/housekeeping';
import type { OutboxPolicy } from '../bot/runtime/outbox-policy';
import { TimerDispatcher } from '../bot/runtime/timer-dispatcher';
import { WorkflowRuntime } from '../bot/runtime/workflow-runtime';
import { auditSigningKey } from './audit-signing-key';
import { connectGraph, type GraphTuning } from './graph-connection';
import { observe, readiness } from './observability';
import { openMigratedStorage } from './open-migrated-storage';
import { connectChatPlatforms, mountChatEndpoints } from './chat-platforms';
import { requireSecurityChannel } from './start-up-checks';
import { startBackgroundLoops } from './background-loops';

export interface BotOptions {
  config: Config;
  env: EnvSettings;
  logger: Logger;
  clock?: Clock;
  /** Injected by tests; otherwise opened from env (PostgreSQL or SQLite) and migrated. */
  storage?: Storage;
  /** Injected by tests; otherwise a real tenant or the built-in simulator. */
  graph?: GraphPort;
  /** Extra chat platforms (tests pass a fake). */
  chats?: Partial<Record<Platform, ChatPort>>;
  playground?: boolean;
  /** Offered as the playground's Reset when the world is simulated: `main` stops this bot and starts one on an empty database. */
  onReset?: () => Promise<void>;
  /** The playground on its own listener (always 127.0.0.1) instead of the main one: a forced playground next to real settings. */
  playgroundPort?: number;
  /** false: no HTTP server (core tests). */
  listen?: { host: string; port: number } | false;
  /** false: tests drive timers and the outbox with tick(). */
  loops?: boolean;
  /** Outbox tuning (lease and renewal timing); tests stand in for a stalled replica with it. */
  outbox?: Partial<OutboxPolicy>;
  pollMs?: number;
  exportDir?: string;
  /** Graph adapter tuning (retry backoff, sleep, log pacer); tests make retries fast. */
  graphSettings?: GraphTuning;
  /** Slack: minimum gap between calls into one channel (default about 1 s, Slack's pace); tests shorten it. */
  slackPacingMs?: number;
  /** Poll sign-ins and audits for alerts (never when monitoring.enabled is false). Default: when loops run; tests driving tick() opt in. */
  monitor?: boolean;
}

export interface Bot {
  router: Router;
  runtime: WorkflowRuntime;
  storage: Storage;
  graph: GraphPort;
  clock: Clock;
  config: Config;
  server?: RunningServer;
  /** The forced playground's own loopback listener. */
  playgroundServer?: RunningServer;
  simulator?: TenantSimulator;
  playground?: PlaygroundChat;
  monitor?: MonitorPoller;
  /** Fire due timers and run queued effects until nothing is left (tests, playground). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds and starts the whole bot. The only place adapters meet the core. */
export async function createBot(options: BotOptions): Promise<Bot> {
  const { config, env, logger } = options;
  const clock = options.clock ?? systemClock;
  const closers: Array<() => Promise<void>> = [];
  try {
    const auditKeyId = options.storage ? undefined : auditSigningKey(env, logger)?.id;
    const storage = options.storage ?? (await openMigratedStorage(env, logger));
    if (!options.storage) closers.push(() => storage.close());

    const { graph, simulator } = options.graph ? { graph: options.graph, simulator: undefined } : await connectGraph(config, env, clock, logger, options.graphSettings);
    if (simulator) closers.push(() => simulator.close());

    const platforms = await connectChatPlatforms({
      config, env, logger, storage, clock, graph,
      ...(options.chats ? { extra: options.chats } : {}),
      ...(options.playground ? { playground: true } : {}),
      ...(options.slackPacingMs !== undefined ? { slackPacingMs: options.slackPacingMs } : {}),
    });
    const { chats, emailLookups, playground } = platforms;
    const slackPort = platforms.slack?.port;

    const metrics = new Metrics();
    const kinds = new KindRegistry();
    const effectHandlersDeps = { storage, config, chats, logger, kinds };
    const runtime = new WorkflowRuntime({
      storage,
      clock,
      logger,
      definitions: kinds.definitions,
      autoDrain: options.loops !== false,
      ...(options.outbox ? { outbox: options.outbox } : {}),
      effectHandlers: {
        ...createChatEffects(effectHandlersDeps),
        'graph.call': createGraphEffect(createGraphOps(graph, config, clock), logger, (code) => metrics.increment('breakglass_graph_errors_total', { code })),
        'logs.export': createLogExportEffect({ graph, storage, clock, logger, exportDir: options.exportDir ?? './data/exports' }),
      },
    });
    const timers = new TimerDispatcher({ runtime, storage, clock, logger });

    const identity = new IdentityResolver(config, storage, graph, emailLookups, () => clock.now());
    const deps: HandlerDeps = { config, runtime, storage, authz: new Authorizer(config, graph), identity, graph, clock, logger };
    const breakGlass = breakGlassHandlers(deps, {
      ...(slackPort && platforms.slack && config.channels.createIncidentChannel ? { openIncidentPlace: platforms.slack.sdk.incidentChannelOpener(slackPort, config) } : {}),
    });
    const elevation = elevationHandlers(deps);
    const pimWatch = createPimWatch({ ...deps, platforms: Object.keys(chats) as Platform[] });
    const help: CommandHandler = async (c) => ({ text: helpText(c.name === 'help' ? c.topic : undefined), ephemeral: true });
    const cardRefresher = new CardRefresher({ runtime, storage, chats, kinds, logger });
    const router = new Router({
      identity,
      logger,
      rateLimiter: new RateLimiter(clock),
      commands: { help, ...breakGlass.commands, ...elevation.commands, posture: postureCommand(deps, { simulated: !!simulator }) },
      actions: {
        [breakGlassKind.actionPrefix]: breakGlass.action,
        [elevationKind.actionPrefix]: elevation.action,
        [alertKind.actionPrefix]: alertActions(deps, { startIncident: breakGlass.commands.start! }),
      },
      currentCard: currentCardLookup(deps, runtime, config, kinds),
      refreshCard: (action) => cardRefresher.request(action),
      inbox: new Inbox(storage, () => clock.now(), logger),
    });
    // One entry point: each adapter says how it wants a click answered and shows the outcome its way.
    const handle = (event: InboundEvent, answer?: Answer) => router.handle(event, answer);

    const monitorOn = config.monitoring.enabled && (options.monitor ?? options.loops !== false);
    if (monitorOn) requireSecurityChannel(config, Object.keys(chats) as Platform[]);
    const monitor = monitorOn
      ? new MonitorPoller({ config, graph, runtime, storage, clock, logger, owner: `${hostname()}:${process.pid}`, securityHome: securityHome(config, Object.keys(chats) as Platform[]), simulated: !!simulator })
      : undefined;

    const drillCheck = () => remindIfDrillDue({ config, runtime, storage, chats, clock, logger }).catch((e: unknown) => logger.warn({ err: e }, 'drill reminder check failed'));
    await drillCheck();
    if (options.loops !== false) await pruneOldRows({ storage, clock, logger });
    const tick = async () => {
      await cardRefresher.idle();
      await pimWatch.poll();
      await monitor?.tick();
      await drillCheck();
      for (let i = 0; i < 50; i++) {
        const fired = await timers.tick();
        const ran = await runtime.outbox.drain();
        if (fired === 0 && ran === 0) return;
      }
    };

    observe(metrics, storage, clock);
    const mounts: HttpMounts = {
      ready: async () => readiness(storage),
      metrics: () => metrics.render(),
      onAck: (platform, seconds) => metrics.observe('breakglass_ack_latency_seconds', { platform }, seconds),
    };
    closers.push(...(await mountChatEndpoints(platforms, mounts, { config, env, logger, storage, handle })));
    // The playground (and the simulator's cast it shows) is loaded only when it is on.
    const playgroundMount = playground
      ? (await import('./playground-mount')).playgroundRouter({ chat: playground, config, env, logger, storage, clock, ...(simulator ? { simulator } : {}), onEvent: handle, tick, ...(options.onReset ? { onReset: options.onReset } : {}) })
      : undefined;
    if (playgroundMount && options.playgroundPort === undefined) mounts.playground = playgroundMount;

    let server: RunningServer | undefined;
    let playgroundServer: RunningServer | undefined;
    if (playgroundMount && options.playgroundPort !== undefined) {
      playgroundServer = await listen(createHttpApp({ playground: playgroundMount }), options.playgroundPort, '127.0.0.1', logger);
      closers.push(() => playgroundServer!.close());
    }
    if (options.listen !== false) {
      const where = options.listen ?? { host: config.server.host, port: env.port ?? config.server.port };
      server = await listen(createHttpApp(mounts), where.port, where.host, logger);
      closers.push(() => server!.close());
    }
    if (options.loops !== false) {
      const auditKey = auditKeyId ? { auditKeyId } : {};
      closers.push(await startBackgroundLoops({ storage, runtime, timers, pimWatch, ...(monitor ? { monitor } : {}), clock, logger, ...auditKey, drillCheck, pollMs: options.pollMs ?? 1000 }));
    }

    closers.push(() => cardRefresher.idle());
    const stop = async () => {
      for (const close of closers.reverse()) await close().catch((e: unknown) => logger.warn({ err: e }, 'error while stopping'));
      closers.length = 0;
    };
    return { router, runtime, storage, graph, clock, config, server, playgroundServer, simulator, playground, monitor, tick, stop };
  } catch (e) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw e;
  }
}
