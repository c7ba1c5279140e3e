import type { EnvSettings } from '../bot/config/env';
import { loadConfig } from '../bot/config/load-config';
import type { Logger } from '../bot/core/logger';
import { choosePlayground } from './choose-playground';

/**
 * The config `npm start` runs with: the file when there is one, else the
 * built-in playground config when the playground would open (nothing real
 * set). The CLI uses it too, so `breakglass posture` sees what the chat sees.
 */
export async function startupConfig(env: EnvSettings, logger: Logger, vars: NodeJS.ProcessEnv = process.env) {
  const loaded = loadConfig(vars);
  const { playground, ownPort } = choosePlayground(env, loaded.config, !!loaded.path, logger);
  // The playground's cast lives with the simulator: loaded only when used.
  const config = playground && !loaded.path ? (await import('../adapters/playground/playground-config')).playgroundConfig() : loaded.config;
  const source = loaded.path ?? (playground ? 'built-in playground config' : 'defaults');
  return { loaded, config, playground, ownPort, source };
}
