import type { SignIn } from '../graph-records';
import { isWithinWorkingHours, type WorkingHours } from '../shared/working-hours';
import { MFA_DENIED_PATTERN, errorCodeMeaning } from './sign-in-error-codes';

/**
 * Step 5's summary of one window of sign-ins. The effect handler fetches the
 * window once (Graph allows few sign-in queries per tenant) and calls this;
 * the result travels back to the machine in `graph.signIns.succeeded`, so it
 * is plain JSON and every list is bounded.
 */
export interface SignInSummaryOptions {
  since: string;
  until: string;
  /** When absent, sign-ins outside working hours are not looked for. */
  workingHours?: WorkingHours;
  /** ISO country codes considered normal; empty = compare each user with their own usual country. */
  allowedCountries?: string[];
  emergencyUpns?: string[];
  /** Longest list kept per finding; default 10. */
  maxItems?: number;
}

export interface FailureGroup {
  code: number;
  meaning: string;
  count: number;
  users: string[];
}

export interface SignInSummary {
  window: { since: string; until: string };
  total: number;
  succeeded: number;
  failed: number;
  users: number;
  failuresByCode: FailureGroup[];
  mfaDenied: { count: number; users: string[] };
  /** Successful sign-ins from a country new for the user (count = successes). */
  newCountries: Array<{ user: string; country: string; count: number }>;
  /** Only failed attempts from a new country: someone trying, not someone in (absent in older snapshots). */
  failedFromNewCountries?: Array<{ user: string; country: string; count: number }>;
  outsideWorkingHours: { checked: boolean; count: number; items: Array<{ user: string; at: string; country?: string }> };
  legacyProtocols: Array<{ user: string; clientApp: string; count: number }>;
  risky: { count: number; items: Array<{ user: string; at: string; level: string; state?: string }> };
  emergencyAccounts: Array<{ upn: string; count: number; failed: number; lastAt: string }>;
  /** Said every time: the newest sign-ins may not be in the report yet. */
  lagNote: string;
}

export const SIGN_IN_LAG_NOTE =
  'Sign-in reports arrive a few minutes late (MFA events can take longer), so the newest attempts may be missing: run the review again later.';

/** The two clientAppUsed values that mean modern authentication; everything else named is a legacy protocol. */
const MODERN_CLIENTS = new Set(['browser', 'mobile apps and desktop clients']);
const RISKY_LEVELS = new Set(['low', 'medium', 'high']);
const RISKY_STATES = new Set(['atRisk', 'confirmedCompromised']);

export function summarizeSignIns(records: readonly SignIn[], opts: SignInSummaryOptions): SignInSummary {
  const max = opts.maxItems ?? 10;
  const newestFirst = [...records].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  const failed = newestFirst.filter((r) => r.status.errorCode !== 0);

  return {
    window: { since: opts.since, until: opts.until },
    total: records.length,
    succeeded: records.length - failed.length,
    failed: failed.length,
    users: new Set(records.map((r) => r.userPrincipalName.toLowerCase())).size,
    failuresByCode: groupFailures(failed, max),
    mfaDenied: mfaDenied(newestFirst, max),
    ...countriesSplit(newestFirst, opts.allowedCountries ?? [], max),
    outsideWorkingHours: outsideWorkingHours(newestFirst, opts.workingHours, max),
    legacyProtocols: legacyProtocols(newestFirst, max),
    risky: risky(newestFirst, max),
    emergencyAccounts: emergencyAccounts(newestFirst, opts.emergencyUpns ?? []),
    lagNote: SIGN_IN_LAG_NOTE,
  };
}

/** True when the summary has anything a responder should look at. */
export function hasFindings(s: SignInSummary): boolean {
  return s.failed > 0 || s.mfaDenied.count > 0 || s.newCountries.length > 0 || s.outsideWorkingHours.count > 0 || s.legacyProtocols.length > 0 || s.risky.count > 0 || s.emergencyAccounts.length > 0;
}

function distinctUsers(records: readonly SignIn[], max: number): string[] {
  return [...new Set(records.map((r) => r.userPrincipalName))].slice(0, max);
}

function groupFailures(failed: readonly SignIn[], max: number): FailureGroup[] {
  const byCode = new Map<number, SignIn[]>();
  for (const r of failed) {
    const group = byCode.get(r.status.errorCode);
    if (group) group.push(r);
    else byCode.set(r.status.errorCode, [r]);
  }
  return [...byCode.entries()]
    .map(([code, rs]) => ({ code, meaning: errorCodeMeaning(code, rs[0]?.status.failureReason), count: rs.length, users: distinctUsers(rs, max) }))
    .sort((a, b) => b.count - a.count || a.code - b.code)
    .slice(0, max);
}

function isMfaDenied(r: SignIn): boolean {
  const texts = [r.status.additionalDetails, r.status.failureReason, ...(r.authenticationDetails ?? []).map((d) => d.authenticationStepResultDetail)];
  return texts.some((t) => typeof t === 'string' && MFA_DENIED_PATTERN.test(t));
}

function mfaDenied(records: readonly SignIn[], max: number): SignInSummary['mfaDenied'] {
  const denied = records.filter(isMfaDenied);
  return { count: denied.length, users: distinctUsers(denied, max) };
}

function countryOf(r: SignIn): string | undefined {
  const c = r.location?.countryOrRegion?.trim();
  return c ? c.toUpperCase() : undefined;
}

/**
 * With allowed countries configured, any other country is new. Without, a
 * user's most frequent country in the window is their baseline and the
 * others are new: one window is all step 5 has.
 */
function countriesSplit(records: readonly SignIn[], allowed: readonly string[], max: number): Pick<SignInSummary, 'newCountries' | 'failedFromNewCountries'> {
  const perUser = new Map<string, Map<string, { all: number; ok: number }>>();
  for (const r of records) {
    const country = countryOf(r);
    if (!country) continue;
    const counts = perUser.get(r.userPrincipalName) ?? new Map<string, { all: number; ok: number }>();
    const c = counts.get(country) ?? { all: 0, ok: 0 };
    counts.set(country, { all: c.all + 1, ok: c.ok + (r.status.errorCode === 0 ? 1 : 0) });
    perUser.set(r.userPrincipalName, counts);
  }
  const allowedSet = new Set(allowed.map((c) => c.toUpperCase()));
  const signedIn: SignInSummary['newCountries'] = [];
  const tried: SignInSummary['newCountries'] = [];
  for (const [user, counts] of perUser) {
    // The usual country is where the user really signs in: failures from elsewhere must not become the baseline.
    const entries = [...counts.entries()].sort((a, b) => b[1].ok - a[1].ok || b[1].all - a[1].all || a[0].localeCompare(b[0]));
    const usual = entries[0]?.[0];
    for (const [country, c] of entries) {
      const isNew = allowedSet.size > 0 ? !allowedSet.has(country) : country !== usual;
      if (!isNew) continue;
      // "Signed in from a new country" only when a sign-in there succeeded; failed attempts are counted apart.
      if (c.ok > 0) signedIn.push({ user, country, count: c.ok });
      if (c.all > c.ok) tried.push({ user, country, count: c.all - c.ok });
    }
  }
  const top = (list: SignInSummary['newCountries']) => list.sort((a, b) => b.count - a.count).slice(0, max);
  return { newCountries: top(signedIn), failedFromNewCountries: top(tried) };
}

/** Microsoft's guidance looks at successful sign-ins outside the account's normal hours. */
function outsideWorkingHours(records: readonly SignIn[], hours: WorkingHours | undefined, max: number): SignInSummary['outsideWorkingHours'] {
  if (!hours) return { checked: false, count: 0, items: [] };
  const outside = records.filter((r) => r.status.errorCode === 0 && !isWithinWorkingHours(Date.parse(r.createdDateTime), hours));
  return {
    checked: true,
    count: outside.length,
    items: outside.slice(0, max).map((r) => {
      const country = countryOf(r);
      return { user: r.userPrincipalName, at: r.createdDateTime, ...(country ? { country } : {}) };
    }),
  };
}

function legacyProtocols(records: readonly SignIn[], max: number): SignInSummary['legacyProtocols'] {
  const counts = new Map<string, { user: string; clientApp: string; count: number }>();
  for (const r of records) {
    const app = r.clientAppUsed?.trim();
    if (!app || MODERN_CLIENTS.has(app.toLowerCase())) continue;
    const key = `${r.userPrincipalName}\u0000${app}`;
    const entry = counts.get(key) ?? { user: r.userPrincipalName, clientApp: app, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, max);
}

function riskLevel(r: SignIn): string | undefined {
  for (const level of [r.riskLevelDuringSignIn, r.riskLevelAggregated]) if (level && RISKY_LEVELS.has(level)) return level;
  return r.riskState && RISKY_STATES.has(r.riskState) ? 'flagged' : undefined;
}

function risky(records: readonly SignIn[], max: number): SignInSummary['risky'] {
  const items = records.flatMap((r) => {
    const level = riskLevel(r);
    if (!level) return [];
    return [{ user: r.userPrincipalName, at: r.createdDateTime, level, ...(r.riskState ? { state: r.riskState } : {}) }];
  });
  return { count: items.length, items: items.slice(0, max) };
}

function emergencyAccounts(records: readonly SignIn[], upns: readonly string[]): SignInSummary['emergencyAccounts'] {
  const wanted = new Set(upns.map((u) => u.toLowerCase()));
  const byUpn = new Map<string, { upn: string; count: number; failed: number; lastAt: string }>();
  for (const r of records) {
    if (!wanted.has(r.userPrincipalName.toLowerCase())) continue;
    const entry = byUpn.get(r.userPrincipalName.toLowerCase()) ?? { upn: r.userPrincipalName, count: 0, failed: 0, lastAt: r.createdDateTime };
    entry.count += 1;
    if (r.status.errorCode !== 0) entry.failed += 1;
    if (r.createdDateTime > entry.lastAt) entry.lastAt = r.createdDateTime;
    byUpn.set(r.userPrincipalName.toLowerCase(), entry);
  }
  return [...byUpn.values()];
}
