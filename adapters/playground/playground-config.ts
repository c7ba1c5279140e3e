import type { Config } from '../../bot/config/schema';
import { parseConfig } from '../../bot/config/load-config';
import { PEOPLE, userId, type PersonKey } from '../../sim';

/** Channels of the playground's one simulated workspace. */
export const PLAYGROUND_CHANNELS = {
  incident: 'incident-room',
  security: 'security',
  approvers: 'approvers',
} as const;

/** Who you can act as in the playground, and what each one is for. */
export const PLAYGROUND_CAST: ReadonlyArray<{ key: PersonKey; role: string }> = [
  { key: 'alice', role: 'responder (commander)' },
  { key: 'bob', role: 'second responder' },
  { key: 'carol', role: 'approver' },
  { key: 'erin', role: 'approver' },
  { key: 'ivan', role: 'security manager (first page)' },
  { key: 'judy', role: 'IT manager (escalation), approver' },
];

/**
 * The config the playground runs with when no config file is given: the cast
 * above bound to the simulated Contoso tenant's real user ids, so identity,
 * eligibility and approvals all resolve against the simulator.
 */
export function playgroundConfig(base: Partial<Config> = {}): Config {
  const people = Object.fromEntries(
    PLAYGROUND_CAST.map(({ key }) => [key, { name: PEOPLE[key].displayName, entraObjectId: userId(key), upn: PEOPLE[key].upn, playground: key }]),
  );
  return parseConfig(
    {
      tenant: { id: 'simulated', name: 'Contoso (simulated)' },
      people,
      roles: { responders: ['alice', 'bob'], approvers: ['carol', 'erin', 'judy'], managers: [['ivan'], ['judy']], securityOfficers: ['ivan'], admins: ['alice'] },
      channels: { security: { playground: PLAYGROUND_CHANNELS.security }, approvers: { playground: PLAYGROUND_CHANNELS.approvers } },
      emergencyAccounts: [
        { upn: PEOPLE.bg01.upn, credentialLocation: 'Safe in the CISO office, envelope A (simulated)' },
        { upn: PEOPLE.bg02.upn, credentialLocation: 'Bank deposit box 118, envelope B (simulated)' },
      ],
      elevation: {
        policies: [
          { role: 'Global Administrator', grantMode: 'bot', maxDuration: '1h', approvalsRequired: 1 },
          { role: 'Privileged Role Administrator', grantMode: 'bot', maxDuration: '1h', approvalsRequired: 2 },
          { role: 'Security Administrator', grantMode: 'bot', maxDuration: '2h', approvalsRequired: 1 },
          { role: 'Exchange Administrator', grantMode: 'pim', maxDuration: '4h' },
        ],
      },
      monitoring: { allowedCountries: ['US', 'GB', 'DE', 'IE'] },
      ...base,
    },
    'playground config',
  );
}
