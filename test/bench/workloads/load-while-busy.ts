import { startChild, type BenchChild, type ProcessStats } from '../lib/child-rpc';
import type { BenchSizes } from '../lib/bench-sizes';
import { okCount } from '../lib/interleave';
import { ackBuckets, ackBucketsBetween, slowestAckBoundMs } from '../lib/ack-histogram';
import { runLoad } from '../lib/load-generator';
import { latencyFields, round, type Row } from '../lib/report';
import { summarize } from '../lib/stats';
import { benchUsers } from '../world/bench-config';
import { slackMix, type FakesInfo, type PreparedCard, type ServerInfo } from '../world/bench-world';
import type { TimerLateness } from '../children/bot.child';

/**
 * Workload 4: the Slack mix of workload 1 while `busyIncidents` incidents
 * and `busyElevations` elevation requests are open, and every incident's
 * acknowledgement timer falls due at the same instant shortly after the load
 * starts (so the bot escalates a thousand pages while it acks). Timer
 * lateness is each timer's due time against when the runtime applied it,
 * from the audit trail ('workflow.timer' entries carry both).
 */
export async function loadWhileBusy(dialect: 'sqlite' | 'postgres', sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const store = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const label = `4 Slack ack while busy (${store})`;
  const started: Array<BenchChild<unknown>> = [];
  try {
    const fakes = await startChild<FakesInfo>('fakes.child.ts', { users: sizes.users });
    started.push(fakes);
    const seedStarted = Date.now();
    const bot = await startChild<ServerInfo>(
      'bot.child.ts',
      { dialect, users: sizes.users, fakes: fakes.info, teams: false, slackPacingMs: 1, seed: { incidents: sizes.busyIncidents, elevations: sizes.busyElevations } },
      240_000,
    );
    started.push(bot);
    log(`${label}: seeded ${sizes.busyIncidents} incidents and ${sizes.busyElevations} elevations in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s (bot start included)`);
    const prepared = await bot.call<PreparedCard>('prepare', { platform: 'slack' });
    const users = benchUsers(sizes.users);
    const before = (await bot.call<{ handled: number }>('stats')).handled;

    // A bot that has served requests before, as a running one has: the first fifty requests into a
    // fresh process (new connections, code loaded and compiled on first use) took up to 1.7 s, which
    // is the cold start workload 5 measures, not the burst this one is about.
    const warm = await runLoad(slackMix(sizes.ackWarmup, users, fakes.info, prepared, sizes.busyRequests), { baseUrl: bot.info.url, concurrency: sizes.concurrency, deadlineMs: sizes.roundTimeoutMs });
    const requests = slackMix(sizes.busyRequests, users, fakes.info, prepared);
    await bot.call('settle', { count: before + okCount(warm), timeoutMs: sizes.roundTimeoutMs }, sizes.roundTimeoutMs + 10_000);
    await bot.call('watchLoop');
    await bot.call('armTimers', { inMs: 1000 });
    const acksBefore = await ackBuckets(bot.info.url, 'slack');
    const load = await runLoad(requests, { baseUrl: bot.info.url, concurrency: sizes.concurrency, deadlineMs: sizes.roundTimeoutMs });
    const botAcks = ackBucketsBetween(acksBefore, await ackBuckets(bot.info.url, 'slack'));
    // The timers were due one second into the load; wait for the last of them, then for the work behind the acks.
    const timers = await waitForTimers(bot, sizes.busyIncidents, sizes.roundTimeoutMs);
    const settled = await bot.call<{ waitedMs: number }>('settle', { count: before + okCount(warm) + okCount(load), timeoutMs: sizes.roundTimeoutMs * 2 }, sizes.roundTimeoutMs * 2 + 10_000);
    const stats = await bot.call<ProcessStats & { pendingEffects: number; errors: number; errorSamples: string[]; loopDelayMs: { p99: number; max: number } }>('stats');
    const ack = summarize(load.latencies);
    // Slack gives up on a request not acked within 3 s (and retries it); these are the ones it would have dropped.
    const over3s = load.latencies.filter((ms) => ms > 3000).length + load.errors;
    const late = summarize(timers.lateness);
    // The first request of each worker opens its connection; the rest ride on kept-alive ones (latencies are ns-resolution, so values identify requests).
    const kept = summarize(load.latencies.filter((ms) => !load.onNewConnection.includes(ms)));
    const fresh = summarize(load.onNewConnection);
    log(`${label}: ack p50 ${ack.p50.toFixed(1)} ms p99 ${ack.p99.toFixed(1)} ms; ${timers.fired} timers, lateness p50 ${late.p50.toFixed(0)} ms p99 ${late.p99.toFixed(0)} ms; event loop held p99 ${stats.loopDelayMs.p99.toFixed(0)} ms, max ${stats.loopDelayMs.max.toFixed(0)} ms`);
    log(
      `${label}: in the bot (request parsed -> ack sent) every ack within ${slowestAckBoundMs(botAcks)} ms, ${botAcks['0.005'] ?? 0} of ${botAcks['+Inf'] ?? 0} within 5 ms; ` +
        `at the client, kept-alive connections p99 ${kept.p99.toFixed(1)} ms, the ${load.onNewConnection.length} requests opening a connection p50 ${fresh.p50.toFixed(0)} ms, max ${fresh.max.toFixed(0)} ms`,
    );
    return [
      {
        workload: label,
        side: 'bot',
        requests: load.latencies.length,
        concurrency: sizes.concurrency,
        ...latencyFields(ack),
        throughput: round(load.throughput, 0),
        unit: 'req/s',
        peakRssMb: stats.peakRssMb,
        target: 'ack p99 < 100 ms',
        met: ack.p99 < 100,
        notes: `after ${sizes.ackWarmup} warm-up requests; ${sizes.busyIncidents} incidents + ${sizes.busyElevations} elevations open; ${sizes.busyIncidents} ack timers due at one instant 1 s into the load; ${over3s} of ${requests.length} not acked within Slack's 3 s`,
        details: {
          botAckWithinMs: slowestAckBoundMs(botAcks),
          botAckBuckets: botAcks,
          keptAliveP99Ms: round(kept.p99, 1),
          newConnections: { count: load.onNewConnection.length, p50Ms: round(fresh.p50, 1), maxMs: round(fresh.max, 1) },
          eventLoopDelayMs: stats.loopDelayMs, acksOver3s: over3s, statuses: load.statuses, errors: load.errors, failures: load.failures, botRefusedWithError: stats.errors, botErrorSamples: stats.errorSamples, workAfterAcksMs: settled.waitedMs, pendingEffectsAtEnd: stats.pendingEffects },
      },
      {
        workload: `4 Timer lateness (${store})`,
        side: '-',
        requests: timers.fired,
        concurrency: 0,
        ...latencyFields(late),
        throughput: Number.NaN,
        unit: '',
        peakRssMb: stats.peakRssMb,
        target: 'lateness p99 < 1 s',
        met: late.p99 < 1000,
        notes: 'due time -> applied by the runtime (audit), dispatcher polling every 1 s (the default)',
        details: { lateness: late },
      },
    ];
  } finally {
    for (const child of started.reverse()) await child.stop().catch(() => undefined);
  }
}

async function waitForTimers(bot: BenchChild<ServerInfo>, count: number, timeoutMs: number): Promise<TimerLateness> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const t = await bot.call<TimerLateness>('timerLateness');
    if (t.fired >= count || Date.now() > until) return t;
    await new Promise((r) => setTimeout(r, 500));
  }
}
