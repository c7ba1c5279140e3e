import type { Config } from '../config/schema';
import { BreakglassError } from '../core/errors';
import type { Place, Platform } from '../core/platform';

/** The security channel on the first connected platform that has one configured; alerts outside incidents live there. */
export function securityHome(config: Pick<Config, 'channels'>, connected: readonly Platform[]): Place | undefined {
  for (const platform of connected) {
    const conversationId = config.channels.security[platform];
    if (conversationId) return { platform, conversationId };
  }
  return undefined;
}

/**
 * Monitoring with nowhere to post alerts would fail every alert at send time;
 * refuse to start instead, naming the field to fix.
 */
export function requireSecurityHome(config: Pick<Config, 'channels'>, connected: readonly Platform[]): Place {
  const home = securityHome(config, connected);
  if (home) return home;
  const platforms = connected.length > 0 ? connected.join(' or ') : 'any connected platform';
  throw new BreakglassError(
    'config.invalid',
    `monitoring.enabled is true but channels.security has no channel for ${platforms}: set channels.security.${connected[0] ?? 'slack'} or set monitoring.enabled to false.`,
    { detail: { field: 'channels.security', connected } },
  );
}
