import { apiFamily, localThrottleResponse, ThrottleGate } from '../../../adapters/graph/throttle-gate';

describe('ThrottleGate: Retry-After honoured across calls', () => {
  it('holds one API family shut until the time Graph asked for, and only that family', () => {
    const gate = new ThrottleGate();
    gate.block('auditlogs', 30_000);
    expect(gate.remaining('auditlogs', 5_000)).toBe(25_000);
    expect(gate.remaining('rolemanagement', 5_000)).toBe(0);
    expect(gate.remaining('auditlogs', 30_000)).toBe(0);
  });

  it('never shortens a wait already asked for', () => {
    const gate = new ThrottleGate();
    gate.block('users', 60_000);
    gate.block('users', 10_000);
    expect(gate.remaining('users', 0)).toBe(60_000);
  });

  it.each([
    ['https://graph.microsoft.com/v1.0/auditLogs/signIns?$filter=x', 'auditlogs'],
    ['https://127.0.0.1:4443/beta/roleManagement/directory/roleAssignmentScheduleRequests', 'rolemanagement'],
    ['/v1.0/domains', 'domains'],
  ])('%s belongs to %s', (url, family) => {
    expect(apiFamily(url)).toBe(family);
  });

  it('answers locally the way Graph would: 429 with the seconds still to wait', async () => {
    const res = localThrottleResponse(24_100);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('25');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
  });
});
