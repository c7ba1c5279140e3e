import type { Config } from './schema';

/** The config `people` key of an Entra user (case-insensitive id), for direct messages and "whose page is this". */
export function personKeyOf(config: Pick<Config, 'people'>, entraObjectId: string): string | undefined {
  return Object.entries(config.people).find(([, p]) => p.entraObjectId?.toLowerCase() === entraObjectId.toLowerCase())?.[0];
}
