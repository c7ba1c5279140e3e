import type { Dialect } from '../../support/storages';
import { startChild, type BenchChild, type ProcessStats } from '../lib/child-rpc';
import { interleaved, okCount } from '../lib/interleave';
import type { LoadResult } from '../lib/load-generator';
import type { BenchSizes } from '../lib/bench-sizes';
import { latencyFields, round, type Row } from '../lib/report';
import { ratio, summarize } from '../lib/stats';
import { benchUsers } from '../world/bench-config';
import { slackMix, type FakesInfo, type PreparedCard, type ServerInfo } from '../world/bench-world';

/**
 * Workload 1: how long Slack waits for the bot's ack, against a bare Bolt
 * app that only acks, 50 requests in flight. The bot does the real work
 * (inbox, router, storage, response_url) after each ack; each bot round
 * waits until that work is done before the baseline's next round starts.
 * Closed loop at 50 in flight saturates both servers, so the ratio there is
 * the ratio of their whole per-request cost; the same mix is then sent open
 * loop at a fixed rate below saturation, which shows the ack overhead alone.
 */
export async function slackAck(dialect: Dialect, sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const label = `1 Slack ack (${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
  const started: Array<BenchChild<unknown>> = [];
  try {
    const fakes = await startChild<FakesInfo>('fakes.child.ts', { users: sizes.users });
    started.push(fakes);
    const bot = await startChild<ServerInfo>('bot.child.ts', { dialect, users: sizes.users, fakes: fakes.info, teams: false, slackPacingMs: 1 });
    started.push(bot);
    const baseline = await startChild<ServerInfo>('bolt-baseline.child.ts', { fakes: fakes.info });
    started.push(baseline);
    const prepared = await bot.call<PreparedCard>('prepare', { platform: 'slack' });
    const users = benchUsers(sizes.users);
    let expected = (await bot.call<{ handled: number }>('stats')).handled;

    let sent = 0;
    const baselineSide = { baseUrl: baseline.info.url, requests: (n: number, offset: number) => slackMix(n, users, fakes.info, undefined, offset + sent) };
    const botSide = {
      baseUrl: bot.info.url,
      requests: (n: number, offset: number) => slackMix(n, users, fakes.info, prepared, offset + sent),
      afterRound: async (r: LoadResult) => {
        expected += okCount(r);
        await bot.call('settle', { count: expected, timeoutMs: sizes.roundTimeoutMs });
        await fakes.call('forget');
      },
    };
    const closed = await interleaved(baselineSide, botSide, { rounds: sizes.ackRounds, requestsPerRound: sizes.ackRequests, warmup: sizes.ackWarmup, concurrency: sizes.concurrency, deadlineMs: sizes.roundTimeoutMs });
    sent += 2 * (sizes.ackWarmup + sizes.ackRounds * sizes.ackRequests);
    const paced = await interleaved(baselineSide, botSide, {
      rounds: sizes.pacedRounds,
      requestsPerRound: sizes.pacedRequests,
      warmup: 0,
      concurrency: sizes.concurrency,
      deadlineMs: sizes.roundTimeoutMs,
      ratePerSec: sizes.pacedRate,
    });
    const botStats = await bot.call<ProcessStats & { errors: number; errorSamples: string[] }>('stats');
    const baseStats = await baseline.call<ProcessStats>('stats');
    const rows = [
      ...ackRows(label, `${sizes.concurrency} in flight`, closed, sizes.concurrency, baseStats, botStats, true),
      ...ackRows(`${label}, paced ${sizes.pacedRate}/s`, `open loop at ${sizes.pacedRate} req/s`, paced, sizes.concurrency, baseStats, botStats, false),
    ];
    for (const r of rows.filter((x) => x.side === 'bot')) log(`${r.workload}: bot p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms, ratio p50 ${r.ratioP50} p99 ${r.ratioP99}`);
    return rows;
  } finally {
    for (const child of started.reverse()) await child.stop().catch(() => undefined);
  }
}

function ackRows(
  label: string,
  how: string,
  result: { baseline: LoadResult; bot: LoadResult },
  concurrency: number,
  baseStats: ProcessStats,
  botStats: ProcessStats & { errors: number; errorSamples: string[] },
  withTarget: boolean,
): Row[] {
  const b = summarize(result.baseline.latencies);
  const s = summarize(result.bot.latencies);
  const rp50 = ratio(s.p50, b.p50);
  const rp99 = ratio(s.p99, b.p99);
  return [
    {
      workload: label,
      side: 'baseline',
      requests: result.baseline.latencies.length,
      concurrency,
      ...latencyFields(b),
      throughput: round(result.baseline.throughput, 0),
      unit: 'req/s',
      peakRssMb: baseStats.peakRssMb,
      notes: `bare Bolt App + ExpressReceiver, listeners only ack; ${how}`,
      details: { statuses: result.baseline.statuses, errors: result.baseline.errors, failures: result.baseline.failures },
    },
    {
      workload: label,
      side: 'bot',
      requests: result.bot.latencies.length,
      concurrency,
      ...latencyFields(s),
      throughput: round(result.bot.throughput, 0),
      unit: 'req/s',
      peakRssMb: botStats.peakRssMb,
      ratioP50: rp50,
      ratioP99: rp99,
      ratioThroughput: ratio(result.bot.throughput, result.baseline.throughput),
      ...(withTarget ? { target: 'p50 and p99 ratio <= 1.5', met: rp50 <= 1.5 && rp99 <= 1.5 } : {}),
      notes: `${how}; mix: /breakglass help, status, elevations, refused Confirm click on a live checklist`,
      details: { statuses: result.bot.statuses, errors: result.bot.errors, failures: result.bot.failures, botRefusedWithError: botStats.errors, botErrorSamples: botStats.errorSamples },
    },
  ];
}
