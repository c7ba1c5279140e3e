import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { TENANT_ID } from '../../../sim';
import { parseConfig } from '../../../bot/config/load-config';
import type { Config } from '../../../bot/config/schema';
import type { FakeSlackUser } from '../../fakes/fake-slack';
import { SLACK_CHANNELS, SLACK_IDS, slackUsers } from '../../e2e/slack/slack-e2e-config';

/**
 * The playground cast on Slack and Teams plus `users` synthetic responders.
 * Requests are spread over the synthetic ones because the router allows one
 * person 20 requests at once and 30 a minute: fifty clicks from one account
 * would measure the rate limiter, not the bot.
 */
export const TEAMS_CHANNELS = { security: '19:general-security@thread.tacv2', approvers: '19:channel-approvers@thread.tacv2' } as const;
export { SLACK_CHANNELS, SLACK_IDS };

export interface BenchUser {
  key: string;
  name: string;
  entraObjectId: string;
  slack: string;
}

export function benchUsers(count: number): BenchUser[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    return { key: `bench${n}`, name: `Bench Responder ${i + 1}`, entraObjectId: `00000000-0000-4000-8000-0000000${n}`, slack: `U9BENCH${n}` };
  });
}

export interface TeamsAuthSettings {
  openIdMetadataUrl: string;
  tokenIssuer: string;
  authorityHost: string;
}

export interface BenchConfigOptions {
  users: number;
  teams?: TeamsAuthSettings;
  /** Overrides of breakGlass / elevation timings (load-while-busy spaces its timers out). */
  breakGlass?: Record<string, string>;
  elevation?: Record<string, string | boolean>;
}

export function benchConfig(options: BenchConfigOptions): Config {
  const base = playgroundConfig();
  const cast = Object.fromEntries(
    Object.entries(base.people).map(([key, person]) => {
      const slack = (SLACK_IDS as Record<string, string>)[key];
      return [key, { ...person, ...(slack ? { slack } : {}), teams: person.entraObjectId }];
    }),
  );
  const synthetic = benchUsers(options.users);
  const people = { ...cast, ...Object.fromEntries(synthetic.map((u) => [u.key, { name: u.name, entraObjectId: u.entraObjectId, slack: u.slack, teams: u.entraObjectId }])) };
  return parseConfig(
    {
      ...base,
      tenant: { id: TENANT_ID, name: 'Contoso (simulated)' },
      people,
      roles: { ...base.roles, responders: [...base.roles.responders, ...synthetic.map((u) => u.key)] },
      channels: {
        security: { slack: SLACK_CHANNELS.security, teams: TEAMS_CHANNELS.security },
        approvers: { slack: SLACK_CHANNELS.approvers, teams: TEAMS_CHANNELS.approvers },
        createIncidentChannel: false,
      },
      breakGlass: { ...base.breakGlass, ...options.breakGlass },
      // The simulator's Global Administrator policy demands MFA on activation; the bench measures the approval path, not an MFA wait.
      elevation: { ...base.elevation, pimMfaEvidenceMinutes: 0, ...options.elevation },
      ...(options.teams ? { teams: { allowedTenants: [TENANT_ID], serviceUrlAllowList: ['http://127.0.0.1'], ...options.teams } } : {}),
    },
    'bench config',
  );
}

/** The fake Slack workspace: the cast (with emails, for lookups) and the synthetic responders. */
export function benchSlackUsers(count: number): FakeSlackUser[] {
  return [...slackUsers(), ...benchUsers(count).map((u) => ({ id: u.slack, name: u.key, realName: u.name }))];
}
