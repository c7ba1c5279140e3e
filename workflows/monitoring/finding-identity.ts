import type { Finding } from './finding';
import { badPasswordThreshold } from './rules/signin-bad-password-threshold';

/**
 * What makes two findings the same occurrence, so a poll that reads a record
 * again (the overlap window) delivers nothing new: the rule and its record,
 * or for the bad-password threshold, the user and the counting window (its
 * records grow as late ones arrive, the window does not move).
 */
export function findingIdentity(f: Finding, badPasswordWindowMs: number): string {
  if (f.ruleId === badPasswordThreshold.id) {
    return `${f.ruleId}|${f.subject.toLowerCase()}|${Math.floor(Date.parse(f.when) / badPasswordWindowMs)}`;
  }
  return `${f.ruleId}|${f.recordIds[0] ?? `${f.dedupeKey}|${f.when}`}`;
}
