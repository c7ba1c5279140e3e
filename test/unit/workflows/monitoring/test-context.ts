import { buildRuleContext, type MonitoringContext } from '../../../../workflows/monitoring/context';
import { ADMIN, ADMIN_NO_PREFIX, BREAK_GLASS, OTHER_ADMIN } from '../../../fixtures/signins/build-records';

/** A tenant in Berlin: German IPs and a PAW are normal for adm-alex. */
export const baseContext: MonitoringContext = {
  privileged: [ADMIN, ADMIN_NO_PREFIX, { upn: OTHER_ADMIN.upn }],
  emergency: [BREAK_GLASS],
  badPasswordThreshold: 3,
  allowedCountries: ['DE'],
  allowedIpRanges: ['203.0.113.0/24', '2001:db8::/32'],
  workingHours: { start: '07:00', end: '19:00', timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5] },
  privilegedNamePrefix: 'adm-',
  baselines: { [ADMIN.upn]: { deviceIds: ['dev-paw-1'], countries: ['DE'] } },
};

export const ctx = buildRuleContext(baseContext);

export function contextWith(extra: MonitoringContext) {
  return buildRuleContext({ ...baseContext, ...extra });
}
