import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startChild } from '../lib/child-rpc';
import type { BenchSizes } from '../lib/bench-sizes';
import { round, type Row } from '../lib/report';
import { ratio } from '../lib/stats';
import type { DetectionMode, DetectionPass } from '../children/detection.child';

/**
 * Workload 6: records/s and peak RSS of `signins analyze` over a JSONL file
 * of synthetic sign-ins, against JSON-parsing the same file line by line.
 * Each pass is a fresh child process; passes alternate baseline, analyze,
 * analyze with every account privileged.
 * The file (about 2 KB a record) is written first and deleted afterwards
 * unless BENCH_KEEP_DATA=1, which also reuses one left by an earlier run.
 */
export async function detection(sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const dir = path.join(tmpdir(), 'breakglass-bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `sign-ins-${sizes.signIns}-seed7.jsonl`);
  const keep = process.env.BENCH_KEEP_DATA === '1';
  try {
    if (!keep || !exists(file)) {
      const t0 = Date.now();
      const writer = await startChild<{ ready: true }>('sign-ins-file.child.ts', { path: file, count: sizes.signIns, seed: 7 });
      try {
        const { bytes } = await writer.call<{ bytes: number }>('write', undefined, 600_000);
        log(`6 Detection: wrote ${sizes.signIns.toLocaleString('en-US')} sign-ins (${Math.round(bytes / 1024 / 1024)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally {
        await writer.stop();
      }
    }
    const passes: Record<DetectionMode, DetectionPass[]> = { parse: [], analyze: [], 'analyze-all': [] };
    for (let r = 0; r < sizes.detectionRounds; r++) {
      for (const mode of ['parse', 'analyze', 'analyze-all'] as const) {
        const child = await startChild<{ ready: true }>('detection.child.ts', { mode, path: file });
        try {
          const pass = await child.call<DetectionPass>('run', undefined, 600_000);
          if (pass.records !== sizes.signIns) throw new Error(`${mode} saw ${pass.records} records, expected ${sizes.signIns}`);
          passes[mode].push(pass);
          log(`6 Detection ${mode}: ${Math.round(pass.records / (pass.ms / 1000)).toLocaleString('en-US')} records/s, peak RSS ${pass.peakRssMb} MB`);
        } finally {
          await child.stop();
        }
      }
    }
    const rate = (ps: DetectionPass[]) => ps.reduce((n, p) => n + p.records, 0) / (ps.reduce((t, p) => t + p.ms, 0) / 1000);
    const peak = (ps: DetectionPass[]) => Math.max(...ps.map((p) => p.peakRssMb));
    const parseRate = rate(passes.parse);
    const analyzeRate = rate(passes.analyze);
    const slowdown = ratio(parseRate, analyzeRate);
    const row = (side: 'baseline' | 'bot', ps: DetectionPass[], r: number, suffix = ''): Row => ({
      workload: `6 Detection, ${sizes.signIns.toLocaleString('en-US')} sign-ins${suffix}`,
      side,
      requests: ps.reduce((n, p) => n + p.records, 0),
      concurrency: 0,
      p50Ms: Number.NaN,
      p95Ms: Number.NaN,
      p99Ms: Number.NaN,
      throughput: round(r, 0),
      unit: 'records/s',
      peakRssMb: peak(ps),
      details: { passes: ps },
    });
    return [
      { ...row('baseline', passes.parse, parseRate), notes: 'readline + JSON.parse per line, nothing else' },
      {
        ...row('bot', passes.analyze, analyzeRate),
        ratioThroughput: ratio(analyzeRate, parseRate),
        target: '>= 200,000/s, RSS < 250 MB, <= 3x parse time',
        met: analyzeRate >= 200_000 && peak(passes.analyze) < 250 && slowdown <= 3,
        notes: `signins analyze --json; takes ${slowdown}x the parse baseline's time; ${passes.analyze[0]?.findings ?? 0} findings`,
      },
      {
        ...row('bot', passes['analyze-all'], rate(passes['analyze-all']), ', --all-users'),
        ratioThroughput: ratio(rate(passes['analyze-all']), parseRate),
        notes: `every account treated as privileged (stress: most rules fire); takes ${ratio(parseRate, rate(passes['analyze-all']))}x the parse time; ${passes['analyze-all'][0]?.findings ?? 0} findings`,
      },
    ];
  } finally {
    if (!keep) rmSync(file, { force: true });
  }
}

function exists(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}
