import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PEOPLE, personId, syntheticStaff, type PersonSpec } from '../../../sim';
import type { MonitoringContext } from '../../../workflows/monitoring/context';
import { startChild } from '../lib/child-rpc';
import type { BenchSizes } from '../lib/bench-sizes';
import { round, type Row } from '../lib/report';
import { ratio } from '../lib/stats';
import type { DetectionMode, DetectionPass } from '../children/detection.child';

/** Users in the generated tenant; 1% of them (the admins and some staff) make up the privileged set. */
const POPULATION = 10_000;
const PRIVILEGED_SHARE = 0.01;

/**
 * Workload 6: records/s and peak RSS of `signins analyze` over a JSONL file
 * of synthetic sign-ins (10,000 users, 1% of them privileged, each user about
 * as active as any other), against JSON-parsing the same file line by line.
 * Each pass is a fresh child process; passes alternate baseline, analyze (with
 * the pre-filter), analyze parsing every record (its findings must equal the
 * pre-filtered ones), analyze with every account privileged.
 * The file (about 2 KB a record) is written first and deleted afterwards
 * unless BENCH_KEEP_DATA=1, which also reuses one left by an earlier run.
 */
export async function detection(sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const dir = path.join(tmpdir(), 'breakglass-bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `sign-ins-${sizes.signIns}-seed7-users${POPULATION}.jsonl`);
  const contextPath = path.join(dir, `privileged-users${POPULATION}.json`);
  const keep = process.env.BENCH_KEEP_DATA === '1';
  const admins = (Object.values(PEOPLE) as PersonSpec[]).filter((p) => p.privileged);
  const staff = POPULATION - admins.length;
  const privilegedCount = writePrivilegedSet(contextPath, admins, staff);
  try {
    if (!keep || !exists(file)) {
      const t0 = Date.now();
      // Admins get their share of records by head count, like everyone else.
      const writer = await startChild<{ ready: true }>('sign-ins-file.child.ts', { path: file, count: sizes.signIns, seed: 7, staff, adminShare: admins.length / POPULATION });
      try {
        const { bytes } = await writer.call<{ bytes: number }>('write', undefined, 600_000);
        log(`6 Detection: wrote ${sizes.signIns.toLocaleString('en-US')} sign-ins (${Math.round(bytes / 1024 / 1024)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally {
        await writer.stop();
      }
    }
    const passes: Record<DetectionMode, DetectionPass[]> = { parse: [], analyze: [], 'analyze-full': [], 'analyze-all': [] };
    for (let r = 0; r < sizes.detectionRounds; r++) {
      for (const mode of ['parse', 'analyze', 'analyze-full', 'analyze-all'] as const) {
        const child = await startChild<{ ready: true }>('detection.child.ts', { mode, path: file, contextPath });
        try {
          const pass = await child.call<DetectionPass>('run', undefined, 600_000);
          if (pass.records !== sizes.signIns) throw new Error(`${mode} saw ${pass.records} records, expected ${sizes.signIns}`);
          passes[mode].push(pass);
          log(`6 Detection ${mode}: ${Math.round(pass.records / (pass.ms / 1000)).toLocaleString('en-US')} records/s, peak RSS ${pass.peakRssMb} MB${pass.findings === undefined ? '' : `, ${pass.findings} findings`}`);
        } finally {
          await child.stop();
        }
      }
    }
    // The pre-filter may only skip work, never findings.
    const digests = new Set([...passes.analyze, ...passes['analyze-full']].map((p) => `${p.findings}/${p.findingsDigest}`));
    if (digests.size !== 1) throw new Error(`the pre-filtered findings differ from the full parse's: ${[...digests].join(' vs ')}`);

    const rate = (ps: DetectionPass[]) => ps.reduce((n, p) => n + p.records, 0) / (ps.reduce((t, p) => t + p.ms, 0) / 1000);
    const peak = (ps: DetectionPass[]) => Math.max(...ps.map((p) => p.peakRssMb));
    const parseRate = rate(passes.parse);
    const analyzeRate = rate(passes.analyze);
    const fullRate = rate(passes['analyze-full']);
    const allRate = rate(passes['analyze-all']);
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
      details: { passes: ps, population: POPULATION, privileged: privilegedCount },
    });
    const findings = passes.analyze[0]?.findings ?? 0;
    return [
      { ...row('baseline', passes.parse, parseRate), notes: 'readline + JSON.parse per line, nothing else' },
      {
        ...row('bot', passes.analyze, analyzeRate),
        ratioThroughput: ratio(analyzeRate, parseRate),
        target: '>= 250,000/s, RSS < 250 MB, same findings as parsing every record',
        met: analyzeRate >= 250_000 && peak(passes.analyze) < 250,
        notes: `signins analyze --json, ${privilegedCount} of ${POPULATION} users privileged; ${passes.analyze[0]?.passedOver ?? 0} sign-ins passed over unparsed; ${findings} findings, equal to --parse-every-record's`,
      },
      {
        ...row('bot', passes['analyze-full'], fullRate, ', --parse-every-record'),
        ratioThroughput: ratio(fullRate, parseRate),
        notes: `no pre-filter: every record JSON-parsed; ${findings} findings`,
      },
      {
        ...row('bot', passes['analyze-all'], allRate, ', --all-users'),
        ratioThroughput: ratio(allRate, parseRate),
        notes: `every account treated as privileged (stress: most rules fire; no pre-filter possible); takes ${ratio(parseRate, allRate)}x the parse time; ${passes['analyze-all'][0]?.findings ?? 0} findings`,
      },
    ];
  } finally {
    if (!keep) rmSync(file, { force: true });
    rmSync(contextPath, { force: true });
  }
}

/**
 * The privileged set as `privileged list --json` would give it: the emergency
 * accounts, the other admins and enough staff to make 1% of the users; by id
 * or by UPN, in mixed case, as configs hold them. Returns its size.
 */
function writePrivilegedSet(file: string, admins: PersonSpec[], staff: number): number {
  const extra = Math.round(POPULATION * PRIVILEGED_SHARE) - admins.length;
  // Every 97th synthetic staff member: spread over the generator's pick, not the first few.
  const chosen = syntheticStaff(staff).filter((_, i) => i % 97 === 0).slice(0, extra);
  const ref = (p: PersonSpec, i: number) => (i % 2 === 0 ? { id: personId(p).toUpperCase() } : { upn: i % 3 === 0 ? p.upn.toUpperCase() : p.upn });
  const emergency = admins.filter((p) => p.upn.startsWith('bg-'));
  const ctx: MonitoringContext = {
    emergency: emergency.map((p) => ({ upn: p.upn, id: personId(p) })),
    privileged: [...admins.filter((p) => !emergency.includes(p)), ...chosen].map(ref),
  };
  writeFileSync(file, JSON.stringify(ctx));
  return emergency.length + (ctx.privileged?.length ?? 0);
}

function exists(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}
