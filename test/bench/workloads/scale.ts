import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_CA_FILE } from '../../../sim';
import { startChild } from '../lib/child-rpc';
import type { BenchSizes } from '../lib/bench-sizes';
import { latencyFields, round, type Row } from '../lib/report';
import { summarize } from '../lib/stats';
import type { ScaleResult, ScaleSeeded } from '../children/scale.child';

const REPO = path.join(__dirname, '..', '..', '..');

/** Workload 5a: RSS of the bot with `scaleWorkflows` open workflows (seeded by another process). */
export async function openWorkflowsRss(sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-scale-'));
  const file = path.join(dir, 'breakglass.db');
  try {
    const seeder = await startChild<{ ready: true }>('scale.child.ts', { mode: 'seed', path: file, count: sizes.scaleWorkflows });
    const seeded = await seeder.call<ScaleSeeded>('seed', undefined, 600_000).finally(() => seeder.stop());
    const child = await startChild<{ ready: true }>('scale.child.ts', { mode: 'measure', path: file, count: sizes.scaleWorkflows }, 90_000, ['--expose-gc']);
    const r = await child.call<ScaleResult>('measure', undefined, 300_000).finally(() => child.stop());
    log(`5 Scale: ${r.workflows} open workflows (seeded in ${(seeded.seedMs / 1000).toFixed(1)} s); bot RSS at rest ${r.rssAtRestMb} MB, peak ${r.peakAfterMetricsMb} MB after /metrics, ${r.peakRssMb} MB after 'elevations'`);
    return [
      {
        workload: `5 RSS, ${r.workflows.toLocaleString('en-US')} open workflows`,
        side: '-',
        requests: r.workflows,
        concurrency: 0,
        p50Ms: Number.NaN,
        p95Ms: Number.NaN,
        p99Ms: Number.NaN,
        throughput: round(r.workflows / (seeded.seedMs / 1000), 0),
        unit: 'starts/s',
        peakRssMb: r.peakRssMb,
        target: 'RSS < 300 MB',
        met: r.peakRssMb < 300,
        notes: `bot started on a file holding them: ${r.rssAtRestMb} MB at rest, peak ${r.peakAfterMetricsMb} MB after a /metrics scrape, ${r.peakRssMb} MB after an 'elevations' listing of all ${Math.ceil(r.workflows / 2)} requests; throughput = runtime.start rate while seeding`,
        details: { ...r, seedMs: seeded.seedMs },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Workload 5b: `node -r @swc-node/register app/main.ts` from spawn to the
 * first 200 from /healthz, on a fresh SQLite file, with the playground off
 * and on. TypeScript is compiled on the fly at every start (no build step).
 */
export async function coldStart(sizes: BenchSizes, log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  for (const playground of [false, true]) {
    const samples: number[] = [];
    for (let i = 0; i < sizes.coldStarts; i++) samples.push(await startOnce(playground));
    const s = summarize(samples);
    log(`5 Cold start, playground ${playground ? 'on' : 'off'}: ${samples.map((ms) => `${Math.round(ms)} ms`).join(', ')}`);
    rows.push({
      workload: `5 Cold start, playground ${playground ? 'on' : 'off'}`,
      side: '-',
      requests: samples.length,
      concurrency: 0,
      ...latencyFields(s),
      throughput: Number.NaN,
      unit: '',
      peakRssMb: Number.NaN,
      target: 'start < 1.5 s',
      met: s.p50 < 1500,
      notes: 'spawn -> first 200 from /healthz (swc compiles the TypeScript at start; simulated tenant started in-process)',
      details: { samples },
    });
  }
  return rows;
}

async function startOnce(playground: boolean): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-cold-'));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: TEST_CA_FILE, PORT: '0', BREAKGLASS_DB: path.join(dir, 'breakglass.db'), BREAKGLASS_PLAYGROUND: String(playground), LOG_LEVEL: 'info' };
  for (const k of ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'MICROSOFT_APP_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'DATABASE_URL', 'BREAKGLASS_CONFIG']) delete env[k];
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'app/main.ts'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`app/main.ts did not listen within 60 s: ${output.slice(-500)}`)), 60_000);
      const seen = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const m = /"url":"(http:\/\/[^"]+)"[^\n]*http server listening|http server listening[^\n]*"url":"(http:\/\/[^"]+)"/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve((m[1] ?? m[2])!);
        }
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.once('exit', (code) => reject(new Error(`app/main.ts exited with ${code}: ${output.slice(-500)}`)));
    });
    for (;;) {
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - t0;
      if (performance.now() - t0 > 60_000) throw new Error('/healthz never answered');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    const running = child.exitCode === null && child.signalCode === null;
    const gone = running ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
    if (running) child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(kill);
    rmSync(dir, { recursive: true, force: true });
  }
}
