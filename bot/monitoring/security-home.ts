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
export function requireSecurityHome(config: Pick<Config, 'channels'>, connected: readonly Platform[]): Place | undefined {
  const home = securityHome(config, connected);
  // Only real chat platforms count: with none (local runs, the playground alone) there is no one to alert anyway.
  const real = connected.filter((p) => p !== 'playground');
  if (home || real.length === 0) return home;
  const platforms = real.join(' or ');
  throw new BreakglassError(
    'config.invalid',
    `monitoring.enabled is true but channels.security has no channel for ${platforms}: set channels.security.${real[0]} or set monitoring.enabled to false.`,
    { detail: { field: 'channels.security', connected: real } },
  );
}
