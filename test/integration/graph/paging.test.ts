import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateSignIns } from '../../../sim';
import type { SignIn } from '../../../workflows/graph-records';
import { startSimulatedGraph, WEDNESDAY_AFTERNOON, type SimulatedGraph } from '../../fakes/graph-sim-harness';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('paging over @odata.nextLink', () => {
  let g: SimulatedGraph;
  beforeAll(async () => {
    g = await startSimulatedGraph({ scenario: 'quiet' });
    g.sim.addSignIns([...generateSignIns(5_500, 11, { end: WEDNESDAY_AFTERNOON - 60_000, spanMs: 60 * 60_000 })]);
  });
  afterAll(() => g.close());

  it('streams more than 3 pages one at a time, fetching lazily and keeping no page once consumed', async () => {
    const since = new Date(WEDNESDAY_AFTERNOON - 61 * 60_000).toISOString();
    const expected = g.sim.data.signIns.filter((s) => s.record.isInteractive && Date.parse(s.record.createdDateTime) >= Date.parse(since)).length;
    expect(expected).toBeGreaterThan(5_000);

    const pageRefs: Array<WeakRef<SignIn[]>> = [];
    const sizes: number[] = [];
    const seen = new Set<string>();
    let previousOldest = Number.POSITIVE_INFINITY;
    for await (const page of g.port.signIns({ since })) {
      // Lazy: one request per page consumed, nothing fetched ahead.
      expect(g.sim.requests.filter((r) => r.route === 'signIns')).toHaveLength(sizes.length + 1);
      sizes.push(page.length);
      pageRefs.push(new WeakRef(page));
      for (const s of page) seen.add(s.id);
      expect(Date.parse(page[0]?.createdDateTime ?? '')).toBeLessThanOrEqual(previousOldest);
      previousOldest = Date.parse(page[page.length - 1]?.createdDateTime ?? '');
    }
    expect(sizes.length).toBe(Math.ceil(expected / 1000));
    expect(sizes.length).toBeGreaterThan(3);
    expect(sizes.slice(0, -1).every((n) => n === 1000)).toBe(true);
    expect(seen.size).toBe(expected);

    // Memory stays flat: pages the consumer let go of are collectable, so the adapter holds none of them.
    gc();
    await new Promise((r) => setImmediate(r));
    gc();
    expect(pageRefs.slice(0, -1).filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  });

  it('paces itself to 5 log requests per 10 seconds while paging (the 6th page waits)', async () => {
    const before = g.sleeps.length;
    const since = new Date(g.clock.now() - 62 * 60_000).toISOString();
    let pages = 0;
    for await (const page of g.port.signIns({ since })) if (page.length > 0) pages++;
    expect(pages).toBe(6);
    const waits = g.sleeps.slice(before);
    expect(waits.length).toBeGreaterThan(0);
    const times = g.sim.requests.filter((r) => r.route === 'signIns').slice(-6).map((r) => r.at);
    expect((times[5] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(10_000);
  });
});
