import { generateSignIns } from '../../../sim/generate-sign-ins';

describe('synthetic sign-ins for benchmarks', () => {
  it('is deterministic from the seed and newest first', () => {
    const a = [...generateSignIns(200, 42)];
    const b = [...generateSignIns(200, 42)];
    expect(a).toEqual(b);
    expect([...generateSignIns(200, 43)].map((s) => s.id)).not.toEqual(a.map((s) => s.id));
    const times = a.map((s) => Date.parse(s.createdDateTime));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(a[0]?.createdDateTime).toBe('2026-01-01T00:00:00.000Z');
  });

  it('is lazy: taking a few from a huge run does not build the rest', () => {
    const started = Date.now();
    const it = generateSignIns(50_000_000, 1);
    const first = [it.next().value, it.next().value];
    expect(first).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('mixes outcomes the detections care about', () => {
    const records = [...generateSignIns(20_000, 7)];
    const count = (code: number) => records.filter((r) => r.status.errorCode === code).length;
    expect(count(0) / records.length).toBeGreaterThan(0.8);
    for (const code of [50126, 50074, 500121, 53003, 50053, 50057]) expect(count(code)).toBeGreaterThan(0);
    expect(records.some((r) => ['IMAP4', 'POP3', 'SMTP'].includes(r.clientAppUsed))).toBe(true);
    expect(records.some((r) => r.userPrincipalName.startsWith('adm-'))).toBe(true);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });
});
