import type { Config } from '../config/schema';
import { loadConfig } from '../config/load-config';

/**
 * Reads a config file (YAML or JSON) for offline commands with the bot's own
 * loader, so the same file means the same thing to both: errors name the
 * field, e.g. 'monitoring.badPasswordThreshold', and people referenced by
 * role bindings must exist.
 */
export async function loadConfigFile(path: string): Promise<Config> {
  return loadConfig({ BREAKGLASS_CONFIG: path }).config;
}
