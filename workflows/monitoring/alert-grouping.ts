import type { AlertContext } from './alert-types';
import type { Finding } from './finding';

/**
 * Whether a finding folds into its pattern's latest alert instead of opening
 * a new one. `lastMs` is the time of the newest finding already in it.
 *  - marked a false positive: silenced until the mark runs out, then a new alert;
 *  - within the cooldown of the latest finding (a burst, or a record that
 *    arrived late): the same alert, counted;
 *  - still open, nobody has looked: the same card collects the repeats
 *    rather than posting another one, except for emergency accounts,
 *    whose every new use after the cooldown pages again.
 */
export function joinsAlert(alert: Pick<AlertContext, 'status'>, lastMs: number, finding: Pick<Finding, 'when' | 'emergencyAccount'>, cooldownMs: number): boolean {
  const when = Date.parse(finding.when);
  const status = alert.status;
  if (status.state === 'false-positive') return status.suppressedUntil !== undefined && when < Date.parse(status.suppressedUntil);
  if (when <= lastMs + cooldownMs) return true;
  return status.state === 'open' && !finding.emergencyAccount;
}
