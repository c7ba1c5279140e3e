import { createGraphOps } from '../../../bot/effects/graph-ops';
import type { BreakglassError } from '../../../bot/core/errors';
import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { tagJustification } from '../../../workflows/pim-elevation/justification-tag';
import { ROLE, userId } from '../../../sim';
import { startSimulatedGraph, type SimulatedGraph } from '../../fakes/graph-sim-harness';

/**
 * Two replicas race to grant the same approved request: the first one's
 * grant lands between the second one's look (GET, nothing yet) and its POST,
 * which Graph answers RoleAssignmentExists. That assignment is this
 * request's own (its justification carries the request id): the second
 * replica must record it as the grant, so its end is verified, and not as
 * "already assigned" and left alone. Real Graph client, the simulator over
 * HTTPS; the only thing staged is the stale first read.
 */
describe('RoleAssignmentExists after a look that came too early', () => {
  let g: SimulatedGraph;
  beforeEach(async () => {
    g = await startSimulatedGraph({ scenario: 'quiet' });
  });
  afterEach(() => g.close());

  /** The port as the second replica saw it: its first listing ran before the first replica's grant. */
  const racingPort = () => {
    let looks = 0;
    return { ...g.port, assignmentRequests: async (filter: Parameters<typeof g.port.assignmentRequests>[0]) => (looks++ === 0 ? [] : g.port.assignmentRequests(filter)) };
  };
  const posts = () => g.sim.requests.filter((r) => r.method === 'POST' && /roleAssignmentScheduleRequests/.test(r.path)).length;
  const CTX = { idempotencyKey: 'EL-RACE:grant', workflowId: 'EL-RACE' };
  const request = (justification: string) => ({ action: 'adminAssign' as const, principalId: userId('alice'), roleDefinitionId: ROLE.globalAdministrator, justification, duration: 'PT1H' });

  it("is the request's own grant when the live assignment carries its tag", async () => {
    const first = await g.port.createAssignmentRequest(request(tagJustification('EL-RACE1', 'restore CA policy')) as never);
    const ops = createGraphOps(racingPort() as never, playgroundConfig(), g.clock);
    const second = (await ops.createAssignmentRequest!(request(tagJustification('EL-RACE1', 'restore CA policy')), CTX)) as { id: string };
    expect(second.id).toBe(first.id);
    expect(posts()).toBe(2); // the first grant, and the second replica's POST that Graph refused
  });

  it("stays RoleAssignmentExists when the live assignment is someone else's", async () => {
    await g.port.createAssignmentRequest(request('granted in the portal by hand') as never);
    const ops = createGraphOps(racingPort() as never, playgroundConfig(), g.clock);
    const refused = await ops.createAssignmentRequest!(request(tagJustification('EL-RACE2', 'restore CA policy')), CTX).then(
      () => undefined,
      (e: BreakglassError) => e,
    );
    expect(refused?.message).toMatch(/RoleAssignmentExists|already/i);
  });
});
