import { createFindingGrouper, type FindingGroup } from '../../workflows/monitoring/group-findings';
import { toRuleContext, type MonitoringContext, type RuleContext } from '../../workflows/monitoring/context';
import { sortFindings, type Finding } from '../../workflows/monitoring/finding';
import { createStreamingEvaluator } from '../../workflows/monitoring/streaming-evaluator';
import { readLogFile, sniffLogFileFormat } from './read-log-file';
import { createSignInPreFilter } from './sign-in-pre-filter';
import type { LogFileFormat } from './log-file-format';

export interface AnalyzeOptions {
  format?: LogFileFormat;
  /**
   * Keep every finding (default). The CLI turns this off and keeps only the
   * groups, so memory follows the number of distinct patterns.
   */
  keepFindings?: boolean;
  chunkSize?: number;
  /**
   * Parse every record (default false): without this, ordinary users'
   * sign-ins are counted from their first bytes and not parsed. For checking
   * that both give the same findings.
   */
  parseEveryRecord?: boolean;
}

export interface AnalyzeResult {
  format: LogFileFormat;
  signIns: number;
  audits: number;
  skipped: number;
  /** Records read but of kinds the rules do not look at (other diagnostic log categories). */
  ignored: number;
  /** Of `signIns`, those of accounts outside the privileged set, counted but not parsed. */
  passedOver: number;
  /** The first few reasons records were left out. */
  skippedSamples: string[];
  /** In time order; empty when keepFindings is false. */
  findings: Finding[];
  groups: FindingGroup[];
  findingCount: number;
}

const MAX_SKIP_SAMPLES = 20;

/**
 * The monitor's rules over an exported file, streamed: the same evaluator
 * the live poller feeds, so both give the same findings on the same records.
 */
export async function analyzeSignInFile(path: string, context?: RuleContext | MonitoringContext, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const ctx = toRuleContext(context);
  const format = options.format ?? (await sniffLogFileFormat(path));
  const keep = options.keepFindings !== false;
  const findings: Finding[] = [];
  const grouper = createFindingGrouper();
  const ev = createStreamingEvaluator(ctx, {
    onFinding(f) {
      grouper.add(f);
      if (keep) findings.push(f);
    },
  });
  let skipped = 0;
  let ignored = 0;
  let passedOver = 0;
  const preFilter = options.parseEveryRecord === true ? undefined : createSignInPreFilter(ctx);
  const skippedSamples: string[] = [];
  for await (const page of readLogFile(path, { format, ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}), ...(preFilter ? { preFilter } : {}) })) {
    ev.addSignIns(page.signIns);
    ev.addAudits(page.audits);
    skipped += page.skipped.length;
    ignored += page.ignored;
    passedOver += page.passedOver;
    for (const s of page.skipped) if (skippedSamples.length < MAX_SKIP_SAMPLES) skippedSamples.push(s);
  }
  ev.finish();
  return {
    format,
    signIns: ev.stats.signIns + passedOver,
    audits: ev.stats.audits,
    skipped,
    ignored,
    passedOver,
    skippedSamples,
    findings: sortFindings(findings),
    groups: grouper.groups(),
    findingCount: ev.stats.findings,
  };
}
