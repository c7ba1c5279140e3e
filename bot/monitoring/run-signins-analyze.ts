import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { MonitoringContext } from '../../workflows/monitoring/context';
import { RISK_ORDER, type RiskLevel } from '../../workflows/monitoring/finding';
import type { Config } from '../config/schema';
import { isBreakglassError } from '../core/errors';
import { analyzeSignInFile } from './analyze-sign-in-file';
import { contextFromConfig } from './context-from-config';
import { formatGroup } from './format-findings';
import { loadConfigFile } from './load-config-file';
import { LOG_FILE_FORMATS, type LogFileFormat } from './log-file-format';
import { writeAnalysisJson } from './analysis-json-writer';

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface AnalyzeDeps {
  loadConfig?: (path: string) => Promise<Config>;
}

/** Above this share of unreadable records the answer is called incomplete. */
export const DEFAULT_MAX_SKIPPED_PERCENT = 5;
const SHOWN_REASONS = 5;

/** Exit codes: nothing found, findings, could not run (or could not read enough to say). */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const USAGE = `Usage: breakglass signins analyze <file> [options]

Runs the monitor's detection rules over a sign-in export, for when Graph
itself cannot be reached. Reads Graph JSON pages, JSONL, the Entra
portal's JSON and CSV downloads, Azure Monitor diagnostic records (Event Hub
or storage account: SignInLogs, NonInteractiveUserSignInLogs, AuditLogs) and
Log Analytics SigninLogs exports (CSV or JSON).

Options:
  --config <file>       bot config: emergency accounts, thresholds, working hours
  --privileged <upns>   comma-separated privileged UPNs or object ids (repeatable)
  --all-users           treat every account in the file as privileged
  --context <file>      JSON with extra rule context (privileged, baselines, declaredUses ...)
  --format <f>          jsonl | json | csv (default: from the name and content)
  --json                print the result as JSON
  --max-skipped <pct>   share of unreadable records tolerated (default 5)
  --parse-every-record  parse ordinary users' sign-ins too (slower; same
                        findings: by default they are counted from their
                        first fields and passed over)
  -h, --help            this text

Exit code: 0 no findings, 1 findings, 2 the file or config could not be read,
or no record could be read from it, or more than --max-skipped percent of its
records could not (the findings are then printed but incomplete).
`;

/**
 * `breakglass signins analyze <file>`: prints findings grouped by pattern,
 * loudest first. Returns the exit code; never calls process.exit.
 */
export async function runSigninsAnalyze(argv: readonly string[], io: CliStreams, deps: AnalyzeDeps = {}): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return EXIT_ERROR;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT_CLEAN;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    io.stderr.write(`Give exactly one file to analyze.\n\n${USAGE}`);
    return EXIT_ERROR;
  }
  if (values.format !== undefined && !LOG_FILE_FORMATS.includes(values.format as LogFileFormat)) {
    io.stderr.write(`--format must be one of ${LOG_FILE_FORMATS.join(', ')}.\n`);
    return EXIT_ERROR;
  }
  const maxSkipped = values['max-skipped'] === undefined ? DEFAULT_MAX_SKIPPED_PERCENT : Number(values['max-skipped']);
  if (!Number.isFinite(maxSkipped) || maxSkipped < 0 || maxSkipped > 100) {
    io.stderr.write('--max-skipped must be a percentage from 0 to 100.\n');
    return EXIT_ERROR;
  }

  try {
    const ctx = await buildContext(values, deps);
    const started = process.hrtime.bigint();
    const result = await analyzeSignInFile(file, ctx, { keepFindings: false, parseEveryRecord: values['parse-every-record'] === true, ...(values.format ? { format: values.format as LogFileFormat } : {}) });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const read = result.signIns + result.audits;
    const total = read + result.skipped;
    const reasons = result.skippedSamples.slice(0, SHOWN_REASONS).map((s) => `  ${s}\n`).join('');
    const more = result.skipped > SHOWN_REASONS ? `  ... and ${result.skipped - SHOWN_REASONS} more\n` : '';
    if (read === 0) {
      // Nothing read is not a quiet tenant: say so and print no verdict at all.
      io.stderr.write(
        total === 0
          ? `${file} holds no records (${result.format}): it is empty, or not a sign-in export. Nothing was analyzed.\n`
          : `No sign-in or directory audit could be read from ${file} (${result.format}): all ${total} records were skipped. Nothing was analyzed. First reasons:\n${reasons}${more}`,
      );
      if (result.ignored) io.stderr.write(`${ignoredText(result.ignored)}\n`);
      return EXIT_ERROR;
    }
    const skippedPercent = (100 * result.skipped) / total;
    const complete = skippedPercent <= maxSkipped;
    if (result.skipped > 0) io.stderr.write(`${result.skipped} of ${total} records in ${file} could not be read (${skippedPercent.toFixed(1)}%). First reasons:\n${reasons}${more}`);
    if (result.ignored) io.stderr.write(`${ignoredText(result.ignored)}\n`);

    if (values.json) {
      const head = { file, format: result.format, complete, signIns: result.signIns, audits: result.audits, skipped: result.skipped, ignored: result.ignored, passedOver: result.passedOver, findings: result.findingCount };
      writeAnalysisJson((text) => io.stdout.write(text), head, result.groups);
    } else {
      io.stdout.write(`Analyzed ${result.signIns} sign-ins and ${result.audits} directory audits from ${file} (${result.format}) in ${seconds.toFixed(1)} s${result.skipped ? `; ${result.skipped} records skipped` : ''}${result.passedOver ? `; ${result.passedOver} sign-ins of other accounts counted without parsing` : ''}.\n`);
      io.stdout.write(`${scopeText(ctx)}\n\n`);
      for (const g of result.groups) io.stdout.write(`${formatGroup(g)}\n\n`);
      io.stdout.write(
        complete
          ? `${summaryText(result.findingCount, result.groups.map((g) => g.riskLevel))}\n`
          : `INCOMPLETE: ${result.skipped} of ${total} records could not be read. ${summaryText(result.findingCount, result.groups.map((g) => g.riskLevel)).replace('No findings.', 'No findings in the records that could be read.')}\n`,
      );
    }
    if (!complete) {
      io.stderr.write(`More than ${maxSkipped}% of the records in ${file} could not be read, so these findings are incomplete (exit ${EXIT_ERROR}). Fix the export, or pass --max-skipped to accept it.\n`);
      return EXIT_ERROR;
    }
    return result.findingCount > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (e) {
    io.stderr.write(`${errorText(e, file)}\n`);
    return EXIT_ERROR;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      privileged: { type: 'string', multiple: true },
      'all-users': { type: 'boolean' },
      context: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      'max-skipped': { type: 'string' },
      'parse-every-record': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function buildContext(values: ReturnType<typeof parse>['values'], deps: AnalyzeDeps): Promise<MonitoringContext> {
  const config = values.config ? await (deps.loadConfig ?? loadConfigFile)(values.config) : undefined;
  let ctx: MonitoringContext = config ? contextFromConfig(config) : {};
  if (values.context) {
    const extra = JSON.parse(await readFile(values.context, 'utf8')) as MonitoringContext;
    // A `privileged list --json` export adds to the accounts config names; it does not replace them.
    ctx = { ...ctx, ...extra, privileged: [...(ctx.privileged ?? []), ...(extra.privileged ?? [])] };
  }
  const listed = (values.privileged ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  const refs = listed.map((s) => (s.includes('@') ? { upn: s } : { id: s }));
  // Offline there are no role assignments to ask: accounts named like admins count too.
  return { ...ctx, privileged: [...(ctx.privileged ?? []), ...refs], privilegedByPrefix: true, allAccountsPrivileged: values['all-users'] === true };
}

function scopeText(ctx: MonitoringContext): string {
  const emergency = ctx.emergency?.length ?? 0;
  const who = ctx.allAccountsPrivileged
    ? 'every account in the file'
    : `${ctx.privileged?.length ?? 0} listed account${ctx.privileged?.length === 1 ? '' : 's'} and names starting '${ctx.privilegedNamePrefix ?? 'adm-'}'`;
  const hint = ctx.allAccountsPrivileged || ctx.privileged?.length ? '' : ' (use --privileged or --all-users to widen)';
  return `Privileged: ${who}${hint}. Emergency accounts: ${emergency}${emergency ? '' : ' (none configured; use --config)'}.`;
}

function summaryText(findings: number, risks: RiskLevel[]): string {
  if (findings === 0) return 'No findings.';
  const byRisk = (['High', 'Medium', 'Low'] as RiskLevel[]).map((r) => [r, risks.filter((x) => x === r).length] as const).filter(([, n]) => n > 0);
  byRisk.sort((a, b) => RISK_ORDER[a[0]] - RISK_ORDER[b[0]]);
  return `${findings} finding${findings === 1 ? '' : 's'} in ${risks.length} group${risks.length === 1 ? '' : 's'}: ${byRisk.map(([r, n]) => `${n} ${r}`).join(', ')}.`;
}

function ignoredText(ignored: number): string {
  return `${ignored} record${ignored === 1 ? ' was' : 's were'} left aside as categories the rules do not read (service principal, managed identity, provisioning ...).`;
}

function errorText(e: unknown, file: string): string {
  if (isBreakglassError(e)) return e.userMessage;
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return `No such file: ${err.path ?? file}`;
  if (err.code === 'EACCES') return `Not allowed to read ${err.path ?? file}`;
  if (e instanceof SyntaxError) return `${file} could not be read: ${e.message}`;
  return `Analysis failed: ${err.message ?? String(e)}`;
}
