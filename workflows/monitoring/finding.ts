/**
 * What a detection rule reports. One finding per matching record (or, for
 * threshold rules, per user and time window). `dedupeKey` carries no time, so
 * the alert layer can group repeats of the same pattern within its cooldown and
 * a false-positive mark can suppress the pattern.
 */

/** The risk level of the guide's table row the rule implements. */
export type RiskLevel = 'High' | 'Medium' | 'Low';

export const RISK_ORDER: Record<RiskLevel, number> = { High: 0, Medium: 1, Low: 2 };

export interface FindingWhere {
  ip?: string;
  /** 'City, State, CC' as far as known. */
  location?: string;
  app?: string;
  /** clientAppUsed, e.g. 'Browser', 'IMAP4'. */
  client?: string;
  /** 'Windows 11 / Edge (compliant)' or a device id. */
  device?: string;
}

export interface Finding {
  ruleId: string;
  riskLevel: RiskLevel;
  /** The rule's title, e.g. 'Sign-in blocked by Conditional Access'. */
  title: string;
  /** One plain sentence about this occurrence (error code, role, reason). */
  detail: string;
  /** UPN of the account concerned; the object id when no UPN is known. */
  subject: string;
  subjectId?: string;
  /** True for break-glass accounts: the loudest alert, paged to managers. */
  emergencyAccount: boolean;
  /** ISO time of the (first) record. */
  when: string;
  /** ISO time of the last record, for findings built from several records. */
  until?: string;
  where: FindingWhere;
  /** Raw Graph record ids (sign-in or directory audit ids), capped at MAX_RECORD_IDS. */
  recordIds: string[];
  /** How many records the finding stands for (can exceed recordIds.length). */
  recordCount: number;
  dedupeKey: string;
  /** Id of the open break-glass incident whose declared use this matches. */
  expectedUse?: string;
}

/** Enough ids to investigate; a spray of 100,000 attempts must not grow memory. */
export const MAX_RECORD_IDS = 50;

/**
 * Graph writes times as '...Z' or '...+00:00', with or without fractions, so
 * times compare as instants, not as text.
 */
export function compareTimes(a: string, b: string): number {
  if (a === b) return 0;
  const d = Date.parse(a) - Date.parse(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order for output and comparison: time, then rule, then first record. */
export function compareFindings(a: Finding, b: Finding): number {
  const t = compareTimes(a.when, b.when);
  if (t !== 0) return t;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  const ra = a.recordIds[0] ?? '';
  const rb = b.recordIds[0] ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

/** `ruleId|subject|discriminator`, lower-cased: no time, so repeats group. */
export function dedupeKeyOf(ruleId: string, subject: string, discriminator?: string): string {
  return discriminator ? `${ruleId}|${subject.toLowerCase()}|${discriminator.toLowerCase()}` : `${ruleId}|${subject.toLowerCase()}`;
}
