import type { DirectoryAudit, SignIn } from '../graph-records';
import { AUDIT_RULES, SIGN_IN_RULES } from './all-rules';
import { toRuleContext, type MonitoringContext, type RuleContext, type Subject } from './context';
import { sortFindings, type Finding } from './finding';
import type { Accumulator, RecordRule } from './rule';

export interface StreamingEvaluator {
  addSignIn(record: SignIn): void;
  addSignIns(page: readonly SignIn[]): void;
  addAudit(record: DirectoryAudit): void;
  addAudits(page: readonly DirectoryAudit[]): void;
  /**
   * Closes the threshold and correlation rules. With `onFinding` every
   * finding has been delivered there and this returns []; otherwise it
   * returns all findings in time order.
   */
  finish(): Finding[];
  readonly stats: { signIns: number; audits: number; findings: number };
}

export interface StreamingOptions {
  /** Receive findings as they happen instead of collecting them (bounded memory). */
  onFinding?: (finding: Finding) => void;
}

const NO_SUBJECT: Subject = { kind: 'other', name: '' };

/**
 * Feeds records one at a time or page by page. State is per user and window
 * (counters, a few ids), never the records, so a million sign-ins cost what
 * the privileged ones among them cost. Records of ordinary users are dropped
 * after one lookup: every sign-in rule is about privileged or emergency accounts.
 */
export function createStreamingEvaluator(context?: RuleContext | MonitoringContext, options: StreamingOptions = {}): StreamingEvaluator {
  const ctx = toRuleContext(context);
  const collected: Finding[] = [];
  const stats = { signIns: 0, audits: 0, findings: 0 };
  const emit =
    options.onFinding ??
    ((f: Finding): void => {
      collected.push(f);
    });
  const deliver = (f: Finding | undefined): void => {
    if (!f) return;
    stats.findings++;
    emit(f);
  };

  const signInMatchers: RecordRule<SignIn>[] = [];
  const signInAccumulators: Accumulator<SignIn>[] = [];
  for (const rule of SIGN_IN_RULES) {
    if (rule.kind === 'record') signInMatchers.push(rule);
    else signInAccumulators.push(rule.start(ctx));
  }
  const auditMatchers: RecordRule<DirectoryAudit>[] = [];
  const auditAccumulators: Accumulator<DirectoryAudit>[] = [];
  for (const rule of AUDIT_RULES) {
    if (rule.kind === 'record') auditMatchers.push(rule);
    else auditAccumulators.push(rule.start(ctx));
  }
  let finished = false;

  const addSignIn = (r: SignIn): void => {
    stats.signIns++;
    if (ctx.classify(r.userPrincipalName, r.userId) === 'other') return;
    const subject = ctx.subject(r.userPrincipalName, r.userId);
    for (const rule of signInMatchers) deliver(rule.match(r, ctx, subject));
    for (const acc of signInAccumulators) acc.add(r, subject);
  };
  const addAudit = (a: DirectoryAudit): void => {
    stats.audits++;
    for (const rule of auditMatchers) deliver(rule.match(a, ctx, NO_SUBJECT));
    for (const acc of auditAccumulators) acc.add(a, NO_SUBJECT);
  };

  return {
    stats,
    addSignIn,
    addSignIns(page) {
      for (const r of page) addSignIn(r);
    },
    addAudit,
    addAudits(page) {
      for (const a of page) addAudit(a);
    },
    finish() {
      if (finished) throw new Error('streaming evaluator already finished');
      finished = true;
      for (const acc of signInAccumulators) for (const f of acc.finish()) deliver(f);
      for (const acc of auditAccumulators) for (const f of acc.finish()) deliver(f);
      return options.onFinding ? [] : sortFindings(collected);
    },
  };
}
