import { hostname } from 'node:os';
import { createGraphPort, type GraphPortSettings } from '../adapters/graph/graph-port';
import { createHttpApp, listen, type HttpMounts, type RunningServer } from '../adapters/http/http-server';
import { PlaygroundChat } from '../adapters/playground/playground-chat';
import { playgroundConfig } from '../adapters/playground/playground-config';
import { createPlaygroundRouter } from '../adapters/playground/playground-routes';
import { simulatorCaNotTrusted, trustsSimulatorCa } from '../adapters/playground/simulator-ca-trust';
import type { SlackChatPort } from '../adapters/slack';
import { openStorage } from '../adapters/storage/open-storage';
import type { ScenarioName } from '../adapters/tenant-sim/scenarios';
import { startTenantSimulator, type TenantSimulator } from '../adapters/tenant-sim/tenant-simulator';
import { readEnv, type EnvSettings } from './config/env';
import { loadConfig } from './config/load-config';
import type { Config } from './config/schema';
import { Authorizer } from './core/authz';
import { mayViewCard, outsiderCard } from './handlers/card-viewer';
import type { ChatPort } from './core/chat-port';
import { helpText } from './core/command-grammar';
import { BreakglassError, toBreakglassError } from './core/errors';
import type { AuditKey } from './audit/audit-hash';
import { AUDIT_ANCHOR_INTERVAL_MS, logAuditAnchor } from './audit/audit-anchor';
import { ensureDevAuditKey, readAuditKeyring } from './audit/audit-keyring';
import type { GraphPort } from './core/graph-port';
import type { InboundEvent } from './core/inbound-event';
import type { Reply } from './messages/message';
import { IdentityResolver, type EmailLookup } from './core/identity';
import { Metrics } from './core/metrics';
import { createLogger, type Logger } from './core/logger';
import type { Place, Platform } from './core/platform';
import { RateLimiter } from './core/rate-limiter';
import { Router, type CommandHandler } from './core/router';
import { createChatEffects } from './effects/chat-effects';
import { createGraphEffect } from './effects/graph-effects';
import { createGraphOps } from './effects/graph-ops';
import { createLogExportEffect } from './effects/log-export';
import { remindIfDrillDue } from './drills/drill-reminder';
import { breakGlassHandlers } from './handlers/break-glass-handlers';
import { elevationHandlers } from './handlers/elevation-handlers';
import { CardRefresher } from './handlers/stale-card-refresh';
import { createPimWatch } from './pim-watch/pim-watch';
import type { HandlerDeps } from './handlers/handler-deps';
import { breakGlassDefinition } from './messages/break-glass/definition';
import { elevationDefinition } from './messages/elevation/definition';
import { alertDefinition } from './messages/alerts/alert-definition';
import type { AlertContext } from '../workflows/monitoring/alert-types';
import { alertActions } from './monitoring/alert-actions';
import { alertCurrentCard } from './monitoring/alert-current-card';
import { MonitorPoller } from './monitoring/monitor-poller';
import { postureCommand } from './monitoring/posture-command';
import { requireSecurityHome } from './monitoring/security-home';
import { OffsetClock, systemClock, type Clock } from './runtime/clock';
import type { Storage } from './runtime/storage';
import { pruneOldRows } from './runtime/housekeeping';
import { TimerDispatcher } from './runtime/timer-dispatcher';
import type { WorkflowDefinition } from './runtime/workflow-definition';
import { WorkflowRuntime } from './runtime/workflow-runtime';

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
  /** The playground on its own listener (always 127.0.0.1) instead of the main one: a forced playground next to real settings. */
  playgroundPort?: number;
  /** false: no HTTP server (core tests). */
  listen?: { host: string; port: number } | false;
  /** false: tests drive timers and the outbox with tick(). */
  loops?: boolean;
  pollMs?: number;
  exportDir?: string;
  /** Graph adapter tuning (retry backoff, sleep, log pacer); tests make retries fast. */
  graphSettings?: Partial<Pick<GraphPortSettings, 'retry' | 'sleep' | 'logPacer'>>;
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

    const chats: Partial<Record<Platform, ChatPort>> = { ...options.chats };
    const emailLookups: Partial<Record<Platform, EmailLookup>> = {};
    // Each platform's SDK is loaded only when that platform is configured: together they cost most of a cold start.
    const slackSdk = env.slack ? await import('../adapters/slack') : undefined;
    const teamsSdk = env.teams || config.teams.disableAuth ? await import('../adapters/teams') : undefined;
    let slackPort: SlackChatPort | undefined;
    if (env.slack && slackSdk) {
      slackPort = new slackSdk.SlackChatPort({
        botToken: env.slack.botToken,
        ...(env.slack.apiUrl ? { apiUrl: env.slack.apiUrl } : {}),
        ...(options.slackPacingMs !== undefined ? { intervalMs: options.slackPacingMs } : {}),
        logger,
      });
      chats.slack = slackPort;
      emailLookups.slack = (id) => slackPort!.lookupEmail(id);
    }
    const teamsAdapter = teamsSdk ? createTeams(teamsSdk, config, env, logger) : undefined;
    if (teamsSdk && teamsAdapter) {
      chats.teams = new teamsSdk.TeamsChatPort({
        adapter: teamsAdapter,
        getConversationRef: (k) => storage.getConversationRef(k),
        putConversationRef: (k, r) => storage.putConversationRef(k, r),
        homeTenantId: config.tenant.id,
        ...(config.teams.appCatalogId && graph.installTeamsApp ? { installApp: (id: string) => graph.installTeamsApp!(id, config.teams.appCatalogId!) } : {}),
      });
    }
    const playground = options.playground ? new PlaygroundChat(() => clock.now()) : undefined;
    if (playground) chats.playground = playground;

    const effectHandlersDeps = { storage, config, chats, logger };
    const metrics = new Metrics();
    const runtime = new WorkflowRuntime({
      storage,
      clock,
      logger,
      definitions: [breakGlassDefinition, elevationDefinition, alertDefinition],
      autoDrain: options.loops !== false,
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
      ...(slackPort && config.channels.createIncidentChannel ? { openIncidentPlace: incidentChannelOpener(slackPort, config) } : {}),
    });
    const elevation = elevationHandlers(deps);
    const pimWatch = createPimWatch({ ...deps, platforms: Object.keys(chats) as Platform[] });
    const help: CommandHandler = async (c) => ({ text: helpText(c.name === 'help' ? c.topic : undefined), ephemeral: true });
    const cardRefresher = new CardRefresher({ runtime, storage, chats, definitions: [breakGlassDefinition, elevationDefinition, alertDefinition], logger });
    const router = new Router({
      identity,
      logger,
      rateLimiter: new RateLimiter(clock),
      commands: { help, ...breakGlass.commands, ...elevation.commands, posture: postureCommand(deps, { simulated: !!simulator }) },
      actions: { breakglass: breakGlass.action, elevation: elevation.action, alert: alertActions(deps, { startIncident: breakGlass.commands.start! }) },
      currentCard: async (value, viewer, actionId) => {
        const view = await runtime.get(value.split('|')[0] ?? '');
        if (!view) return undefined;
        const subject = (view.context as { requester?: { id?: string } }).requester?.id;
        if (!(await mayViewCard(deps, viewer, subject))) return outsiderCard(deps, viewer, view.row.id);
        const viewerEntraId = viewer.entraObjectId;
        if (view.row.kind === alertDefinition.kind) return alertCurrentCard(view.context as AlertContext, config, viewerEntraId, actionId);
        const definition: WorkflowDefinition = view.row.kind === 'break-glass' ? breakGlassDefinition : elevationDefinition;
        if (view.row.kind === 'break-glass' && actionId === 'breakglass.ack') {
          // Acknowledge sits on a manager's DM page: answer with that page, not the responders' checklist.
          const person = Object.entries(config.people).find(([, p]) => !!viewerEntraId && p.entraObjectId?.toLowerCase() === viewerEntraId.toLowerCase())?.[0];
          return definition.views['ack-request']?.(view.context, person ? { person } : undefined);
        }
        const main = definition.views[view.row.kind === 'break-glass' ? 'checklist' : 'approval'];
        return main?.(view.context, view.row.kind === 'break-glass' ? undefined : { copy: 'approvers' });
      },
      refreshCard: (action) => cardRefresher.request(action),
    });
    const handle = (event: InboundEvent) => router.handle(event);
    /** Slack and the playground only ever show a text reply; cards reach them through the outbox. */
    const handleText = async (event: InboundEvent): Promise<Reply | void> => {
      const result = await router.handle(event);
      return result && 'text' in result ? result : undefined;
    };

    const monitorOn = config.monitoring.enabled && (options.monitor ?? options.loops !== false);
    const monitor = monitorOn
      ? new MonitorPoller({ config, graph, runtime, storage, clock, logger, owner: `${hostname()}:${process.pid}`, securityHome: requireSecurityHome(config, Object.keys(chats) as Platform[]), simulated: !!simulator })
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
    if (env.slack && slackSdk) {
      const slack = slackSdk.createSlackReceiver({
        signingSecret: env.slack.signingSecret,
        botToken: env.slack.botToken,
        ...(env.slack.appToken ? { appToken: env.slack.appToken } : {}),
        ...(env.slack.apiUrl ? { apiUrl: env.slack.apiUrl } : {}),
        allowedTeamIds: config.slack.allowedTeamIds,
        logger,
        // No `identity` here: the router resolves every actor once; resolving here too asked Slack and Graph twice per unmapped click.
        onEvent: handleText,
      });
      await slack.start();
      closers.push(() => slack.stop());
      if (slack.router) mounts.slack = slack.router;
    }
    if (teamsSdk && teamsAdapter) {
      mounts.teams = teamsSdk.createTeamsEndpoint({
        adapter: teamsAdapter,
        allowedTenants: config.teams.allowedTenants.length ? config.teams.allowedTenants : [config.tenant.id],
        onEvent: handle,
        onConversationRef: (key, ref) => storage.putConversationRef(key, ref),
        getConversationRef: (key) => storage.getConversationRef(key),
      });
    }
    let playgroundRouter: ReturnType<typeof createPlaygroundRouter> | undefined;
    // Only a fully simulated bot may have its clock moved: no real tenant to read, nobody real to page.
    const worldIsSimulated = !!simulator && !env.slack && !env.teams && !config.teams.disableAuth;
    if (playground) {
      playgroundRouter = createPlaygroundRouter({
        chat: playground,
        config,
        logger,
        onEvent: handleText,
        audit: () => storage.listAudit({}),
        ...(worldIsSimulated
          ? {
              advance: async (ms: number) => {
                if (!(clock instanceof OffsetClock)) throw new BreakglassError('config.invalid', 'Time can only be moved in the playground.');
                clock.advance(ms);
                await tick();
              },
            }
          : {}),
        now: () => clock.now(),
        describe: { database: storage.dialect === 'sqlite' ? `SQLite ${env.sqlitePath}` : 'PostgreSQL', graph: simulator ? `simulated tenant (${simulator.scenario})` : 'Microsoft Graph' },
      });
    }

    if (playgroundRouter && options.playgroundPort === undefined) mounts.playground = playgroundRouter;

    let server: RunningServer | undefined;
    let playgroundServer: RunningServer | undefined;
    if (playgroundRouter && options.playgroundPort !== undefined) {
      playgroundServer = await listen(createHttpApp({ playground: playgroundRouter }), options.playgroundPort, '127.0.0.1', logger);
      closers.push(() => playgroundServer!.close());
    }
    if (options.listen !== false) {
      const where = options.listen ?? { host: config.server.host, port: env.port ?? config.server.port };
      server = await listen(createHttpApp(mounts), where.port, where.host, logger);
      closers.push(() => server!.close());
    }
    if (options.loops !== false) {
      // The head goes to the log at start, every few minutes and on stop (after the loops, before storage closes).
      const anchor = () => logAuditAnchor(storage, logger, auditKeyId).catch((e: unknown) => logger.warn({ err: e }, 'could not log the audit chain anchor'));
      await anchor();
      const anchors = setInterval(() => void anchor(), AUDIT_ANCHOR_INTERVAL_MS);
      anchors.unref();
      closers.push(async () => {
        clearInterval(anchors);
        await anchor();
      });
      const pollMs = options.pollMs ?? 1000;
      runtime.outbox.start(pollMs);
      timers.start(pollMs);
      pimWatch.start(pollMs);
      const hourly = setInterval(() => void drillCheck().then(() => pruneOldRows({ storage, clock, logger })), 3_600_000);
      hourly.unref();
      closers.push(async () => clearInterval(hourly));
      monitor?.start();
      closers.push(async () => {
        await monitor?.stop();
        await pimWatch.stop();
        await timers.stop();
        await runtime.outbox.stop();
      });
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

function createTeams(sdk: typeof import('../adapters/teams'), config: Config, env: EnvSettings, logger: Logger) {
  if (config.teams.disableAuth) refuseLeakyDisableAuth(config, env);
  if (config.teams.disableAuth) logger.warn('Teams: Bot Framework token validation is OFF (teams.disableAuth); never run like this outside local development');
  return sdk.createTeamsAdapter({
    appId: env.teams?.appId ?? '',
    ...(env.teams?.appPassword ? { appPassword: env.teams.appPassword } : {}),
    ...(env.teams?.appTenantId ? { tenantId: env.teams.appTenantId } : {}),
    authorityHost: config.teams.authorityHost ?? config.graph.authorityHost,
    openIdMetadataUrl: config.teams.openIdMetadataUrl,
    tokenIssuer: config.teams.tokenIssuer,
    disableAuth: config.teams.disableAuth,
    ...(config.teams.serviceUrlAllowList ? { serviceUrlAllowList: config.teams.serviceUrlAllowList } : {}),
    logger,
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** With auth off anyone who reaches /api/messages is trusted: only a laptop, and nothing to hand out. */
export function refuseLeakyDisableAuth(config: Config, env: EnvSettings): void {
  if (env.teams?.appPassword) {
    throw new BreakglassError('config.invalid', 'teams.disableAuth cannot be used with MICROSOFT_APP_PASSWORD set.');
  }
  if (!LOOPBACK.has(config.server.host)) {
    throw new BreakglassError('config.invalid', `teams.disableAuth needs server.host to be a loopback address, not "${config.server.host}".`);
  }
}

/**
 * The audit HMAC key lives outside the database. With none configured, a SQLite (dev/playground)
 * bot makes a key file next to the database; main() refuses to start a production config without one.
 */
function auditSigningKey(env: EnvSettings, logger: Logger): AuditKey | undefined {
  // An in-memory database has no folder to keep a key in (dirname(':memory:') is the working directory).
  const keyBeside = env.databaseUrl || env.sqlitePath === ':memory:' ? undefined : env.sqlitePath;
  let ring = readAuditKeyring(process.env, keyBeside);
  if (!ring.current && keyBeside) {
    const path = ensureDevAuditKey(keyBeside);
    ring = readAuditKeyring(process.env, keyBeside);
    logger.warn({ keyFile: path }, `AUDIT KEY: none configured, so the audit log is chained with a development key kept in ${path}. Set BREAKGLASS_AUDIT_KEY (or BREAKGLASS_AUDIT_KEY_FILE) outside the database for real use.`);
  }
  if (!ring.current) logger.warn('AUDIT KEY: none configured; new audit entries are chained without a key and can be recomputed by anyone who can write the database.');
  else logger.info({ auditKeyId: ring.current.id, source: ring.source }, 'audit entries are chained with an HMAC key');
  return ring.current;
}

/**
 * A production config (a database server or any real chat/Graph credential) should name its audit
 * key. For now this is a loud warning, not a refusal, so existing deployments keep starting; the
 * chain is then sha256-only and `audit verify` says so.
 */
function warnWithoutAuditKeyInProduction(env: EnvSettings, logger: Logger): void {
  const production = Boolean(env.databaseUrl || env.slack || env.teams?.appPassword || env.azure);
  if (production && !readAuditKeyring(process.env).current) {
    logger.warn('AUDIT KEY: BREAKGLASS_AUDIT_KEY (or BREAKGLASS_AUDIT_KEY_FILE) is not set, so the audit log can be recomputed by anyone who can write the database. Set it for real use.');
  }
}

async function openMigratedStorage(env: EnvSettings, logger: Logger): Promise<Storage> {
  const auditKey = readAuditKeyring(process.env, env.databaseUrl ? undefined : env.sqlitePath).current;
  const storage = await openStorage(env.databaseUrl ? { databaseUrl: env.databaseUrl, auditKey } : { sqlitePath: env.sqlitePath, auditKey });
  await storage.migrate();
  const released = await storage.releaseOrphanedClaims();
  if (released > 0) logger.warn({ released }, 'took back timers and messages a stopped process had claimed; they run now');
  logger.info({ database: storage.dialect === 'sqlite' ? `sqlite:${env.sqlitePath}` : 'postgresql' }, 'storage ready');
  return storage;
}

/** A real tenant when credentials are set, else the simulator; said loudly either way. */
/** 'tenant' or 'simulator:<scenario>': a real tenant only when asked for or when Azure credentials are set. */
export function graphSource(config: Config, env: EnvSettings): string {
  return env.graphSource ?? config.graph.source ?? (env.azure ? 'tenant' : 'simulator:under-attack');
}

export async function connectGraph(config: Config, env: EnvSettings, clock: Clock, logger: Logger, tuning: BotOptions['graphSettings'] = {}): Promise<{ graph: GraphPort; simulator?: TenantSimulator }> {
  const source = graphSource(config, env);
  if (source === 'tenant') {
    if (!env.azure) throw new BreakglassError('config.invalid', "graph.source is 'tenant' but AZURE_TENANT_ID and AZURE_CLIENT_ID are not set.");
    logger.info({ tenantId: env.azure.tenantId, graph: config.graph.baseUrl }, 'Graph: REAL TENANT');
    const graph = createGraphPort({
      baseUrl: config.graph.baseUrl,
      authorityHost: config.graph.authorityHost,
      tenantId: env.azure.tenantId,
      clientId: env.azure.clientId,
      ...(env.azure.clientSecret ? { clientSecret: env.azure.clientSecret } : {}),
      ...(env.azure.certificatePath ? { certificatePath: env.azure.certificatePath } : {}),
      logger,
      clock,
      ...tuning,
    });
    return { graph };
  }
  const scenario = (source.split(':')[1] ?? 'under-attack') as ScenarioName;
  const simulator = await startTenantSimulator({ scenario, clock });
  logger.warn({ scenario: simulator.scenario, url: simulator.url }, 'Graph: SIMULATED TENANT (no real directory is read or changed)');
  const graph = createGraphPort({ baseUrl: simulator.graphBaseUrl, authorityHost: simulator.authorityHost, tenantId: simulator.tenantId, clientId: simulator.clientId, clientSecret: simulator.clientSecret, logger, clock, ...tuning });
  return { graph, simulator };
}

function incidentChannelOpener(slack: SlackChatPort, config: Config) {
  return async (incidentId: string, _summary: string, startedIn: Place) => {
    const responders = config.roles.responders.map((k) => config.people[k]?.slack).filter((id): id is string => !!id);
    const channel = await slack.openIncidentChannel(incidentId.toLowerCase(), responders);
    const text = `Incident ${incidentId} is being worked in the private channel #${channel.name}.`;
    // Renderers escape text, so the channel is reachable only through a link block (Slack's documented app_redirect deep link).
    const link = { kind: 'link' as const, text: `Open #${channel.name}`, url: `https://slack.com/app_redirect?channel=${encodeURIComponent(channel.conversationId)}` };
    await slack.post(startedIn, { fallbackText: text, blocks: [{ kind: 'text', text }, link] });
    return { platform: 'slack' as const, conversationId: channel.conversationId };
  };
}

/** The gauges /metrics reads at scrape time. */
function observe(metrics: Metrics, storage: Storage, clock: Clock): void {
  metrics.gauge('breakglass_open_workflows', 'Workflows still open (closed incidents that could be reopened excluded)', () => storage.countWorkflows({ status: 'active' }));
  metrics.gauge('breakglass_outbox_depth', 'Effects waiting to run', () => storage.pendingEffectCount());
  metrics.gauge('breakglass_timer_lag_seconds', 'How late the most overdue timer is', async () => {
    const due = await storage.nextTimerDue();
    return due === undefined ? 0 : Math.max(0, (clock.now() - due) / 1000);
  });
}

async function readiness(storage: Storage): Promise<{ ok: boolean; checks: Record<string, string> }> {
  try {
    await storage.pendingEffectCount();
    return { ok: true, checks: { database: 'ok' } };
  } catch (e) {
    return { ok: false, checks: { database: toBreakglassError(e).userMessage } };
  }
}

/**
 * The playground serves unauthenticated pages and APIs, so it opens by itself
 * only on a laptop with nothing real configured. BREAKGLASS_PLAYGROUND=force
 * starts it next to real settings, but then on its own 127.0.0.1 port.
 */
export function choosePlayground(env: EnvSettings, config: Config, hasConfigFile: boolean, logger: Logger): { playground: boolean; ownPort: boolean } {
  const real = [env.slack && 'Slack', env.teams && 'Teams', env.azure && 'Azure', env.databaseUrl && 'DATABASE_URL', hasConfigFile && 'config file'].filter(Boolean);
  if (env.playground === 'force') return { playground: true, ownPort: real.length > 0 };
  if (real.length === 0) return { playground: env.playground ?? config.server.playground ?? true, ownPort: false };
  if (env.playground || config.server.playground) {
    logger.warn({ settings: real }, 'playground NOT started: real settings are present (BREAKGLASS_PLAYGROUND=force starts it on its own 127.0.0.1 port)');
  }
  return { playground: false, ownPort: false };
}

/** `npm start`: read settings, start everything, stop cleanly on SIGTERM. */
export async function main(): Promise<void> {
  const logger = createLogger();
  try {
    const env = readEnv();
    warnWithoutAuditKeyInProduction(env, logger);
    const loaded = loadConfig();
    const { playground, ownPort } = choosePlayground(env, loaded.config, !!loaded.path, logger);
    const config = playground && !loaded.path ? playgroundConfig() : loaded.config;
    if (graphSource(config, env).startsWith('simulator') && !trustsSimulatorCa()) throw simulatorCaNotTrusted();
    const clock = playground ? new OffsetClock() : systemClock;
    const bot = await createBot({ config, env, logger, clock, playground, ...(ownPort ? { playgroundPort: env.playgroundPort ?? 0 } : {}) });
    const adapters = [env.slack && 'slack', env.teams && 'teams', playground && 'playground'].filter(Boolean).join(', ');
    const database = bot.storage.dialect === 'sqlite' ? `SQLite ${env.sqlitePath}` : 'PostgreSQL (DATABASE_URL)';
    const graph = bot.simulator ? `SIMULATED tenant (${bot.simulator.scenario})` : `real tenant ${env.azure?.tenantId ?? config.tenant.id}`;
    logger.info({ adapters, database, graph, config: loaded.path ?? (playground ? 'built-in playground config' : 'defaults') }, 'breakglass is running');
    if (playground) process.stdout.write(`\n  breakglass playground -> ${(bot.playgroundServer ?? bot.server)?.url}/\n  adapters: ${adapters} | database: ${database} | Graph: ${graph}\n\n`);
    const shutdown = async () => {
      logger.info('stopping');
      await bot.stop();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
  } catch (e) {
    const err = toBreakglassError(e);
    logger.error({ err: e, code: err.code }, 'breakglass could not start');
    process.stderr.write(`breakglass could not start: ${err.userMessage}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
