import { createTestStorage, type DisposableTestStorage } from '../../support/storages';
import { startChild, type BenchChild, type ProcessStats } from '../lib/child-rpc';
import type { BenchSizes } from '../lib/bench-sizes';
import { okCount } from '../lib/interleave';
import { runLoad, type LoadRequest } from '../lib/load-generator';
import { round, type Row } from '../lib/report';
import { percentile } from '../lib/stats';
import { benchUsers } from '../world/bench-config';
import { slackMix, type FakesInfo, type PreparedCard, type ServerInfo } from '../world/bench-world';

type Replica = BenchChild<ServerInfo>;

/**
 * Workload 7: the same PostgreSQL database behind one address, served by one
 * replica and then by two, rounds alternating. Throughput is deliveries
 * finished per second (the ack and the work after it, to the reply at
 * response_url) with 50 requests in flight through a round-robin proxy. Both
 * replicas run their timer and outbox loops on the shared tables; in the
 * one-replica rounds the second simply gets no requests. Afterwards some
 * deliveries are sent again to both replicas directly, as Slack retries one
 * (x-slack-retry-num), and every response_url must have been posted to
 * exactly once: one effect per delivery, counted at the fake Slack.
 */
export async function twoReplicas(sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const label = '7 Two PostgreSQL replicas vs one';
  const started: Array<BenchChild<unknown>> = [];
  let db: DisposableTestStorage | undefined;
  try {
    db = await createTestStorage('postgres');
    const fakes = await startChild<FakesInfo>('fakes.child.ts', { users: sizes.users });
    started.push(fakes);
    const replicaOptions = { dialect: 'postgres', users: sizes.users, fakes: fakes.info, teams: false, slackPacingMs: 1, shared: db.openOptions };
    const a = await startChild<ServerInfo>('bot.child.ts', replicaOptions);
    started.push(a);
    const b = await startChild<ServerInfo>('bot.child.ts', replicaOptions);
    started.push(b);
    const proxy = await startChild<ServerInfo>('proxy.child.ts', {});
    started.push(proxy);
    const prepared = await a.call<PreparedCard>('prepare', { platform: 'slack' });
    const users = benchUsers(sizes.users);

    let offset = 0;
    const sent: LoadRequest[] = [];
    const throughput: Record<'one' | 'two', number[]> = { one: [], two: [] };
    const round_ = async (replicas: Replica[], count: number): Promise<number> => {
      await proxy.call('route', { urls: replicas.map((r) => r.info.url) });
      const before = await handledBy([a, b]);
      const requests = slackMix(count, users, fakes.info, prepared, offset);
      offset += count;
      sent.push(...requests);
      const t0 = Date.now();
      const load = await runLoad(requests, { baseUrl: proxy.info.url, concurrency: sizes.concurrency, deadlineMs: sizes.roundTimeoutMs });
      await settle([a, b], before + okCount(load), sizes.roundTimeoutMs);
      return okCount(load) / ((Date.now() - t0) / 1000);
    };
    // Warm both replicas (code loaded, connections open) before measuring either configuration.
    await round_([a, b], sizes.ackWarmup * 2);
    for (let r = 0; r < sizes.ackRounds; r++) {
      throughput.one.push(await round_([a], sizes.ackRequests));
      throughput.two.push(await round_([a, b], sizes.ackRequests));
      log(`${label}: round ${r + 1}: one ${throughput.one.at(-1)!.toFixed(0)} /s, two ${throughput.two.at(-1)!.toFixed(0)} /s`);
    }

    // Slack's retries of deliveries already answered, one copy to each replica.
    const retried = sent.slice(0, Math.min(sent.length, 100));
    const retries = retried.flatMap((r) => [a, b].map(() => ({ ...r, headers: { ...r.headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })));
    const before = await handledBy([a, b]);
    const again = [
      ...(await Promise.all([a, b].map((replica, i) => runLoad(retries.filter((_, k) => k % 2 === i), { baseUrl: replica.info.url, concurrency: 10, deadlineMs: sizes.roundTimeoutMs })))),
    ];
    await settle([a, b], before + again.reduce((n, l) => n + okCount(l), 0), sizes.roundTimeoutMs);
    const counts = await fakes.call<Record<string, number>>('responseCounts');
    const expectedIds = sent.map((_, i) => `bench-${i}`);
    const missing = expectedIds.filter((id) => !counts[id]).length;
    const duplicated = expectedIds.filter((id) => (counts[id] ?? 0) > 1).length;

    const stats = await Promise.all([a, b, proxy, fakes].map((c) => c.call<ProcessStats>('stats')));
    const one = percentile([...throughput.one].sort((x, y) => x - y), 50);
    const two = percentile([...throughput.two].sort((x, y) => x - y), 50);
    const ratio = two / one;
    log(`${label}: one ${one.toFixed(0)} /s, two ${two.toFixed(0)} /s, ratio ${ratio.toFixed(2)}; ${sent.length} deliveries + ${retries.length} retries: ${missing} without a reply, ${duplicated} answered twice`);
    const row = (side: string, value: number, extra: Partial<Row>): Row => ({
      workload: `${label}, ${side}`,
      side: 'bot',
      requests: sizes.ackRequests * sizes.ackRounds,
      concurrency: sizes.concurrency,
      p50Ms: Number.NaN,
      p95Ms: Number.NaN,
      p99Ms: Number.NaN,
      throughput: round(value, 0),
      unit: 'deliveries/s',
      peakRssMb: Math.max(...stats.slice(0, 2).map((s) => s.peakRssMb)),
      ...extra,
    });
    return [
      row('one replica', one, { notes: 'median of rounds; ack and reply at response_url, through the proxy' }),
      row('two replicas', two, {
        ratioThroughput: round(ratio),
        target: 'throughput ratio >= 1.7, one effect per delivery',
        met: ratio >= 1.7 && missing === 0 && duplicated === 0,
        notes: `${sent.length} deliveries and ${retries.length} redeliveries (x-slack-retry-num, one copy to each replica): ${missing} without a reply, ${duplicated} answered more than once`,
        details: { roundsOne: throughput.one.map((t) => round(t, 0)), roundsTwo: throughput.two.map((t) => round(t, 0)), missing, duplicated, cpuSeconds: { a: stats[0]!.cpuSeconds, b: stats[1]!.cpuSeconds, proxy: stats[2]!.cpuSeconds, fakes: stats[3]!.cpuSeconds } },
      }),
    ];
  } finally {
    for (const child of started.reverse()) await child.stop().catch(() => undefined);
    await db?.dispose().catch(() => undefined);
  }
}

async function handledBy(replicas: Replica[]): Promise<number> {
  const counts = await Promise.all(replicas.map((r) => r.call<{ handled: number }>('stats')));
  return counts.reduce((n, s) => n + s.handled, 0);
}

/** Until the replicas together have finished `count` deliveries. */
async function settle(replicas: Replica[], count: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await handledBy(replicas)) < count) {
    if (Date.now() > until) throw new Error(`replicas did not finish ${count} deliveries in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
