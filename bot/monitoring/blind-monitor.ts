import type { Finding } from '../../workflows/monitoring/finding';

/** Polls in a row that may fail (a throttled minute, a blip) before the security channel hears of it. */
export const BLIND_AFTER_FAILURES = 3;

/**
 * The alert for a monitor that cannot read the logs (no P1/P2 licence, a
 * permission withdrawn, Graph down). A silent monitor looks exactly like a
 * quiet tenant, so this is raised as a High alert in the security channel,
 * once per blind spell: the spell's start is part of its identity.
 */
export function blindMonitorFinding(reason: string, failingSince: number): Finding {
  const since = new Date(failingSince).toISOString();
  return {
    ruleId: 'monitor.blind',
    riskLevel: 'High',
    title: 'Monitoring cannot read the logs',
    detail: `Every poll since ${since.slice(11, 16)}Z has failed: ${reason} Until this is fixed no sign-in or audit alert can be raised, including use of an emergency account.`,
    subject: 'breakglass monitor',
    emergencyAccount: false,
    when: since,
    where: {},
    recordIds: [],
    recordCount: 1,
    dedupeKey: 'monitor.blind',
  };
}
