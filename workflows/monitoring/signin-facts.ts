import type { SignIn } from '../graph-records';
import type { RuleContext, Subject } from './context';
import type { Finding, FindingWhere } from './finding';
import { recordFinding } from './record-finding';
import type { RuleMeta } from './rule';

/** What every sign-in finding says about where it came from. */
export function signInWhere(r: SignIn): FindingWhere {
  const where: FindingWhere = {};
  if (r.ipAddress) where.ip = r.ipAddress;
  const loc = locationText(r);
  if (loc) where.location = loc;
  if (r.appDisplayName) where.app = r.appDisplayName;
  if (r.clientAppUsed) where.client = r.clientAppUsed;
  const dev = deviceText(r);
  if (dev) where.device = dev;
  return where;
}

export function locationText(r: SignIn): string | undefined {
  const l = r.location;
  if (!l) return undefined;
  const parts = [l.city, l.state, l.countryOrRegion].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : undefined;
}

export function deviceText(r: SignIn): string | undefined {
  const d = r.deviceDetail;
  if (!d) return undefined;
  const name = [d.operatingSystem, d.browser].filter((p): p is string => !!p).join(' / ');
  const flags = [d.isCompliant ? 'compliant' : '', d.isManaged ? 'managed' : ''].filter(Boolean).join(', ');
  const id = d.displayName || d.deviceId || '';
  const text = [id, name].filter(Boolean).join(' ') + (flags ? ` (${flags})` : '');
  return text || undefined;
}

export function country(r: SignIn): string | undefined {
  const c = r.location?.countryOrRegion;
  return c ? c.toUpperCase() : undefined;
}

export function isSuccess(r: SignIn): boolean {
  return r.status.errorCode === 0;
}

/** 'error 50126: Invalid username or password.' for finding details. */
export function statusText(r: SignIn): string {
  if (r.status.errorCode === 0) return 'succeeded';
  // Entra's reasons end with a full stop; the caller ends the sentence.
  const reason = r.status.failureReason ? `: ${r.status.failureReason.replace(/\.\s*$/, '')}` : '';
  return `failed with error ${r.status.errorCode}${reason}`;
}


/**
 * `discriminator` separates one pattern from another for the same user (an
 * IP, a country) so the alert layer groups repeats but not different attacks.
 */
export function signInFinding(r: SignIn, ctx: RuleContext, subject: Subject, rule: RuleMeta, detail: string, discriminator?: string | null): Finding {
  return recordFinding({ id: r.id, when: r.createdDateTime, where: signInWhere(r) }, ctx, subject, rule, detail, discriminator ?? undefined);
}

/**
 * The generic privileged sign-in rules leave emergency accounts to the
 * emergency rule: one record, one alert, and the loud one.
 */
export function isWatchedPrivileged(subject: Subject): boolean {
  return subject.kind === 'privileged';
}
