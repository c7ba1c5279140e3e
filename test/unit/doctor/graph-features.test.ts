import { parseConfig } from '../../../bot/config/load-config';
import { graphFeaturesInUse } from '../../../bot/doctor/graph-features';

describe('the Graph features the doctor checks', () => {
  it("asks for the role-write permission only when some role is granted by the bot, not by PIM", () => {
    const pimOnly = parseConfig({ elevation: { policies: [{ role: 'Exchange Administrator', grantMode: 'pim' }] } });
    const botGrants = parseConfig({ elevation: { policies: [{ role: 'Exchange Administrator', grantMode: 'pim' }, { role: 'Global Administrator', grantMode: 'bot' }] } });
    expect(graphFeaturesInUse(pimOnly)).not.toContain('grant');
    expect(graphFeaturesInUse(botGrants)).toContain('grant');
  });

  it("checks listing PIM's requests (a write permission, as Graph enforces it) only when some role is in pim mode", () => {
    const botOnly = parseConfig({ elevation: { policies: [{ role: 'Global Administrator', grantMode: 'bot' }] } });
    const pimOnly = parseConfig({ elevation: { policies: [{ role: 'Exchange Administrator', grantMode: 'pim' }] } });
    expect(graphFeaturesInUse(botOnly)).not.toContain('pimRequests');
    expect(graphFeaturesInUse(pimOnly)).toContain('pimRequests');
  });

  it('asks to read group members only when a role is bound to an Entra group or monitoring expands role-holding groups', () => {
    const people = { ann: { name: 'Ann', entraObjectId: '11111111-1111-4111-8111-111111111111' } };
    const monitoring = { enabled: false };
    expect(graphFeaturesInUse(parseConfig({ people, monitoring, roles: { responders: ['ann'] } }))).not.toContain('groups');
    expect(graphFeaturesInUse(parseConfig({ people, monitoring, roles: { responders: ['ann'], approvers: ['group:5b1e2a3c-0d4f-4e6a-8b7c-9d0e1f2a3b4c'] } }))).toContain('groups');
    expect(graphFeaturesInUse(parseConfig({ people, roles: { responders: ['ann'] } }))).toContain('groups');
  });

  it('checks the PIM for Groups permissions whenever monitoring is on (they make members-to-be of role-holding groups privileged)', () => {
    expect(graphFeaturesInUse(parseConfig({}))).toContain('pimGroups');
    expect(graphFeaturesInUse(parseConfig({ monitoring: { enabled: false } }))).not.toContain('pimGroups');
  });
});
