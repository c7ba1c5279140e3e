import type { RiskContext } from '../../workflows/pim-elevation/types';
import type { Config } from '../config/schema';
import type { GraphPort } from '../ports/graph-port';

const LOOKBACK_MS = 24 * 3_600_000;
const MFA_DENIED = /denied|fraud/i;

/**
 * What the sign-in logs say about a requester, for the approver's card: the
 * context PIM's own approval mail never shows. Best effort: Graph being down
 * must not block a request, so failures return undefined.
 */
export async function requesterRisk(graph: GraphPort, config: Config, userId: string, now: number): Promise<RiskContext | undefined> {
  try {
    let recentFailures = 0;
    let mfaDenials = 0;
    const usual = new Set(config.monitoring.allowedCountries.map((c) => c.toUpperCase()));
    const seen = new Set<string>();
    const newLocations = new Set<string>();
    for await (const page of graph.signIns({ since: new Date(now - LOOKBACK_MS).toISOString(), userIds: [userId] })) {
      for (const s of page) {
        if (s.status.errorCode !== 0) recentFailures++;
        if (s.status.errorCode === 500121 && MFA_DENIED.test(`${s.status.additionalDetails ?? ''} ${s.status.failureReason ?? ''}`)) mfaDenials++;
        const country = s.location?.countryOrRegion?.toUpperCase();
        if (country && usual.size > 0 && !usual.has(country)) newLocations.add([s.location?.city, country].filter(Boolean).join(', '));
        if (country) seen.add(country);
      }
    }
    return { lookbackMs: LOOKBACK_MS, recentFailures, mfaDenials, newLocations: [...newLocations].slice(0, 5) };
  } catch {
    return undefined;
  }
}
