import type { AuditRule, Rule, SignInRule } from './rule';
import { accountCreatedDeleted } from './rules/audit-account-created-deleted';
import { azureElevateAccess } from './rules/audit-azure-elevate-access';
import { authMethodChange } from './rules/audit-auth-method-change';
import { eligibleRoleAdded } from './rules/audit-eligible-role-added';
import { pimActivation } from './rules/audit-pim-activation';
import { pimAlertDisabled } from './rules/audit-pim-alert-disabled';
import { pimApprovalDecision } from './rules/audit-pim-approval-decision';
import { pimSettingsChanged } from './rules/audit-pim-settings-changed';
import { postureLowered } from './rules/audit-posture-lowered';
import { privilegedAccountCreated } from './rules/audit-privileged-account-created';
import { privilegedPasswordChange } from './rules/audit-privileged-password-change';
import { privilegedChange } from './rules/audit-privileged-change';
import { roleAssignedOutsidePim } from './rules/audit-role-assigned-outside-pim';
import { emergencyActivity } from './rules/emergency-activity';
import { emergencyAuthMethodChange, emergencyPasswordChange, emergencyRoleChange } from './rules/emergency-change';
import { emergencySignIn } from './rules/emergency-sign-in';
import { badPasswordThreshold } from './rules/signin-bad-password-threshold';
import { caBlocked } from './rules/signin-ca-blocked';
import { disabledAccount } from './rules/signin-disabled-account';
import { identityProtectionRisk } from './rules/signin-identity-protection-risk';
import { legacyProtocol } from './rules/signin-legacy-protocol';
import { lockout } from './rules/signin-lockout';
import { mfaDenied } from './rules/signin-mfa-denied';
import { mfaFailed } from './rules/signin-mfa-failed';
import { mfaInterrupted } from './rules/signin-mfa-interrupted';
import { namingPolicy } from './rules/signin-naming-policy';
import { newDeviceOrLocation } from './rules/signin-new-device-or-location';
import { outsideWorkingHours } from './rules/signin-outside-working-hours';
import { unapprovedLocation } from './rules/signin-unapproved-location';

/** Every sign-in rule, emergency first (the order findings of one record are reported in). */
export const SIGN_IN_RULES: readonly SignInRule[] = [
  emergencySignIn,
  badPasswordThreshold,
  caBlocked,
  mfaInterrupted,
  mfaFailed,
  mfaDenied,
  lockout,
  disabledAccount,
  unapprovedLocation,
  outsideWorkingHours,
  identityProtectionRisk,
  legacyProtocol,
  newDeviceOrLocation,
  namingPolicy,
];

export const AUDIT_RULES: readonly AuditRule[] = [
  emergencyPasswordChange,
  emergencyRoleChange,
  emergencyAuthMethodChange,
  emergencyActivity,
  roleAssignedOutsidePim,
  eligibleRoleAdded,
  pimActivation,
  pimApprovalDecision,
  pimSettingsChanged,
  pimAlertDisabled,
  privilegedPasswordChange,
  authMethodChange,
  privilegedAccountCreated,
  postureLowered,
  privilegedChange,
  accountCreatedDeleted,
  azureElevateAccess,
];

export const ALL_RULES: readonly Rule[] = [...SIGN_IN_RULES, ...AUDIT_RULES];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
