import { runTenantSimCommand } from '../../../sim/tenant-sim-command';
import { startTenantSimulator } from '../../../sim/tenant-simulator';
import { requireTestCa } from '../../fakes/graph-sim-harness';
import { ManualClock } from '../../../bot/ports/clock';

describe('running the simulator', () => {
  it('`breakglass tenant-sim` prints the URL, tenant, client id and secret, and the CA to trust', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const sim = await runTenantSimCommand(['--scenario', 'under-attack', '--port', '0'], { out: (l) => out.push(l), err: (l) => err.push(l) });
    try {
      expect(sim).toBeDefined();
      const text = out.join('\n');
      expect(text).toContain('SIMULATED TENANT');
      expect(text).toContain(sim?.url ?? 'missing');
      expect(text).toContain(sim?.tenantId ?? 'missing');
      expect(text).toContain(sim?.clientId ?? 'missing');
      expect(text).toContain(sim?.clientSecret ?? 'missing');
      expect(text).toContain('test/fixtures/tls/ca.crt');
      expect(err).toEqual([]);
    } finally {
      await sim?.close();
    }
  });

  it('explains bad arguments instead of starting', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l) };
    expect(await runTenantSimCommand(['--scenario', 'armageddon'], io)).toBeUndefined();
    expect(await runTenantSimCommand(['--port', 'eighty'], io)).toBeUndefined();
    expect(await runTenantSimCommand(['--bogus', '1'], io)).toBeUndefined();
    expect(err.map((l) => l.split('\n')[0])).toEqual(["unknown scenario 'armageddon' (choose quiet, under-attack, adfs-outage, privileged-changes)", '--port must be a number from 0 to 65535', 'unknown option --bogus']);
  });

  it('takes faults, PIM decisions and clock moves on its admin endpoint', async () => {
    requireTestCa();
    const clock = new ManualClock(Date.parse('2026-01-07T15:00:00Z'));
    const sim = await startTenantSimulator({ scenario: 'quiet', clock });
    try {
      const post = (path: string, body: unknown) => fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post('/_sim/faults', { route: 'domains', fault: { kind: 'throttle', retryAfterSeconds: 9 } })).status).toBe(204);
      const throttled = await fetch(`${sim.url}/v1.0/domains`);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('9');
      expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
      expect((await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' })).status).toBe(204);
      expect((await fetch(`${sim.url}/v1.0/domains`)).status).toBe(401);

      const created = (await (await post('/_sim/pim/pending', { principalId: sim.data.users[2]?.id, roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10', justification: 'test' })).json()) as { id: string; status: string };
      expect(created.status).toBe('PendingApproval');
      const approved = (await (await post(`/_sim/pim/${created.id}/approve`, {})).json()) as { status: string };
      expect(approved.status).toBe('Provisioned');
      const again = await post(`/_sim/pim/${created.id}/deny`, {});
      expect(again.status).toBe(400);
      expect(((await again.json()) as { error: { message: string } }).error.message).toBe('The request is Provisioned, not PendingApproval.');

      await post('/_sim/clock/advance', { ms: 60_000 });
      expect(clock.now()).toBe(Date.parse('2026-01-07T15:01:00Z'));
    } finally {
      await sim.close();
    }
  });
});
