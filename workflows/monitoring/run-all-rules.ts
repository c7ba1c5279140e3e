import type { DirectoryAudit, SignIn } from '../graph-records';
import { AUDIT_RULES, SIGN_IN_RULES } from './all-rules';
import { toRuleContext, type MonitoringContext, type RuleContext } from './context';
import { sortFindings, type Finding } from './finding';

/**
 * Batch form: every rule over the whole window, findings in time order. The
 * live poller can call this per poll window; the streaming evaluator gives
 * the same findings with bounded memory.
 */
export function runAllRules(signIns: readonly SignIn[], audits: readonly DirectoryAudit[], context?: RuleContext | MonitoringContext): Finding[] {
  const ctx = toRuleContext(context);
  const out: Finding[] = [];
  // Loops, not push(...spread): a big window can hold more findings than the call stack has room for arguments.
  for (const rule of SIGN_IN_RULES) for (const f of rule.evaluate(signIns, ctx)) out.push(f);
  for (const rule of AUDIT_RULES) for (const f of rule.evaluate(audits, ctx)) out.push(f);
  return sortFindings(out);
}
