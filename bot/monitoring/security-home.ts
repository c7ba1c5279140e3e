import type { Config } from '../config/schema';
import type { Place, Platform } from '../core/platform';

/** The security channel on the first connected platform that has one configured; alerts outside incidents live there. */
export function securityHome(config: Pick<Config, 'channels'>, connected: readonly Platform[]): Place | undefined {
  for (const platform of connected) {
    const conversationId = config.channels.security[platform];
    if (conversationId) return { platform, conversationId };
  }
  return undefined;
}

