import { checkEmergencyAccounts } from './check-emergency-accounts';
import { checkEmergencyTested } from './check-emergency-tested';
import { checkGlobalAdminCount } from './check-global-admin-count';
import { checkGuestAdmins } from './check-guest-admins';
import { checkMfaRegistration } from './check-mfa-registration';
import { checkNamingPolicy } from './check-naming-policy';
import { checkPasswordAge } from './check-password-age';
import { checkPimSettings } from './check-pim-settings';
import { checkStandingAssignments } from './check-standing-assignments';
import { STATUS_ORDER, type PostureContext, type PostureData, type PostureReport, type PostureStatus } from './posture-types';
import { buildTenantView } from './tenant-view';

/** The stage-1 checks in report order: emergency access first, then admins, then PIM. */
export function runPosture(data: PostureData, ctx: PostureContext): PostureReport {
  const view = buildTenantView(data, ctx);
  const checks = [
    checkEmergencyAccounts(view, ctx.emergencyAccounts),
    checkEmergencyTested(view, data, ctx.emergencyAccounts, ctx.now, ctx.emergencyTestMaxAgeDays ?? 90),
    checkGlobalAdminCount(view, ctx.maxGlobalAdmins ?? 5),
    checkMfaRegistration(view, data),
    checkStandingAssignments(view),
    checkPasswordAge(view, ctx.now, ctx.passwordMaxAgeDays ?? 90),
    checkNamingPolicy(view, ctx.privilegedNamePrefix ?? 'adm-'),
    checkGuestAdmins(view),
    checkPimSettings(data, ctx.maxActivationDuration ?? 'PT8H'),
  ];
  const status = checks.reduce<PostureStatus>((worst, c) => (STATUS_ORDER[c.status] < STATUS_ORDER[worst] ? c.status : worst), 'pass');
  return { checkedAt: new Date(ctx.now).toISOString(), status, checks };
}
