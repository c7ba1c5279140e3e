import type { AuditEntry } from '../../bot/ports/storage';

/**
 * How far the playground's guided path has got, read from the audit trail
 * (what the bot really recorded), not from what the page clicked. The step
 * "switch to the second responder" is the page's own business.
 */
export interface GuideProgress {
  started: boolean;
  chosen: boolean;
  confirmed: boolean;
  advanced: boolean;
  requested: boolean;
  approved: boolean;
}

export function guideProgress(audit: readonly AuditEntry[], advancedMs: number): GuideProgress {
  const seen = new Set(audit.map((e) => e.type));
  return {
    started: seen.has('breakglass.started'),
    chosen: seen.has('breakglass.checkout.request'),
    confirmed: seen.has('breakglass.checkout.confirm'),
    advanced: advancedMs >= 15 * 60_000,
    requested: seen.has('elevation.requested'),
    approved: seen.has('elevation.approve'),
  };
}
