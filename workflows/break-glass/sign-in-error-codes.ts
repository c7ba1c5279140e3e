/**
 * Entra sign-in error codes responders meet during an emergency, in plain
 * words (after "security operations for privileged accounts"). Anything else
 * falls back to the failure reason Graph sends with the record.
 */
const MEANINGS: Readonly<Record<number, string>> = {
  50126: 'wrong user name or password',
  53003: 'blocked by Conditional Access',
  50074: 'MFA required but not completed (interrupted)',
  500121: 'MFA failed during the strong authentication request',
  50053: 'account locked after too many attempts',
  50057: 'account disabled',
  50055: 'password expired',
  50076: 'MFA required by policy (interrupted)',
  50079: 'user must register for MFA',
  50158: 'external security challenge not satisfied',
};

export function errorCodeMeaning(code: number, failureReason?: string | null): string {
  const known = MEANINGS[code];
  if (known) return known;
  const reason = failureReason?.trim();
  return reason ? reason : 'other failure';
}

/** Graph marks MFA fraud reports and declined prompts with this text in the status or authentication details. */
export const MFA_DENIED_PATTERN = /mfa denied/i;
