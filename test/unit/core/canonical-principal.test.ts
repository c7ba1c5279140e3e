import { configSchema } from '../../../bot/config/schema';
import { Authorizer } from '../../../bot/core/authz';
import { IdentityResolver } from '../../../bot/core/identity';
import type { Actor } from '../../../bot/core/platform';
import { workflowActor } from '../../../bot/core/router';

/**
 * Issue 14: one person is one principal, the lower-cased Entra object id, whichever
 * platform they act from and however the config spells their id.
 */
const UPPER = 'A1B2C3D4-0000-4000-8000-00000000ABCD';
const LOWER = UPPER.toLowerCase();

const config = configSchema.parse({
  people: {
    // Pinned in upper case, as copied from the Entra portal.
    pat: { name: 'Pat', entraObjectId: UPPER, teams: '29:pat' },
    // Both platform ids but no Entra id: not a principal.
    nomad: { name: 'Nomad', slack: 'UNOMAD', teams: '29:nomad' },
  },
  roles: { approvers: ['pat', 'nomad', 'slack:UBARE', 'teams:29:bare'], responders: ['pat', 'nomad'] },
});

function resolver(emailMatch?: string): IdentityResolver {
  const stored = new Map<string, string>();
  return new IdentityResolver(
    config,
    {
      getIdentity: (p, id) => Promise.resolve(stored.get(`${p}:${id}`)),
      putIdentity: (p, id, entra) => {
        stored.set(`${p}:${id}`, entra);
        return Promise.resolve();
      },
    },
    { userByEmail: () => Promise.resolve(emailMatch ? ({ id: emailMatch } as never) : undefined) },
    { slack: () => Promise.resolve('pat@contoso.com') },
  );
}

describe('one canonical principal', () => {
  test('config Entra ids are lower-cased at load', () => {
    expect(config.people.pat!.entraObjectId).toBe(LOWER);
  });

  test('Slack (email lookup, Graph spells it lower) and Teams (config pin, upper) give the machines one id', async () => {
    const onSlack = await resolver(LOWER).resolve({ platform: 'slack', platformUserId: 'UPAT' });
    const onTeams = await resolver().resolve({ platform: 'teams', platformUserId: '29:pat' });
    const viaClaim = await resolver().resolve({ platform: 'teams', platformUserId: 'x', entraObjectId: UPPER });
    expect(workflowActor(onSlack).id).toBe(LOWER);
    expect(workflowActor(onTeams).id).toBe(LOWER);
    expect(workflowActor(viaClaim).id).toBe(LOWER);
    // Graph answering in upper case must not make a second person either; authz and the audit read actor.entraObjectId.
    const upperFromGraph = await resolver(UPPER).resolve({ platform: 'slack', platformUserId: 'UPAT' });
    expect(upperFromGraph.entraObjectId).toBe(LOWER);
    expect(viaClaim.entraObjectId).toBe(LOWER);
    expect(workflowActor(upperFromGraph).id).toBe(LOWER);
    // The machines' id is canonical even if a caller skipped resolution.
    expect(workflowActor({ platform: 'teams', platformUserId: 'x', entraObjectId: UPPER }).id).toBe(LOWER);
  });

  test.each<Actor>([
    { platform: 'slack', platformUserId: 'UNOMAD' },
    { platform: 'teams', platformUserId: '29:nomad' },
    { platform: 'slack', platformUserId: 'UBARE' },
    { platform: 'teams', platformUserId: '29:bare' },
  ])('an actor with no Entra id holds no role: %o', async (raw) => {
    const actor = await resolver().resolve(raw);
    expect(actor.entraObjectId).toBeUndefined();
    const authz = new Authorizer(config);
    expect(await authz.has(actor, 'approver')).toBe(false);
    expect([...(await authz.rolesOf(actor))]).toEqual([]);
    // And the machines never see it as any principal.
    expect(workflowActor(actor).id).not.toBe(LOWER);
    expect(workflowActor(actor).id).toMatch(/^unmapped:/);
  });

  test('the mapped person holds the role from either platform', async () => {
    const authz = new Authorizer(config);
    expect(await authz.has(await resolver(LOWER).resolve({ platform: 'slack', platformUserId: 'UPAT' }), 'approver')).toBe(true);
    expect(await authz.has(await resolver().resolve({ platform: 'teams', platformUserId: '29:pat' }), 'approver')).toBe(true);
  });
});
