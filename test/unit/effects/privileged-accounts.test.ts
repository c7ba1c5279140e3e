import { configSchema } from '../../../bot/config/schema';
import { privilegedAccounts, privilegedRefresher } from '../../../bot/effects/privileged-accounts';
import type { RoleAssignment, RoleScheduleInstance } from '../../../workflows/graph-records';

/**
 * Graph as a tenant answers: one active holder, one eligible-only admin, a
 * role-assignable group eligible for a role (one member, one more eligible
 * for membership in PIM for Groups), a role-assignable group holding no role,
 * and a config-listed group with a member.
 */
function tenant() {
  const expanded: string[] = [];
  return {
    expanded,
    roleAssignments: async () => [{ principalId: 'ASSIGNED-1' }] as RoleAssignment[],
    eligibilityInstances: async () => [{ principalId: 'Eligible-2' }, { principalId: 'role-grp' }] as RoleScheduleInstance[],
    roleAssignableGroupIds: async () => ['role-grp', 'idle-grp'],
    groupMemberIds: async (g: string) => {
      expanded.push(g);
      return g === 'grp-ops' ? ['MEMBER-3'] : g === 'role-grp' ? ['GROUP-MEMBER-6'] : ['IDLE-MEMBER-8'];
    },
    pimGroupPrincipalIds: async (g: string) => {
      expanded.push(`pim:${g}`);
      return g === 'role-grp' ? ['PIM-ELIGIBLE-7'] : ['IDLE-PIM-9'];
    },
  };
}

describe('the privileged set', () => {
  const config = configSchema.parse({ monitoring: { privileged: { accounts: ['Ops.Lead@contoso.com', 'LISTED-4'], groups: ['grp-ops'] } } });

  it('holds active holders, eligible-only admins, members and PIM-for-Groups principals of role-holding groups, config group members and config accounts, case-insensitively', async () => {
    const set = await privilegedAccounts(config, tenant());
    expect([...set.ids].sort()).toEqual(['assigned-1', 'eligible-2', 'group-member-6', 'listed-4', 'member-3', 'pim-eligible-7', 'role-grp']);
    for (const id of ['assigned-1', 'ELIGIBLE-2', 'member-3', 'listed-4', 'Group-Member-6', 'pim-eligible-7']) expect(set.isPrivileged('someone@contoso.com', id)).toBe(true);
    expect(set.isPrivileged('ops.lead@CONTOSO.com')).toBe(true);
  });

  it('a role-assignable group that holds no role is not expanded; its members are not privileged', async () => {
    const graph = tenant();
    const set = await privilegedAccounts(config, graph);
    expect(graph.expanded.sort()).toEqual(['grp-ops', 'pim:role-grp', 'role-grp']);
    expect(set.isPrivileged('idle@contoso.com', 'idle-member-8')).toBe(false);
    expect(set.isPrivileged('idle@contoso.com', 'idle-pim-9')).toBe(false);
  });

  it('a user with no role, in no listed group and not listed is not privileged', async () => {
    const set = await privilegedAccounts(config, tenant());
    expect(set.isPrivileged('staff@contoso.com', 'other-5')).toBe(false);
  });

  it('is read again only once the refresh interval has passed, and a failed read is not kept', async () => {
    let now = 0;
    let reads = 0;
    let fail = false;
    const graph = { ...tenant(), roleAssignments: async () => {
      reads++;
      if (fail) throw new Error('graph down');
      return [] as RoleAssignment[];
    } };
    const get = privilegedRefresher(config, graph, () => now, 15 * 60_000);
    await get();
    now += 14 * 60_000;
    await get();
    expect(reads).toBe(1);
    now += 60_000;
    fail = true;
    await expect(get()).rejects.toThrow('graph down');
    fail = false;
    await get();
    expect(reads).toBe(3);
  });
});
