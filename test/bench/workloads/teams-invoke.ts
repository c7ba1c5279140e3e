import { startChild, type BenchChild, type ProcessStats } from '../lib/child-rpc';
import { interleaved } from '../lib/interleave';
import type { BenchSizes } from '../lib/bench-sizes';
import { runLoad } from '../lib/load-generator';
import { latencyFields, round, type Row } from '../lib/report';
import { ratio, summarize } from '../lib/stats';
import { benchUsers } from '../world/bench-config';
import { teamsInstall, teamsInvokes, type FakesInfo, type PreparedCard, type ServerInfo } from '../world/bench-world';

/**
 * Workload 2: `adaptiveCard/action` invokes, which Teams holds open until
 * the bot answers with a card or a message (the work happens inside the
 * request). Bot Framework token validation is ON on both sides, against the
 * same local issuer. Baseline: a bare CloudAdapter answering a fixed card;
 * the bot answers the card's refresh with the live checklist. Refused clicks
 * are measured apart, one at a time: each waits for the card's in-place
 * update, which the bot paces per conversation as Teams requires.
 */
export async function teamsInvoke(sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const label = '2 Teams invoke (SQLite)';
  const started: Array<BenchChild<unknown>> = [];
  try {
    const fakes = await startChild<FakesInfo>('fakes.child.ts', { users: sizes.users, teams: true });
    started.push(fakes);
    const bot = await startChild<ServerInfo>('bot.child.ts', { dialect: 'sqlite', users: sizes.users, fakes: fakes.info, teams: true, slackPacingMs: 1 });
    started.push(bot);
    const baseline = await startChild<ServerInfo>('teams-baseline.child.ts', { fakes: fakes.info });
    started.push(baseline);
    const users = benchUsers(sizes.users);
    const install = await runLoad([teamsInstall(fakes.info, users[0]!)], { baseUrl: bot.info.url, concurrency: 1, deadlineMs: 30_000 });
    if (!install.statuses['200']) throw new Error(`the bot refused the install: ${JSON.stringify(install.failures)}`);
    const prepared = await bot.call<PreparedCard>('prepare', { platform: 'teams' });

    const result = await interleaved(
      { baseUrl: baseline.info.url, requests: (n, offset) => teamsInvokes('refresh', n, users, fakes.info, prepared, offset) },
      { baseUrl: bot.info.url, requests: (n, offset) => teamsInvokes('refresh', n, users, fakes.info, prepared, offset), afterRound: async () => void (await fakes.call('forget')) },
      { rounds: sizes.ackRounds, requestsPerRound: sizes.ackRequests, warmup: sizes.ackWarmup, concurrency: sizes.concurrency, deadlineMs: sizes.roundTimeoutMs },
    );
    // Refused clicks one at a time: each re-renders the card through the Bot Connector, which the bot paces at 7 calls/s per conversation.
    const clicks = await runLoad(teamsInvokes('confirm', sizes.teamsClicks, users, fakes.info, prepared), { baseUrl: bot.info.url, concurrency: 1, deadlineMs: sizes.roundTimeoutMs });
    const botStats = await bot.call<ProcessStats & { errors: number; errorSamples: string[] }>('stats');
    const baseStats = await baseline.call<ProcessStats>('stats');
    const b = summarize(result.baseline.latencies);
    const s = summarize(result.bot.latencies);
    log(`${label}: bot p50 ${s.p50.toFixed(1)} ms p99 ${s.p99.toFixed(1)} ms; CloudAdapter p50 ${b.p50.toFixed(1)} ms p99 ${b.p99.toFixed(1)} ms`);
    const rp50 = ratio(s.p50, b.p50);
    const rp99 = ratio(s.p99, b.p99);
    return [
      {
        workload: label,
        side: 'baseline',
        requests: result.baseline.latencies.length,
        concurrency: sizes.concurrency,
        ...latencyFields(b),
        throughput: round(result.baseline.throughput, 0),
        unit: 'req/s',
        peakRssMb: baseStats.peakRssMb,
        notes: 'bare CloudAdapter, auth ON, fixed card',
        details: { statuses: result.baseline.statuses, errors: result.baseline.errors, failures: result.baseline.failures },
      },
      {
        workload: label,
        side: 'bot',
        requests: result.bot.latencies.length,
        concurrency: sizes.concurrency,
        ...latencyFields(s),
        throughput: round(result.bot.throughput, 0),
        unit: 'req/s',
        peakRssMb: botStats.peakRssMb,
        ratioP50: rp50,
        ratioP99: rp99,
        ratioThroughput: ratio(result.bot.throughput, result.baseline.throughput),
        notes: "auth ON on both sides; the checklist card's automatic refresh, answered with the card rendered for the viewer",
        details: { statuses: result.bot.statuses, errors: result.bot.errors, failures: result.bot.failures, botRefusedWithError: botStats.errors, botErrorSamples: botStats.errorSamples, card: prepared.card },
      },
      {
        workload: '2 Teams refused click (SQLite)',
        side: 'bot',
        requests: clicks.latencies.length,
        concurrency: 1,
        ...latencyFields(summarize(clicks.latencies)),
        throughput: round(clicks.throughput, 0),
        unit: 'req/s',
        peakRssMb: botStats.peakRssMb,
        notes: 'Confirm on an already confirmed checkout, one at a time: refused, card re-rendered through the Bot Connector (paced 7/s per conversation), then answered',
        details: { statuses: clicks.statuses, errors: clicks.errors, failures: clicks.failures },
      },
    ];
  } finally {
    for (const child of started.reverse()) await child.stop().catch(() => undefined);
  }
}
