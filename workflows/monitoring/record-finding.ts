import type { RuleContext, Subject } from './context';
import { dedupeKeyOf, type Finding, type FindingWhere } from './finding';
import type { RuleMeta } from './rule';

/** The log record a finding comes from, whatever its kind (a sign-in, a directory audit). */
export interface FindingSource {
  id: string;
  /** ISO time of the record (createdDateTime, activityDateTime). */
  when: string;
  where: FindingWhere;
}

/**
 * One record's finding about one subject, filled the same way by every rule.
 * `discriminator` separates one pattern from another for the same subject (an
 * IP, a country) so the alert layer groups repeats but not different attacks.
 * An emergency account's finding carries the declared use that covers it, if any.
 */
export function recordFinding(source: FindingSource, ctx: RuleContext, subject: Subject, rule: RuleMeta, detail: string, discriminator?: string): Finding {
  const f: Finding = {
    ruleId: rule.id,
    riskLevel: rule.riskLevel,
    title: rule.title,
    detail,
    subject: subject.name,
    emergencyAccount: subject.kind === 'emergency',
    when: source.when,
    where: source.where,
    recordIds: [source.id],
    recordCount: 1,
    dedupeKey: dedupeKeyOf(rule.id, subject.name, discriminator),
  };
  if (subject.id) f.subjectId = subject.id;
  if (subject.kind === 'emergency') {
    const use = ctx.declaredUseFor(subject.name, subject.id, Date.parse(source.when));
    if (use) f.expectedUse = use;
  }
  return f;
}
