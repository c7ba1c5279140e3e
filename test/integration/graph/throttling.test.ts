import type { BreakglassError } from '../../../bot/core/errors';
import { userId, ROLE } from '../../../sim';
import { drain, startSimulatedGraph, WEDNESDAY_AFTERNOON, type SimulatedGraph } from '../../fakes/graph-sim-harness';

async function failure(promise: Promise<unknown>): Promise<BreakglassError> {
  try {
    await promise;
  } catch (e) {
    return e as BreakglassError;
  }
  throw new Error('expected the call to fail');
}

const calls = (g: SimulatedGraph, route: string) => g.sim.requests.filter((r) => r.route === route);

describe('throttling and outages', () => {
  let g: SimulatedGraph;
  beforeEach(async () => {
    g = await startSimulatedGraph({ scenario: 'quiet', graph: { retry: { maxRetries: 3, maxInProcessWaitMs: 5_000, baseBackoffMs: 500, timeoutMs: 2_000 } } });
  });
  afterEach(() => g.close());

  it('waits the Retry-After of a 429, then succeeds', async () => {
    g.sim.injectFault('domains', { kind: 'throttle', retryAfterSeconds: 2, times: 1 });
    const domains = await g.port.domains();
    expect(domains).toHaveLength(2);
    expect(g.sleeps).toEqual([2_000]);
    expect(calls(g, 'domains').map((r) => r.status)).toEqual([429, 200]);
    expect(g.clock.now()).toBe(WEDNESDAY_AFTERNOON + 2_000);
  });

  it('does not sleep on a long Retry-After: the caller gets graph.throttled with the retry time', async () => {
    g.sim.injectFault('signIns', { kind: 'throttle', retryAfterSeconds: 120 });
    const error = await failure(drain(g.port.signIns({ since: new Date(WEDNESDAY_AFTERNOON - 3_600_000).toISOString() })));
    expect(error.code).toBe('graph.throttled');
    expect(error.retryAt).toBe(WEDNESDAY_AFTERNOON + 120_000);
    expect(error.userMessage).toBe('Microsoft Graph is throttling the bot; it will try again at 15:02 UTC.');
    expect(g.sleeps).toEqual([]);
    expect(calls(g, 'signIns')).toHaveLength(1);
  });

  it('gives up after the bounded retries when 429 persists, with the last Retry-After as retryAt', async () => {
    g.sim.injectFault('users', { kind: 'throttle', retryAfterSeconds: 1 });
    const error = await failure(g.port.user('adm-alice@contoso.com'));
    expect(error.code).toBe('graph.throttled');
    expect(calls(g, 'users')).toHaveLength(4);
    expect(g.sleeps).toEqual([1_000, 1_000, 1_000]);
    expect(error.retryAt).toBe(g.clock.now() + 1_000);
  });

  it('a persistent 503 reaches the caller as graph.unavailable after backing off', async () => {
    g.sim.injectFault('graph', { kind: 'unavailable', status: 503 });
    const error = await failure(g.port.rolePolicy(ROLE.globalAdministrator));
    expect(error.code).toBe('graph.unavailable');
    expect(error.userMessage).toBe('Microsoft Graph is not answering right now; try again in a few minutes.');
    expect(error.retryAt).toBeGreaterThan(g.clock.now());
    expect(calls(g, 'rolePolicies').map((r) => r.status)).toEqual([503, 503, 503, 503]);
    expect(g.sleeps).toEqual([500, 1_000, 2_000]);
  });

  it('a 504 with Retry-After is retried like a 503', async () => {
    g.sim.injectFault('domains', { kind: 'unavailable', status: 504, retryAfterSeconds: 3, times: 2 });
    expect(await g.port.domains()).toHaveLength(2);
    expect(g.sleeps).toEqual([3_000, 3_000]);
  });

  it('never repeats a POST after a 503 (it may have worked), but does after a 429 (Graph did not act on it)', async () => {
    const request = { action: 'adminAssign' as const, principalId: userId('alice'), roleDefinitionId: ROLE.globalAdministrator, justification: 'bg-req-7', duration: 'PT1H' };
    g.sim.injectFault('assignmentRequests', { kind: 'unavailable', status: 503, times: 1 });
    expect((await failure(g.port.createAssignmentRequest(request))).code).toBe('graph.unavailable');
    expect(calls(g, 'assignmentRequests')).toHaveLength(1);

    g.sim.injectFault('assignmentRequests', { kind: 'throttle', retryAfterSeconds: 1, times: 1 });
    expect((await g.port.createAssignmentRequest(request)).status).toBe('Provisioned');
    expect(calls(g, 'assignmentRequests').map((r) => r.status)).toEqual([503, 429, 201]);
  });

  it('a dropped connection is retried for reads and reported as unavailable when it keeps happening', async () => {
    g.sim.injectFault('domains', { kind: 'drop', times: 1 });
    expect(await g.port.domains()).toHaveLength(2);
    g.sim.injectFault('domains', { kind: 'drop' });
    const error = await failure(g.port.domains());
    expect(error.code).toBe('graph.unavailable');
    expect(error.userMessage).toBe('The bot cannot reach Microsoft Graph right now; try again in a few minutes.');
  });

  it('a lost answer to a POST is not retried, so the caller can reconcile by listing', async () => {
    g.sim.injectFault('assignmentRequests', { kind: 'drop', after: true, times: 1 });
    const error = await failure(g.port.createAssignmentRequest({ action: 'adminAssign', principalId: userId('bob'), roleDefinitionId: ROLE.securityAdministrator, justification: 'bg-req-8', duration: 'PT1H' }));
    expect(error.code).toBe('graph.unavailable');
    const made = await g.port.assignmentRequests({ principalId: userId('bob') });
    expect(made.filter((r) => r.justification === 'bg-req-8')).toHaveLength(1);
  });

  it('a Graph that does not answer in time is reported as unavailable', async () => {
    const slow = await startSimulatedGraph({ scenario: 'quiet', graph: { retry: { maxRetries: 1, timeoutMs: 200 } } });
    try {
      slow.sim.injectFault('domains', { kind: 'latency', ms: 1_000 });
      const error = await failure(slow.port.domains());
      expect(error.code).toBe('graph.unavailable');
      expect(error.userMessage).toBe('Microsoft Graph did not answer in time; try again in a few minutes.');
      expect(slow.sleeps).toEqual([500]);
    } finally {
      await slow.close();
    }
  });
});
