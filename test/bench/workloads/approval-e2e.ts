import type { Dialect } from '../../support/storages';
import { startChild, type ProcessStats } from '../lib/child-rpc';
import type { BenchSizes } from '../lib/bench-sizes';
import { latencyFields, round, type Row } from '../lib/report';
import { summarize } from '../lib/stats';
import type { ApprovalSample } from '../children/approval.child';

/** Workload 3: approve click -> Graph assignment in the simulator -> card update at the fake Slack, one at a time. */
export async function approvalE2e(dialect: Dialect, sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const label = `3 Approval e2e (${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
  const child = await startChild<{ ready: true }>('approval.child.ts', { dialect });
  try {
    const t0 = Date.now();
    const samples = await child.call<ApprovalSample[]>('run', { count: sizes.approvals }, 300_000);
    const wallS = (Date.now() - t0) / 1000;
    const stats = await child.call<ProcessStats>('stats');
    const card = summarize(samples.map((s) => s.cardMs));
    const graph = summarize(samples.map((s) => s.graphMs));
    const ack = summarize(samples.map((s) => s.ackMs));
    log(`${label}: click -> card update p50 ${card.p50.toFixed(0)} ms p99 ${card.p99.toFixed(0)} ms (assignment p50 ${graph.p50.toFixed(0)} ms)`);
    return [
      {
        workload: label,
        side: '-',
        requests: samples.length,
        concurrency: 1,
        ...latencyFields(card),
        throughput: round(samples.length / wallS, 1),
        unit: 'approvals/s',
        peakRssMb: stats.peakRssMb,
        notes: 'latency = approve click sent -> card updated at the fake Slack; throughput includes request and revoke',
        details: { clickToAssignment: graph, clickToAck: ack, samples },
      },
    ];
  } finally {
    await child.stop();
  }
}
