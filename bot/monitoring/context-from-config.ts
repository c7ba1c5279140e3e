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
    privileged: known.privileged ?? [],
    emergency: config.emergencyAccounts.map((a) => ({ upn: a.upn, ...(a.objectId ? { id: a.objectId } : {}) })),
    declaredUses: known.declaredUses ?? [],
    baselines: known.baselines ?? {},
    badPasswordThreshold: m.badPasswordThreshold,
    allowedCountries: m.allowedCountries,
    allowedIpRanges: m.allowedIpRanges,
    workingHours: m.workingHours,
    privilegedNamePrefix: m.privilegedNamePrefix,
  };
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
