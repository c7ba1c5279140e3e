import type { SignIn } from '../../graph-records';

/**
 * The user refused the MFA prompt or reported it as fraud. Graph puts this in
 * status.additionalDetails ('MFA denied; user declined the authentication',
 * '... Phone App Reported Fraud') and, on beta, in authenticationDetails.
 */
const DENIED = /mfa denied|fraud|declined/i;

export function isMfaDenied(r: SignIn): boolean {
  if (r.status.errorCode === 0) return false;
  if (r.status.additionalDetails && DENIED.test(r.status.additionalDetails)) return true;
  if (r.status.failureReason && /fraud/i.test(r.status.failureReason)) return true;
  for (const step of r.authenticationDetails ?? []) {
    if (step.succeeded === false && step.authenticationStepResultDetail && DENIED.test(step.authenticationStepResultDetail)) return true;
  }
  return false;
}

export function isFraudReport(r: SignIn): boolean {
  if (/fraud/i.test(r.status.additionalDetails ?? '') || /fraud/i.test(r.status.failureReason ?? '')) return true;
  return (r.authenticationDetails ?? []).some((s) => /fraud/i.test(s.authenticationStepResultDetail ?? ''));
}
