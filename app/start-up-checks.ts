import type { Config } from '../bot/config/schema';
import { BreakglassError } from '../bot/core/errors';
import type { Platform } from '../bot/core/platform';
import { securityHome } from '../bot/monitoring/security-home';

/**
 * Monitoring with nowhere to post its alerts would drop every one of them
 * (the loudest being an emergency account in use): refuse to start instead,
 * naming the field to set.
 */
export function requireSecurityChannel(config: Config, connected: readonly Platform[]): void {
  // The playground is a rehearsal: its alerts are on the page whatever the config says.
  const platforms = connected.filter((p) => p !== 'playground');
  if (platforms.length === 0 || securityHome(config, platforms)) return;
  const fields = platforms.map((p) => `channels.security.${p}`).join(' or ');
  throw new BreakglassError('config.invalid', `monitoring.enabled is true but no security channel is set for ${platforms.join(', ')}: set ${fields} (or monitoring.enabled: false).`);
}
