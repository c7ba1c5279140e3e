import { parseDuration } from '../../workflows/duration';
import type { AlertSettings } from '../../workflows/monitoring/alert-types';
import type { Config } from '../config/schema';
import { Authorizer } from '../core/authz';

/** Config copied into each alert at start, so its timers are data. */
export function alertSettings(config: Config): AlertSettings {
  return {
    managers: new Authorizer(config).managerLevels(),
    securityOfficers: config.roles.securityOfficers.filter((k) => config.people[k]),
    ackTimeoutMs: parseDuration(config.breakGlass.ackTimeout) ?? 10 * 60_000,
    suppressionMs: parseDuration(config.monitoring.falsePositiveSuppression) ?? 24 * 3_600_000,
  };
}
