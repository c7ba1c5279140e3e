import { compileCidrSet, type CidrSet } from './cidr';
import type { WorkingHours } from '../shared/working-hours';

/**
 * What the rules need to know besides the records: who is privileged, who is
 * an emergency account, what break-glass use was declared, and the thresholds
 * and baselines from config `monitoring`. Every field is optional so tests and
 * the offline analyzer state only what they care about.
 */

/** An account, by UPN and/or Entra object id (at least one). */
export interface AccountRef {
  upn?: string;
  id?: string;
}

/** A break-glass use declared in an open incident: sign-ins after `since` are expected. */
export interface DeclaredUse {
  upn: string;
  since: string;
  /** When the incident closed; open-ended while it is open. */
  until?: string | null;
  incidentId: string;
}

/** What a user normally signs in from, learned by the live monitor. */
export interface UserBaseline {
  deviceIds?: string[];
  /** 'operatingSystem|browser' pairs, for sign-ins without a device id. */
  devices?: string[];
  /** ISO country codes. */
  countries?: string[];
}

export interface ApprovedDevices {
  requireCompliant?: boolean;
  requireManaged?: boolean;
  /** Prefixes, case-insensitive, e.g. ['Windows']. Empty: any. */
  operatingSystems?: string[];
  browsers?: string[];
}

export interface MonitoringContext {
  privileged?: AccountRef[];
  /** Offline analysis: treat any UPN starting with `privilegedNamePrefix` as privileged. */
  privilegedByPrefix?: boolean;
  /** Offline analysis: treat every account as privileged. */
  allAccountsPrivileged?: boolean;
  emergency?: AccountRef[];
  declaredUses?: DeclaredUse[];
  badPasswordThreshold?: number;
  /** Failures are counted per user in aligned windows of this length. */
  badPasswordWindowMinutes?: number;
  /** ISO country codes; empty means no country restriction. */
  allowedCountries?: string[];
  /** CIDR ranges; empty means no IP restriction. */
  allowedIpRanges?: string[];
  approvedDevices?: ApprovedDevices;
  workingHours?: WorkingHours;
  /** Per-account working hours, keyed by UPN (case-insensitive) or object id. */
  workingHoursByUser?: Record<string, WorkingHours>;
  privilegedNamePrefix?: string;
  /** Keyed by UPN (case-insensitive) or object id. Users without one are not judged "new". */
  baselines?: Record<string, UserBaseline>;
  /** clientAppUsed values that count as legacy authentication. */
  legacyClients?: string[];
  /** How close 'Add user' and a role assignment must be to call it a privileged account creation. */
  accountCreationWindowMinutes?: number;
}

export const DEFAULT_LEGACY_CLIENTS: readonly string[] = [
  'Other clients',
  'IMAP4',
  'IMAP',
  'POP3',
  'POP',
  'Authenticated SMTP',
  'SMTP',
  'MAPI Over HTTP',
  'Exchange ActiveSync',
  'Exchange Web Services',
  'Exchange Online PowerShell',
  'AutoDiscover',
  'Offline Address Book',
  'Outlook Anywhere (RPC over HTTP)',
  'Reporting Web Services',
  'Universal Outlook',
];

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '07:00', end: '19:00', timeZone: 'UTC', days: [1, 2, 3, 4, 5] };

/**
 * 'windows 11|edge': operating system and browser without version numbers, so
 * a browser update does not make a known device new.
 */
export function deviceFingerprint(operatingSystem: string | null | undefined, browser: string | null | undefined): string {
  const strip = (s: string | null | undefined): string => (s ?? '').replace(/\s+[\d.]+$/, '').trim().toLowerCase();
  return `${(operatingSystem ?? '').trim().toLowerCase()}|${strip(browser)}`;
}

export type SubjectKind = 'emergency' | 'privileged' | 'other';

export interface Subject {
  kind: SubjectKind;
  /** UPN as it appears in the record (or the id when none). */
  name: string;
  id?: string;
}

interface CompiledBaseline {
  deviceIds: Set<string>;
  devices: Set<string>;
  countries: Set<string>;
}

/** The compiled form rules run against: sets and parsed ranges, built once. */
export interface RuleContext {
  readonly compiled: true;
  readonly input: MonitoringContext;
  readonly badPasswordThreshold: number;
  readonly badPasswordWindowMs: number;
  readonly accountCreationWindowMs: number;
  readonly allowedCountries: ReadonlySet<string>;
  readonly allowedIps: CidrSet;
  readonly approvedDevices: ApprovedDevices | undefined;
  readonly namePrefix: string;
  readonly legacyClients: ReadonlySet<string>;
  classify(upn: string | null | undefined, id: string | null | undefined): SubjectKind;
  subject(upn: string | null | undefined, id: string | null | undefined): Subject;
  workingHoursFor(upn: string, id: string | undefined): WorkingHours;
  baselineFor(upn: string, id: string | undefined): CompiledBaseline | undefined;
  /** Incident id of a declared use covering this account at this time. */
  declaredUseFor(upn: string, id: string | undefined, whenMs: number): string | undefined;
}

const lower = (s: string): string => s.toLowerCase();

function keyed<T>(record: Record<string, T> | undefined): Map<string, T> {
  const m = new Map<string, T>();
  for (const [k, v] of Object.entries(record ?? {})) m.set(lower(k), v);
  return m;
}

export function buildRuleContext(input: MonitoringContext = {}): RuleContext {
  const emergencyUpns = new Set<string>();
  const emergencyIds = new Set<string>();
  for (const a of input.emergency ?? []) {
    if (a.upn) emergencyUpns.add(lower(a.upn));
    if (a.id) emergencyIds.add(lower(a.id));
  }
  const privilegedUpns = new Set<string>();
  const privilegedIds = new Set<string>();
  for (const a of input.privileged ?? []) {
    if (a.upn) privilegedUpns.add(lower(a.upn));
    if (a.id) privilegedIds.add(lower(a.id));
  }
  const namePrefix = lower(input.privilegedNamePrefix ?? 'adm-');
  const byPrefix = input.privilegedByPrefix === true && namePrefix.length > 0;
  const all = input.allAccountsPrivileged === true;

  const hoursByUser = keyed(input.workingHoursByUser);
  const defaultHours = input.workingHours ?? DEFAULT_WORKING_HOURS;
  const baselines = new Map<string, CompiledBaseline>();
  for (const [k, b] of keyed(input.baselines)) {
    baselines.set(k, {
      deviceIds: new Set((b.deviceIds ?? []).map(lower)),
      devices: new Set(
        (b.devices ?? []).map((d) => {
          const [os, browser] = d.split('|');
          return deviceFingerprint(os, browser);
        }),
      ),
      countries: new Set((b.countries ?? []).map((c) => c.toUpperCase())),
    });
  }
  const uses = (input.declaredUses ?? []).map((u) => ({
    upn: lower(u.upn),
    since: Date.parse(u.since),
    until: u.until ? Date.parse(u.until) : Number.POSITIVE_INFINITY,
    incidentId: u.incidentId,
  }));
  // The emergency account's id resolves a use declared by UPN for a record that only carries the id.
  const upnById = new Map<string, string>();
  for (const a of input.emergency ?? []) if (a.id && a.upn) upnById.set(lower(a.id), lower(a.upn));

  // Lower-casing every UPN costs little, but most records belong to ordinary users: check ids first.
  const classify = (upn: string | null | undefined, id: string | null | undefined): SubjectKind => {
    const idl = id ? lower(id) : '';
    if (idl && emergencyIds.has(idl)) return 'emergency';
    const upnl = upn ? lower(upn) : '';
    if (upnl && emergencyUpns.has(upnl)) return 'emergency';
    if (all) return 'privileged';
    if (idl && privilegedIds.has(idl)) return 'privileged';
    if (upnl && (privilegedUpns.has(upnl) || (byPrefix && upnl.startsWith(namePrefix)))) return 'privileged';
    return 'other';
  };

  return {
    compiled: true,
    input,
    badPasswordThreshold: input.badPasswordThreshold ?? 5,
    badPasswordWindowMs: (input.badPasswordWindowMinutes ?? 60) * 60_000,
    accountCreationWindowMs: (input.accountCreationWindowMinutes ?? 24 * 60) * 60_000,
    allowedCountries: new Set((input.allowedCountries ?? []).map((c) => c.toUpperCase())),
    allowedIps: compileCidrSet(input.allowedIpRanges ?? []),
    approvedDevices: input.approvedDevices,
    namePrefix,
    legacyClients: new Set((input.legacyClients ?? DEFAULT_LEGACY_CLIENTS).map(lower)),
    classify,
    subject(upn, id) {
      const kind = classify(upn, id);
      return { kind, name: upn || id || 'unknown', ...(id ? { id } : {}) };
    },
    workingHoursFor(upn, id) {
      return hoursByUser.get(lower(upn)) ?? (id ? hoursByUser.get(lower(id)) : undefined) ?? defaultHours;
    },
    baselineFor(upn, id) {
      return baselines.get(lower(upn)) ?? (id ? baselines.get(lower(id)) : undefined);
    },
    declaredUseFor(upn, id, whenMs) {
      const upnl = lower(upn);
      const alt = id ? upnById.get(lower(id)) : undefined;
      for (const u of uses) {
        if ((u.upn === upnl || u.upn === alt) && whenMs >= u.since && whenMs <= u.until) return u.incidentId;
      }
      return undefined;
    },
  };
}

export function isRuleContext(ctx: RuleContext | MonitoringContext): ctx is RuleContext {
  return (ctx as RuleContext).compiled === true;
}

export function toRuleContext(ctx: RuleContext | MonitoringContext | undefined): RuleContext {
  if (!ctx) return buildRuleContext({});
  return isRuleContext(ctx) ? ctx : buildRuleContext(ctx);
}
