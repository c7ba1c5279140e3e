import type { Config } from '../config/schema';

/** A configured destination on one platform: a channel by its role, or a person by their config key. */
export interface ReachTarget {
  kind: 'channel' | 'person';
  /** 'security', 'approvers', or the person's key in `people`. */
  key: string;
  /** The platform's id for it (Slack C…/U…, Teams 19:…/Entra object id). */
  id: string;
}

/** Every channel and person the config names on `platform`, in config order. */
export function reachTargets(config: Config, platform: 'slack' | 'teams'): ReachTarget[] {
  const channels = (['security', 'approvers'] as const).flatMap((key) => {
    const id = config.channels[key][platform];
    return id ? [{ kind: 'channel' as const, key, id }] : [];
  });
  const people = Object.entries(config.people).flatMap(([key, person]) => {
    const id = person[platform];
    return id ? [{ kind: 'person' as const, key, id }] : [];
  });
  return [...channels, ...people];
}

/** The check's name on the doctor line: `reach channel security`, `reach person ivan`. */
export function reachName(target: ReachTarget): string {
  return `reach ${target.kind} ${target.key}`;
}
