import type { DirectoryAudit, SignIn } from '../graph-records';
import type { RuleContext, Subject } from './context';
import type { Finding, RiskLevel } from './finding';

/** The table-row facts every finding of a rule repeats. */
export interface RuleMeta {
  id: string;
  title: string;
  riskLevel: RiskLevel;
}

/**
 * A detection rule is pure. Most look at one record at a time (`match`);
 * threshold and correlation rules keep a small accumulator (`start`) so the
 * streaming evaluator can feed them page by page with bounded memory.
 * `evaluate` is the batch form every rule offers.
 */
interface RuleBase<R> extends RuleMeta {
  source: 'signIn' | 'audit';
  evaluate(records: readonly R[], ctx: RuleContext): Finding[];
}

export interface RecordRule<R> extends RuleBase<R> {
  kind: 'record';
  /**
   * Sign-in rules are told who the record's user is (classified once per
   * record); audit rules work out their own subject from the targets.
   */
  match(record: R, ctx: RuleContext, subject: Subject): Finding | undefined;
}

export interface Accumulator<R> {
  add(record: R, subject: Subject): void;
  /** Findings for everything added so far; the accumulator may not be used after. */
  finish(): Finding[];
}

export interface AggregateRule<R> extends RuleBase<R> {
  kind: 'aggregate';
  start(ctx: RuleContext): Accumulator<R>;
}

export type SignInRule = RecordRule<SignIn> | AggregateRule<SignIn>;
export type AuditRule = RecordRule<DirectoryAudit> | AggregateRule<DirectoryAudit>;
export type Rule = SignInRule | AuditRule;

type RecordRuleSpec<R> = Omit<RecordRule<R>, 'kind' | 'evaluate' | 'source'>;
type AggregateRuleSpec<R> = Omit<AggregateRule<R>, 'kind' | 'evaluate' | 'source'>;

export function signInRule(spec: RecordRuleSpec<SignIn>): RecordRule<SignIn> {
  return {
    ...spec,
    kind: 'record',
    source: 'signIn',
    evaluate(records, ctx) {
      const out: Finding[] = [];
      for (const r of records) {
        const f = spec.match(r, ctx, ctx.subject(r.userPrincipalName, r.userId));
        if (f) out.push(f);
      }
      return out;
    },
  };
}

export function auditRule(spec: RecordRuleSpec<DirectoryAudit>): RecordRule<DirectoryAudit> {
  return {
    ...spec,
    kind: 'record',
    source: 'audit',
    evaluate(records, ctx) {
      const out: Finding[] = [];
      const none = { kind: 'other', name: '' } as const;
      for (const r of records) {
        const f = spec.match(r, ctx, none);
        if (f) out.push(f);
      }
      return out;
    },
  };
}

export function signInAggregateRule(spec: AggregateRuleSpec<SignIn>): AggregateRule<SignIn> {
  return {
    ...spec,
    kind: 'aggregate',
    source: 'signIn',
    evaluate(records, ctx) {
      const acc = spec.start(ctx);
      for (const r of records) acc.add(r, ctx.subject(r.userPrincipalName, r.userId));
      return acc.finish();
    },
  };
}

export function auditAggregateRule(spec: AggregateRuleSpec<DirectoryAudit>): AggregateRule<DirectoryAudit> {
  return {
    ...spec,
    kind: 'aggregate',
    source: 'audit',
    evaluate(records, ctx) {
      const acc = spec.start(ctx);
      const none = { kind: 'other', name: '' } as const;
      for (const r of records) acc.add(r, none);
      return acc.finish();
    },
  };
}
