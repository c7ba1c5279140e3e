import { mergeLoads, runLoad, type LoadRequest, type LoadResult } from './load-generator';

/**
 * Runs the same load against a baseline and the bot in alternation
 * (baseline, bot, baseline, bot ...) after one unmeasured warm-up each, so a
 * machine that gets busier or quieter during the run moves both sides alike.
 */
export interface Side {
  baseUrl: string;
  /** The requests of one round; `offset` keeps ids and users moving between rounds. */
  requests(count: number, offset: number): LoadRequest[];
  /** After each round, before the other side starts (e.g. wait for the bot's work after its acks). */
  afterRound?(result: LoadResult): Promise<void>;
}

export interface InterleavedOptions {
  rounds: number;
  requestsPerRound: number;
  warmup: number;
  concurrency: number;
  deadlineMs: number;
  /** Open loop at this rate instead of closed loop (see LoadOptions.ratePerSec). */
  ratePerSec?: number;
}

export async function interleaved(baseline: Side, bot: Side, o: InterleavedOptions): Promise<{ baseline: LoadResult; bot: LoadResult }> {
  let offset = 0;
  const round = async (side: Side, count: number): Promise<LoadResult> => {
    const requests = side.requests(count, offset);
    offset += count;
    const result = await runLoad(requests, { baseUrl: side.baseUrl, concurrency: o.concurrency, deadlineMs: o.deadlineMs, ...(o.ratePerSec ? { ratePerSec: o.ratePerSec } : {}) });
    await side.afterRound?.(result);
    return result;
  };
  await round(baseline, o.warmup);
  await round(bot, o.warmup);
  const measured = { baseline: [] as LoadResult[], bot: [] as LoadResult[] };
  for (let r = 0; r < o.rounds; r++) {
    measured.baseline.push(await round(baseline, o.requestsPerRound));
    measured.bot.push(await round(bot, o.requestsPerRound));
  }
  return { baseline: mergeLoads(measured.baseline), bot: mergeLoads(measured.bot) };
}

export function okCount(result: LoadResult): number {
  return Object.entries(result.statuses).reduce((n, [status, count]) => (Number(status) >= 200 && Number(status) < 300 ? n + count : n), 0);
}
