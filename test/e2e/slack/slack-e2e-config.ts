import { playgroundConfig, PLAYGROUND_CAST } from '../../../adapters/playground/playground-config';
import { PEOPLE, type PersonKey } from '../../../sim';
import { parseConfig } from '../../../bot/config/load-config';
import type { Config } from '../../../bot/config/schema';
import type { FakeSlackUser } from '../../fakes/fake-slack';

/** The playground cast as Slack users of one workspace (ids are Slack-shaped: U + uppercase). */
export const SLACK_IDS = {
  alice: 'U0ALICE',
  bob: 'U0BOB',
  carol: 'U0CAROL',
  erin: 'U0ERIN',
  ivan: 'U0IVAN',
  judy: 'U0JUDY',
} as const satisfies Partial<Record<PersonKey, string>>;

export type CastKey = keyof typeof SLACK_IDS;

export const SLACK_CHANNELS = { security: 'C0SECURITY', approvers: 'C0APPROVER' } as const;

export interface SlackConfigOptions {
  /** People whose Slack id is left out of the config: the bot must find them by email. */
  unpinned?: CastKey[];
  createIncidentChannel?: boolean;
}

/**
 * playgroundConfig() with Slack ids: the same people and Entra ids (the
 * simulated Contoso tenant's), the security and approvers channels on Slack.
 */
export function slackConfig(options: SlackConfigOptions = {}): Config {
  // The simulator's GA demands MFA on activation; these suites are not about that (elevation/pim-mfa-on-activation.test.ts is).
  const base = { ...playgroundConfig(), elevation: { ...playgroundConfig().elevation, pimMfaEvidenceMinutes: 0 } };
  const unpinned = new Set<string>(options.unpinned ?? []);
  const people = Object.fromEntries(
    Object.entries(base.people).map(([key, person]) => {
      const slack = (SLACK_IDS as Record<string, string>)[key];
      return [key, slack && !unpinned.has(key) ? { ...person, slack } : person];
    }),
  );
  return parseConfig(
    {
      ...base,
      people,
      channels: {
        security: { ...base.channels.security, slack: SLACK_CHANNELS.security },
        approvers: { ...base.channels.approvers, slack: SLACK_CHANNELS.approvers },
        createIncidentChannel: options.createIncidentChannel ?? false,
      },
    },
    'slack e2e config',
  );
}

/** The workspace's members as the fake Slack's users.info returns them: their tenant email on the profile. */
export function slackUsers(): FakeSlackUser[] {
  return PLAYGROUND_CAST.filter(({ key }) => key in SLACK_IDS).map(({ key }) => ({
    id: SLACK_IDS[key as CastKey],
    name: key,
    realName: PEOPLE[key].displayName,
    email: PEOPLE[key].mail || PEOPLE[key].upn,
  }));
}
