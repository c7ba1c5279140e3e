import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEnv } from '../bot/config/env';
import { toBreakglassError } from '../bot/core/errors';

const USAGE = `breakglass <command>

  start                          run the bot (same as npm start)
  audit verify [--export DIR] [--anchor SEQ:HEAD] [--anchors-from LOG]
                                 recompute the audit HMAC chain (or check an export)
  audit export --out DIR [--since T] [--until T]
                                 write the audit log as JSONL with a SHA-256 manifest
  tenant-sim [--scenario NAME] [--port N]
                                 run the simulated tenant alone (quiet, under-attack, adfs-outage)
  manifest teams [--out app.zip] [--app-id GUID] [--version 1.0.0]
                                 write the Teams app package to upload (app id from MICROSOFT_APP_ID)
  doctor                         check the configured database, Graph, Slack and Teams settings
  posture [--json]               check the roadmap's stage-1 items against the tenant (pass / warn / fail)
  privileged list [--json]       the accounts the monitor treats as privileged (feed --json to signins analyze --context)
  signins analyze <file> [--config FILE] [--json] ...
                                 run the monitor's rules over a sign-in export (see signins analyze --help)
  help                           this text
`;

type Out = (line: string) => void;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** --anchor SEQ:HEAD (repeatable) and --anchors-from LOGFILE; undefined after saying what is wrong. */
async function readAnchors(args: string[], out: Out): Promise<Array<{ seq: number; hash: string }> | undefined> {
  const { anchorsInLog, parseAnchorArg } = await import('../bot/audit/audit-anchor');
  const anchors: Array<{ seq: number; hash: string }> = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--anchor') {
      const anchor = parseAnchorArg(args[i + 1] ?? '');
      if (!anchor) {
        out('--anchor takes SEQ:HEAD, e.g. --anchor 120:<64 hex characters> from an "audit chain anchor" log line.');
        return undefined;
      }
      anchors.push(anchor);
    }
  }
  const file = flag(args, '--anchors-from');
  if (file) {
    const { readFile } = await import('node:fs/promises');
    try {
      anchors.push(...anchorsInLog(await readFile(file, 'utf8')));
    } catch (e) {
      out(`Cannot read ${file} (${(e as { code?: string }).code ?? 'error'}).`);
      return undefined;
    }
  }
  return anchors;
}

/** Storage for offline tools: read-only, so it can run next to a live bot. */
async function readOnlyStorage() {
  const { openStorage } = await import('../adapters/storage/open-storage');
  const env = readEnv();
  return openStorage(env.databaseUrl ? { databaseUrl: env.databaseUrl, readOnly: true } : { sqlitePath: env.sqlitePath, readOnly: true });
}

export async function runCli(argv: string[], out: Out = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'start': {
      const { main } = await import('./main');
      await main();
      return -1; // keeps running
    }
    case 'doctor':
      return runDoctorCommand(process.env, out);
    case 'audit': {
      const audit = await import('../bot/audit/audit-commands');
      if (sub === 'verify') {
        const exportDir = flag(rest, '--export');
        if (exportDir) return audit.runAuditExportVerify(exportDir, out);
        const anchors = await readAnchors(rest, out);
        if (!anchors) return 2;
        const { readAuditKeyring } = await import('../bot/audit/audit-keyring');
        const env = readEnv();
        const keyring = readAuditKeyring(process.env, env.databaseUrl ? undefined : env.sqlitePath);
        const storage = await readOnlyStorage();
        try {
          return await audit.runAuditVerify(storage, out, { keyring: keyring.keys, anchors });
        } finally {
          await storage.close();
        }
      }
      if (sub === 'export') {
        const outDir = flag(rest, '--out');
        if (!outDir) {
          out('audit export needs --out DIR');
          return 2;
        }
        const storage = await readOnlyStorage();
        try {
          const since = flag(rest, '--since');
          const until = flag(rest, '--until');
          return await audit.runAuditExport(storage, { outDir, ...(since ? { since } : {}), ...(until ? { until } : {}) }, out);
        } finally {
          await storage.close();
        }
      }
      out(USAGE);
      return 2;
    }
    case 'manifest': {
      if (sub !== 'teams') {
        out(USAGE);
        return 2;
      }
      const { runManifestTeamsCommand } = await import('../adapters/teams/manifest-command');
      out(await runManifestTeamsCommand(rest));
      return 0;
    }
    case 'tenant-sim': {
      const { runTenantSimCommand } = await import('../sim');
      const sim = await runTenantSimCommand(argv.slice(1));
      if (!sim) return 2;
      process.once('SIGINT', () => void sim.close().then(() => process.exit(0)));
      process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
      return -1; // serves until stopped
    }
    case 'posture': {
      const { runPostureCli } = await import('../bot/monitoring/run-posture-cli');
      return runPostureCli(argv.slice(1), lineStreams(out), { connect: postureConnection });
    }
    case 'privileged': {
      const { runPrivilegedCli } = await import('../bot/monitoring/run-privileged-cli');
      return runPrivilegedCli(argv.slice(1), lineStreams(out), { connect: postureConnection });
    }
    case 'signins': {
      if (sub !== 'analyze') {
        out(USAGE);
        return 2;
      }
      const { runSigninsAnalyze } = await import('../bot/monitoring/run-signins-analyze');
      return runSigninsAnalyze(rest, lineStreams(out));
    }
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return command ? 0 : 2;
    default:
      out(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

/** Commands that write text in chunks, over the line writer (chunks end in a newline the writer adds back). */
function lineStreams(out: Out) {
  return { stdout: { write: (text: string) => out(text.replace(/\n$/, '')) }, stderr: { write: (text: string) => process.stderr.write(text) } };
}

/** The tenant the bot would use (real or simulated), for `posture`; logs go to stderr so stdout stays the report. */
async function postureConnection() {
  const [{ startupConfig }, { connectGraph, graphSource }, { createLogger, silentLogger }, { systemClock }] = await Promise.all([import('./startup-config'), import('./graph-connection'), import('../bot/core/logger'), import('../bot/ports/clock')]);
  const env = readEnv();
  const { config, source } = await startupConfig(env, silentLogger);
  const notice = defaultsNotice(graphSource(config, env), source);
  if (notice) process.stderr.write(`${notice}\n`);
  const { graph, simulator } = await connectGraph(config, env, systemClock, createLogger({ level: 'error', destination: process.stderr }));
  return { config, graph, simulated: !!simulator, now: () => systemClock.now(), close: async () => simulator?.close() };
}

/** `breakglass doctor` with the settings the bot would start with, probed through the real adapters. */
export async function runDoctorCommand(vars: NodeJS.ProcessEnv, out: Out): Promise<number> {
  const [{ startupConfig }, { graphSource }, { planDoctor }, { runDoctor }, { silentLogger }] = await Promise.all([import('./startup-config'), import('./graph-connection'), import('../bot/doctor/doctor-plan'), import('../bot/doctor/run-doctor'), import('../bot/core/logger')]);
  const env = readEnv(vars);
  const { config, source } = await startupConfig(env, silentLogger, vars);
  const graphFrom = graphSource(config, env);
  const notice = defaultsNotice(graphFrom, source);
  if (notice) out(notice);
  // The simulated tenant is what the bot would talk to, so it is checked like a real one.
  const simulator = graphFrom.startsWith('simulator') ? await startSimulatorFor(graphFrom) : undefined;
  try {
    const settings = simulator && { baseUrl: simulator.graphBaseUrl, authorityHost: simulator.authorityHost, tenantId: simulator.tenantId, clientId: simulator.clientId, clientSecret: simulator.clientSecret };
    return await runDoctor(planDoctor(env, config, graphFrom, await doctorAdapters(vars), Date.now(), settings), out);
  } finally {
    await simulator?.close();
  }
}

async function startSimulatorFor(graphFrom: string) {
  const [{ startTenantSimulator }, { systemClock }] = await Promise.all([import('../sim'), import('../bot/ports/clock')]);
  const scenario = (graphFrom.split(':')[1] ?? 'under-attack') as import('../sim').ScenarioName;
  return startTenantSimulator({ scenario, clock: systemClock });
}

/** Said once when the CLI runs on the same defaults as `npm start`, so nobody mistakes the simulation for their tenant. */
function defaultsNotice(graphFrom: string, configSource: string): string | undefined {
  const parts = [graphFrom.startsWith('simulator') && `the simulated tenant (${graphFrom.split(':')[1] ?? 'under-attack'})`, configSource === 'built-in playground config' && 'the built-in playground config'].filter(Boolean);
  return parts.length ? `Using ${parts.join(' and ')}, as npm start does: nothing real is configured (set AZURE_TENANT_ID/AZURE_CLIENT_ID or a config file).` : undefined;
}

/** The doctor's probes over the adapters the bot itself uses, so a pass means the bot's own calls work. */
async function doctorAdapters(vars: NodeJS.ProcessEnv = process.env): Promise<import('../bot/doctor/doctor-plan').DoctorAdapters> {
  const [{ openSqlStorage }, { MIGRATIONS }, { createGraphCredential }, { createGraphPort }, { graphScope }, { FEATURE_PERMISSIONS }, { requiredBotScopes }, { createPortWebClient }, { createSlackDoctorProbe }, { BOT_FRAMEWORK_SCOPE }, { silentLogger }] =
    await Promise.all([
      import('../adapters/storage/open-storage'),
      import('../adapters/storage/migrations'),
      import('../adapters/graph/credential'),
      import('../adapters/graph/graph-port'),
      import('../adapters/graph/credential-auth-provider'),
      import('../adapters/graph/permissions'),
      import('../adapters/slack/slack-scopes'),
      import('../adapters/slack/slack-web-client'),
      import('../adapters/slack/slack-doctor-probe'),
      import('../adapters/teams/token-credentials-factory'),
      import('../bot/core/logger'),
    ]);
  return {
    database: (target) => ({
      kind: target.databaseUrl ? 'postgres' : 'sqlite',
      describe: target.databaseUrl ? withoutPassword(target.databaseUrl) : resolve(target.sqlitePath),
      // Only the default file counts as "not created yet": a BREAKGLASS_DB that points nowhere is a mistake worth a FAIL.
      ...(!target.databaseUrl && !vars.BREAKGLASS_DB && !existsSync(target.sqlitePath) ? { notCreatedYet: true } : {}),
      schemaVersions: async () => {
        // Read-only: the doctor may run next to a live bot, and must not migrate anything itself.
        const storage = await openSqlStorage({ ...target, readOnly: true });
        try {
          await storage.sql.query('SELECT 1');
          const rows = await storage.sql.query<{ version: number }>('SELECT version FROM schema_migrations').catch(() => []);
          return { applied: rows.map((r) => Number(r.version)), known: MIGRATIONS.map((m) => m.version) };
        } finally {
          await storage.close();
        }
      },
    }),
    graph: (s) => {
      const credential = createGraphCredential({ ...s, tokenRetries: 0 });
      return {
        describe: `${new URL(s.baseUrl).origin}, tenant ${s.tenantId}, app ${s.clientId}`,
        accessToken: async () => {
          const token = await credential.getToken(graphScope(s.baseUrl));
          if (!token) throw new Error('The identity platform returned no token.');
          return token.token;
        },
        graph: createGraphPort({ ...s, credential, logger: silentLogger, logPageSize: 1, retry: { maxRetries: 0 } }),
      };
    },
    graphPermissions: FEATURE_PERMISSIONS,
    slack: ({ botToken, apiUrl }) => createSlackDoctorProbe(createPortWebClient(botToken, apiUrl, silentLogger)),
    slackScopes: requiredBotScopes(),
    teamsToken: (s) => async () => {
      if (!s.appPassword) throw new Error('MICROSOFT_APP_PASSWORD is not set.');
      const credential = createGraphCredential({ tenantId: s.appTenantId ?? 'botframework.com', clientId: s.appId, clientSecret: s.appPassword, authorityHost: s.authorityHost, tokenRetries: 0 });
      await credential.getToken(`${BOT_FRAMEWORK_SCOPE}/.default`);
    },
  };
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'DATABASE_URL (not a URL)';
  }
}

/**
 * Ends the process once everything written to stdout and stderr has gone out.
 * process.exit() at once would drop what a slow pipe (`| jq`, `| less`) has not
 * read yet; waiting on each stream's write callback lets the data drain first,
 * and the exit after it still ends the process if some handle lingers.
 */
export function exitAfterFlush(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.writableEnded || stream.destroyed) done();
    else stream.write('', () => done());
  }
}

// bin/breakglass.js requires this file, so there require.main is the bin script, not this module.
if (require.main === module || require.main?.filename === resolve(__dirname, '../bin/breakglass.js')) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) exitAfterFlush(code);
    },
    (e: unknown) => {
      process.stderr.write(`breakglass: ${toBreakglassError(e).userMessage}\n`);
      exitAfterFlush(1);
    },
  );
}
