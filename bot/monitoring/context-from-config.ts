import { parseDuration } from '../../workflows/duration';
import type { Config } from '../config/schema';
import type { AccountRef, DeclaredUse, MonitoringContext, UserBaseline } from '../../workflows/monitoring/context';
import type { PostureContext } from '../../workflows/posture/posture-types';

export interface TenantKnowledge {
  /** Holders of privileged roles, from role assignments and eligibility. */
  privileged?: AccountRef[];
  /** From open break-glass incidents. */
  declaredUses?: DeclaredUse[];
  baselines?: Record<string, UserBaseline>;
}

/**
^ * config `monitoring` and `emergencyAccounts`, plus what only the tenant or
 * the incident store knows, as the rules' context.
 */
export function contextFromConfig(config: Pick<Config, 'monitoring' | 'emergencyAccounts'>, known: TenantKnowledge = {}): MonitoringContext {
  const m = config.monitoring;
  return {
    // What the tenant says plus what config names (the only source offline).
    privileged: [...(known.privileged ?? []), ...m.privileged.accounts.map((a) => (a.includes('@') ? { upn: a } : { id: a }))],
    emergency: config.emergencyAccounts.map((a) => ({ upn: a.upn, ...(a.objectId ? { id: a.objectId } : {}) })),
    declaredUses: known.declaredUses ?? [],
    baselines: known.baselines ?? {},
    badPasswordThreshold: m.badPasswordThreshold,
    allowedCountries: m.allowedCountries,
    allowedIpRanges: m.allowedIpRanges,
    workingHours: m.workingHours,
    workingHoursByUser: m.workingHoursByUser,
    privilegedNamePrefix: m.privilegedNamePrefix,
    badPasswordWindowMinutes: minutes(m.badPasswordWindow, 60),
    accountCreationWindowMinutes: minutes(m.accountCreationWindow, 24 * 60),
    ...(m.legacyClients ? { legacyClients: m.legacyClients } : {}),
    ...(m.approvedDevices ? { approvedDevices: m.approvedDevices } : {}),
  };
}

/** The schema has already checked the form; the fallback only keeps the type total. */
function minutes(duration: string, fallback: number): number {
  const ms = parseDuration(duration);
  return ms === undefined ? fallback : ms / 60_000;
}

/** config for the posture checks; `now` comes from the injected clock. */
export function postureContextFromConfig(config: Pick<Config, 'monitoring' | 'emergencyAccounts'>, now: number): PostureContext {
  return {
    now,
    emergencyAccounts: config.emergencyAccounts.map((a) => ({ upn: a.upn, ...(a.objectId ? { id: a.objectId } : {}) })),
    maxGlobalAdmins: config.monitoring.maxGlobalAdmins,
    privilegedNamePrefix: config.monitoring.privilegedNamePrefix,
  };
}
