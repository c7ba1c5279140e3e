import { startChild, type ProcessStats } from '../lib/child-rpc';
import type { BenchSizes } from '../lib/bench-sizes';
import { latencyFields, round, type Row } from '../lib/report';
import { summarize } from '../lib/stats';
import type { IncidentStartSample } from '../children/incident-start.child';

/**
 * Workload 8: `incidentStarts` incidents opened at a steady pace while every
 * manager's DM is refused, against the same with every manager reachable, in
 * one run: p99 from `start` to the checklist card (target ratio ≤ 1.2). A page
 * that cannot be delivered falls back to the channel in its own lane, so the
 * checklist must not wait for it.
 */
export async function unreachableManagers(sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const run = async (unreachable: boolean) => {
    const child = await startChild<{ ready: true }>('incident-start.child.ts', { dialect: 'sqlite', unreachable, count: sizes.incidentStarts });
    try {
      const t0 = Date.now();
      const samples = await child.call<IncidentStartSample[]>('run', {}, 300_000);
      const wallS = (Date.now() - t0) / 1000;
      // Each incident pages at least one manager; unreachable, each page falls back to its channel.
      const fallbacks = await child.call<number>('fallbacks', { expected: unreachable ? samples.length : 0 }, 90_000);
      const stats = await child.call<ProcessStats>('stats');
      return { card: summarize(samples.map((s) => s.cardMs)), wallS, fallbacks, stats, count: samples.length };
    } finally {
      await child.stop();
    }
  };
  const reachable = await run(false);
  const unreachable = await run(true);
  if (unreachable.fallbacks === 0) throw new Error('no page fell back to the channel: the managers were not unreachable');
  const ratioP99 = round(unreachable.card.p99 / reachable.card.p99);
  log(`8 Incident start: checklist p99 ${unreachable.card.p99.toFixed(0)} ms with every manager unreachable vs ${reachable.card.p99.toFixed(0)} ms reachable (ratio ${ratioP99})`);
  const row = (side: Row['side'], r: typeof reachable, notes: string): Row => ({
    workload: '8 Start -> checklist card, managers unreachable (SQLite)',
    side,
    requests: r.count,
    concurrency: 1,
    ...latencyFields(r.card),
    throughput: round(r.count / r.wallS, 1),
    unit: 'incidents/s',
    peakRssMb: r.stats.peakRssMb,
    notes,
    details: { fallbacks: r.fallbacks },
  });
  return [
    row('baseline', reachable, 'the same incidents with every manager reachable'),
    {
      ...row('bot', unreachable, `every DM refused (users_not_found); ${unreachable.fallbacks} pages fell back to the channel`),
      ratioP50: round(unreachable.card.p50 / reachable.card.p50),
      ratioP99,
      target: 'p99 ratio ≤ 1.2',
      met: ratioP99 <= 1.2,
    },
  ];
}
