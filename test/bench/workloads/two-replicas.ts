import { cpus } from 'node:os';
import { createTestStorage, type DisposableTestStorage } from '../../support/storages';
import { startChild, type BenchChild, type ProcessStats } from '../lib/child-rpc';
import type { BenchSizes } from '../lib/bench-sizes';
import { okCount } from '../lib/interleave';
import { runLoad, type LoadRequest } from '../lib/load-generator';
import { round, type Row } from '../lib/report';
import { cpuSecondsOf } from '../lib/server-cpu';
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
    // Requests the proxy or a replica answered with an error (never delivered, so no reply is owed).
    let refused = 0;
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
      refused += requests.length - okCount(load);
      await settle([a, b], before + okCount(load), sizes.roundTimeoutMs);
      return okCount(load) / ((Date.now() - t0) / 1000);
    };
    // Warm both replicas (code loaded, connections open) before measuring either configuration.
    await round_([a, b], sizes.ackWarmup * 2);
    const cpuBefore = await cpuNow([a, b, proxy, fakes]);
    for (let r = 0; r < sizes.ackRounds; r++) {
      throughput.one.push(await round_([a], sizes.ackRequests));
      throughput.two.push(await round_([a, b], sizes.ackRequests));
      log(`${label}: round ${r + 1}: one ${throughput.one.at(-1)!.toFixed(0)} /s, two ${throughput.two.at(-1)!.toFixed(0)} /s`);
    }

    const cpu = cpuSpent(cpuBefore, await cpuNow([a, b, proxy, fakes]));
    log(`${label}: CPU seconds in the measured rounds: ${JSON.stringify(cpu)} (${cpus().length} cores)`);

    // Slack's retries of deliveries already answered, one copy to each replica.
    const retried = sent.slice(0, Math.min(sent.length, 100));
    const retries = retried.flatMap((r) => [a, b].map(() => ({ ...r, headers: { ...r.headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })));
    const before = await handledBy([a, b]);
    const again = [
      ...(await Promise.all([a, b].map((replica, i) => runLoad(retries.filter((_, k) => k % 2 === i), { baseUrl: replica.info.url, concurrency: 10, deadlineMs: sizes.roundTimeoutMs })))),
    ];
    await settle([a, b], before + again.reduce((n, l) => n + okCount(l), 0), sizes.roundTimeoutMs);
    // A reply is posted after the router has finished with its delivery: give the last ones a moment.
    const expectedIds = sent.map((_, i) => `bench-${i}`);
    let counts: Record<string, number> = {};
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      counts = await fakes.call<Record<string, number>>('responseCounts');
      if (expectedIds.every((id) => counts[id])) break;
    }
    const missing = expectedIds.filter((id) => !counts[id]).length;
    const duplicated = expectedIds.filter((id) => (counts[id] ?? 0) > 1).length;
    if (missing) log(`${label}: no reply for ${expectedIds.filter((id) => !counts[id]).slice(0, 10).join(', ')}`);

    const stats = await Promise.all([a, b].map((c) => c.call<ProcessStats>('stats')));
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
      peakRssMb: Math.max(...stats.map((s) => s.peakRssMb)),
      ...extra,
    });
    return [
      row('one replica', one, { notes: 'median of rounds; ack and reply at response_url, through the proxy' }),
      row('two replicas', two, {
        ratioThroughput: round(ratio),
        target: 'throughput ratio >= 1.7, one effect per delivery',
        met: ratio >= 1.7 && missing === 0 && duplicated === 0 && refused === 0,
        notes: `${refused} of ${sent.length} requests not accepted; ${sent.length} deliveries and ${retries.length} redeliveries (x-slack-retry-num, one copy to each replica): ${missing} without a reply, ${duplicated} answered more than once`,
        details: { refused, roundsOne: throughput.one.map((t) => round(t, 0)), roundsTwo: throughput.two.map((t) => round(t, 0)), missing, duplicated, cpuSecondsInRounds: cpu, cores: cpus().length },
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

interface CpuSample {
  wallS: number;
  children: number[];
  loadGenerator: number;
  postgres: number | undefined;
}

/** CPU seconds so far of the replicas, proxy and fakes, this process (the load generator) and PostgreSQL. */
async function cpuNow(children: Array<BenchChild<unknown>>): Promise<CpuSample> {
  const stats = await Promise.all(children.map((c) => c.call<ProcessStats>('stats')));
  const own = process.cpuUsage();
  return { wallS: Date.now() / 1000, children: stats.map((s) => s.cpuSeconds), loadGenerator: (own.user + own.system) / 1e6, postgres: cpuSecondsOf('postgres') };
}

function cpuSpent(from: CpuSample, to: CpuSample): Record<string, number> {
  const [a, b, proxy, fakes] = to.children.map((c, i) => round(c - from.children[i]!, 1));
  return {
    wallSeconds: round(to.wallS - from.wallS, 1),
    replicaA: a!,
    replicaB: b!,
    proxy: proxy!,
    fakes: fakes!,
    loadGenerator: round(to.loadGenerator - from.loadGenerator, 1),
    ...(to.postgres !== undefined && from.postgres !== undefined ? { postgres: round(to.postgres - from.postgres, 1) } : {}),
  };
}
