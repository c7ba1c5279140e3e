import { parseDuration } from '../../workflows/duration';
import { buildRuleContext, type MonitoringContext } from '../../workflows/monitoring/context';
import { sortFindings, type Finding } from '../../workflows/monitoring/finding';
import { findingIdentity } from '../../workflows/monitoring/finding-identity';
import { createStreamingEvaluator } from '../../workflows/monitoring/streaming-evaluator';
import type { Config } from '../config/schema';
import { toBreakglassError } from '../core/errors';
import type { GraphPort } from '../ports/graph-port';
import type { Logger } from '../core/logger';
import type { Place } from '../core/platform';
import { BackgroundLoop } from '../runtime/background-loop';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import { alertSettings } from './alert-settings';
import { BLIND_AFTER_FAILURES, blindMonitorFinding } from './blind-monitor';
import { learnSignIn, loadBaselines, saveBaselines, type Baselines } from './baseline-store';
import { privilegedRefresher, type PrivilegedSet } from '../effects/privileged-accounts';
import { monitorContext } from './monitor-context';
import { pollWindow } from './poll-window';
import { raiseFinding, type RaiseDeps } from './raise-finding';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface MonitorPollerOptions {
  config: Config;
  graph: GraphPort;
  runtime: WorkflowRuntime;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /** Who holds the lease: stable across a restart of the same process slot, distinct per replica. */
  owner: string;
  /** Where alerts outside incidents are posted (the security channel on a connected platform). */
  securityHome: Place | undefined;
  /** The data comes from the tenant simulator: cards say so. */
  simulated?: boolean;
  /** How far back the very first poll looks (default 24 h). */
  firstLookbackMs?: number;
  /**
   * Sign-ins before the first window that seed the device and location baselines (default 3 days):
   * read once, on the very first poll; a longer history costs a large tenant minutes of paced reads.
   */
  baselineHistoryMs?: number;
}

export interface PollReport {
  since: string;
  until: string;
  signIns: number;
  audits: number;
  /** Everything the rules found in the window, in time order (repeats of earlier polls included). */
  findings: Finding[];
  /** Findings that were new: delivered to an alert for the first time. */
  delivered: number;
  /** What the rules knew, for the record (and the offline analyzer). */
  context: MonitoringContext;
}

/**
 * Reads sign-ins and directory audits from Graph one time window per poll,
 * from the persisted watermark minus an overlap (logs arrive late), runs the
 * monitor's rules over them as a stream, and delivers each new finding to
 * its alert. One replica polls a tenant at a time (a lease); the watermark
 * moves only after every alert of the window is committed, so a crash means
 * the window is read again, and delivery is idempotent, so reading it again
 * posts nothing twice.
 */
export class MonitorPoller {
  private readonly loop: BackgroundLoop;
  private lastAttemptAt: number | undefined;
  /** The current run of failed polls: when it began and how long it is. */
  private failing: { since: number; count: number } | undefined;
  readonly intervalMs: number;
  private readonly overlapMs: number;
  private readonly cooldownMs: number;
  private readonly leaseMs: number;
  private readonly tenant: string;
  private readonly privilegedSet: () => Promise<PrivilegedSet>;

  constructor(private readonly options: MonitorPollerOptions) {
    const m = options.config.monitoring;
    this.intervalMs = parseDuration(m.pollInterval) ?? MINUTE;
    this.overlapMs = parseDuration(m.overlap) ?? 10 * MINUTE;
    this.cooldownMs = parseDuration(m.alertCooldown) ?? 30 * MINUTE;
    // Long enough to outlast a slow poll, short enough that another replica takes over soon after a crash.
    this.leaseMs = Math.max(3 * this.intervalMs, 2 * MINUTE);
    this.tenant = options.config.tenant.id;
    this.privilegedSet = privilegedRefresher(options.config, options.graph, () => options.clock.now(), parseDuration(m.privilegedRefresh) ?? 15 * MINUTE);
    this.loop = new BackgroundLoop(() => this.pollIfDue(), options.logger, 'monitor poll failed');
  }

  /** Polls when the poll interval has passed since the last attempt (the bot's tick and loop call this). */
  async tick(): Promise<void> {
    await this.loop.run();
  }

  /** Checks every few seconds and polls when due, so a stopped bot's restart or a moved clock is noticed soon. */
  start(): void {
    this.loop.start(Math.min(this.intervalMs, 15_000));
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One poll now. undefined when another replica holds the tenant's lease. Throws when Graph fails. */
  async pollNow(): Promise<PollReport | undefined> {
    const { storage, clock, logger, graph } = this.options;
    const now = clock.now();
    this.lastAttemptAt = now;
    if (!(await storage.acquireLease(`monitor:${this.tenant}`, this.options.owner, now, this.leaseMs))) {
      logger.debug({ tenant: this.tenant }, 'another replica is monitoring this tenant');
      return undefined;
    }
    const watermarkName = `monitor:${this.tenant}`;
    const window = pollWindow({
      watermark: await storage.getWatermark(watermarkName),
      now,
      overlapMs: this.overlapMs,
      firstLookbackMs: this.options.firstLookbackMs ?? DAY,
      // The rules' own counting window (config leaves it at the rules' default).
      alignMs: buildRuleContext({}).badPasswordWindowMs,
      maxCatchUpMs: 30 * DAY,
    });
    const since = new Date(window.since).toISOString();
    const until = new Date(window.until).toISOString();

    const stored = await loadBaselines(storage, this.tenant);
    const baselines: Baselines = stored ?? {};
    const known = await monitorContext({ ...this.options, privilegedSet: this.privilegedSet }, window.since, baselines);
    if (!stored) await this.seedBaselines(baselines, known, window.since);
    // The rules judge against the baselines as they were before this window; learning goes on beside them.
    const context: MonitoringContext = { ...known, baselines: structuredClone(baselines) };
    const rules = buildRuleContext(context);

    const findings: Finding[] = [];
    const evaluator = createStreamingEvaluator(rules, { onFinding: (f) => findings.push(f) });
    let learned = !stored;
    for await (const page of graph.signIns({ since, until })) {
      evaluator.addSignIns(page);
      for (const r of page) learned = learnSignIn(baselines, r, rules) || learned;
    }
    for await (const page of graph.directoryAudits({ since, until })) evaluator.addAudits(page);
    evaluator.finish();
    sortFindings(findings);

    const deps = this.raiseDeps();
    let delivered = 0;
    for (const f of findings) if (await raiseFinding(deps, f, findingIdentity(f, rules.badPasswordWindowMs), now)) delivered++;

    // Only now: every alert of the window is committed.
    if (learned) await saveBaselines(storage, this.tenant, baselines);
    await storage.setWatermark(watermarkName, until);
    const report: PollReport = { since, until, signIns: evaluator.stats.signIns, audits: evaluator.stats.audits, findings, delivered, context };
    logger.info({ tenant: this.tenant, since, until, signIns: report.signIns, audits: report.audits, findings: findings.length, delivered }, 'monitor poll');
    return report;
  }

  private async pollIfDue(): Promise<number> {
    const now = this.options.clock.now();
    if (this.lastAttemptAt !== undefined && now - this.lastAttemptAt < this.intervalMs) return 0;
    try {
      const report = await this.pollNow();
      if (report) this.failing = undefined;
      return report?.delivered ?? 0;
    } catch (e) {
      // The watermark did not move: the next poll reads the same window again.
      const err = toBreakglassError(e);
      this.options.logger.warn({ err: e, code: err.code, tenant: this.tenant }, 'monitor poll failed; will retry next interval');
      this.failing = { since: this.failing?.since ?? now, count: (this.failing?.count ?? 0) + 1 };
      if (this.failing.count === BLIND_AFTER_FAILURES) await this.sayBlind(err.userMessage, this.failing.since, now);
      return 0;
    }
  }

  private async sayBlind(reason: string, since: number, now: number): Promise<void> {
    const finding = blindMonitorFinding(reason, since);
    try {
      await raiseFinding(this.raiseDeps(), finding, `monitor.blind:${since}`, now);
    } catch (e) {
      // Most likely the database is what is down; the log is all that is left.
      this.options.logger.error({ err: e, tenant: this.tenant }, 'the monitor cannot read the logs and could not raise an alert about it');
    }
  }

  private raiseDeps(): RaiseDeps {
    return {
      runtime: this.options.runtime,
      storage: this.options.storage,
      logger: this.options.logger,
      tenant: this.tenant,
      simulated: this.options.simulated === true,
      settings: alertSettings(this.options.config),
      cooldownMs: this.cooldownMs,
      securityHome: this.options.securityHome,
    };
  }

  /** The first poll learns where privileged accounts normally sign in from the days before its window. */
  private async seedBaselines(baselines: Baselines, known: MonitoringContext, windowSince: number): Promise<void> {
    const rules = buildRuleContext(known);
    const historyMs = this.options.baselineHistoryMs ?? 3 * DAY;
    const window = { since: new Date(windowSince - historyMs).toISOString(), until: new Date(windowSince).toISOString() };
    for await (const page of this.options.graph.signIns(window)) for (const r of page) learnSignIn(baselines, r, rules);
  }
}
