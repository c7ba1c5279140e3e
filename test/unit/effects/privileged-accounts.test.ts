import { configSchema } from '../../../bot/config/schema';
import { privilegedAccounts } from '../../../bot/effects/privileged-accounts';
import type { RoleAssignment, RoleScheduleInstance } from '../../../workflows/graph-records';

/** Graph as a tenant answers: one active holder, one eligible-only admin, one group with a member. */
const graph = {
  roleAssignments: async () => [{ principalId: 'ASSIGNED-1' }] as RoleAssignment[],
  eligibilityInstances: async () => [{ principalId: 'Eligible-2' }] as RoleScheduleInstance[],
  groupMemberIds: async (g: string) => (g === 'grp-ops' ? ['MEMBER-3'] : []),
};

describe('the privileged set', () => {
  const config = configSchema.parse({ monitoring: { privileged: { accounts: ['Ops.Lead@contoso.com', 'LISTED-4'], groups: ['grp-ops'] } } });

  it('holds active holders, eligible-only admins, config group members and config accounts (by id or UPN), case-insensitively', async () => {
    const set = await privilegedAccounts(config, graph);
    expect([...set.ids].sort()).toEqual(['assigned-1', 'eligible-2', 'listed-4', 'member-3']);
    for (const id of ['assigned-1', 'ELIGIBLE-2', 'member-3', 'listed-4']) expect(set.isPrivileged('someone@contoso.com', id)).toBe(true);
    expect(set.isPrivileged('ops.lead@CONTOSO.com')).toBe(true);
  });

  it('a user with no role, in no listed group and not listed is not privileged', async () => {
    const set = await privilegedAccounts(config, graph);
    expect(set.isPrivileged('staff@contoso.com', 'other-5')).toBe(false);
  });
});
