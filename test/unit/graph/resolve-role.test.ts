import { findRole } from '../../../adapters/graph/queries/resolve-role';
import { builtInRoleDefinitions, ROLE } from '../../../sim';

const roles = builtInRoleDefinitions().map((r) => ({ id: r.id, displayName: r.displayName, templateId: r.templateId, isBuiltIn: true }));

describe('resolving the role a responder typed', () => {
  it.each([
    ['Global Administrator', ROLE.globalAdministrator],
    ['global administrator', ROLE.globalAdministrator],
    ['GLOBAL ADMIN', ROLE.globalAdministrator],
    ['GA', ROLE.globalAdministrator],
    ['pra', ROLE.privilegedRoleAdministrator],
    ['Privileged-Role-Administrator', ROLE.privilegedRoleAdministrator],
    ['exchange admin', ROLE.exchangeAdministrator],
    ['helpdesk', ROLE.helpdeskAdministrator],
    [ROLE.securityReader, ROLE.securityReader],
  ])('%s', (typed, id) => {
    expect(findRole(roles, typed)?.id).toBe(id);
  });

  it('finds nothing for unknown or empty names rather than guessing', () => {
    expect(findRole(roles, 'admin')).toBeUndefined();
    expect(findRole(roles, '  ')).toBeUndefined();
    expect(findRole(roles, 'Global')).toBeUndefined();
  });
});
