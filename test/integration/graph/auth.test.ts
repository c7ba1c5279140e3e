import type { BreakglassError } from '../../../bot/core/errors';
import { createGraphPort } from '../../../adapters/graph/graph-port';
import { silentLogger } from '../../../bot/core/logger';
import { startSimulatedGraph, type SimulatedGraph } from '../../fakes/graph-sim-harness';

async function failure(promise: Promise<unknown>): Promise<BreakglassError> {
  try {
    await promise;
  } catch (e) {
    return e as BreakglassError;
  }
  throw new Error('expected the call to fail');
}

describe('tokens and credentials', () => {
  let g: SimulatedGraph;
  beforeEach(async () => {
    g = await startSimulatedGraph({ scenario: 'quiet' });
  });
  afterEach(() => g.close());

  const portWith = (overrides: { clientSecret?: string; tenantId?: string }) =>
    createGraphPort({
      baseUrl: g.sim.url,
      authorityHost: g.sim.url,
      tenantId: overrides.tenantId ?? g.sim.tenantId,
      clientId: g.sim.clientId,
      clientSecret: overrides.clientSecret ?? g.sim.clientSecret,
      tokenRetries: 0,
      logger: silentLogger,
      clock: g.clock,
      sleep: async (ms) => g.clock.advance(ms),
    });

  it('Graph answers 401 with its error body when the token is missing or not one it issued', async () => {
    const missing = await fetch(`${g.sim.url}/v1.0/domains`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await missing.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
    const forged = await fetch(`${g.sim.url}/v1.0/domains`, { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.' } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
  });

  it('a token Graph no longer accepts becomes graph.unauthorized for the caller', async () => {
    await g.port.domains();
    g.sim.revokeTokens();
    const error = await failure(g.port.domains());
    expect(error.code).toBe('graph.unauthorized');
    expect(error.userMessage).toBe("Microsoft Graph did not accept the bot's sign-in token; check the app's tenant id, client id and credential.");
    expect(error.detail).toMatchObject({ status: 401, graphCode: 'InvalidAuthenticationToken' });
  });

  it('a wrong client secret is graph.unauthorized and never echoes the secret', async () => {
    const error = await failure(portWith({ clientSecret: 'not-the-secret-123' }).domains());
    expect(error.code).toBe('graph.unauthorized');
    expect(error.userMessage).toBe("Microsoft Entra ID refused the bot's app credential; check the client id and that its secret or certificate has not expired.");
    expect(JSON.stringify({ m: error.userMessage, d: error.detail })).not.toContain('not-the-secret-123');
    expect(g.sim.requests.filter((r) => r.path.startsWith('/v1.0/'))).toHaveLength(0);
  });

  it('a token endpoint that is down, or a tenant that does not exist, is graph.unavailable', async () => {
    g.sim.injectFault('token', { kind: 'unavailable', status: 503 });
    const down = await failure(portWith({}).domains());
    expect(down.code).toBe('graph.unavailable');
    expect(down.userMessage).toMatch(/cannot get a sign-in token from Microsoft Entra ID/);
    g.sim.clearFaults();
    const unknown = await failure(portWith({ tenantId: '00000000-0000-0000-0000-000000000000' }).domains());
    expect(unknown.code).toBe('graph.unavailable');
  });

  it('refuses a plain-http Graph or authority URL at start, naming the setting', () => {
    expect(() => createGraphPort({ baseUrl: 'http://127.0.0.1:1', tenantId: 't', clientId: 'c', clientSecret: 's', logger: silentLogger })).toThrow('graph.baseUrl must be an https URL.');
    expect(() => createGraphPort({ baseUrl: g.sim.url, authorityHost: 'http://127.0.0.1:1', tenantId: 't', clientId: 'c', clientSecret: 's', logger: silentLogger })).toThrow(
      'graph.authorityHost must be an https URL.',
    );
  });
});
