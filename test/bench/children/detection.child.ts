import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { runSigninsAnalyze } from '../../../bot/monitoring/run-signins-analyze';
import { processStats, serveChild } from '../lib/child-rpc';

/**
 * Workload 6, one pass in a fresh process: `analyze` runs `breakglass
 * signins analyze <file> --json` (every rule; the rules look at privileged
 * accounts, here the admins among the generated users); `analyze-all` adds
 * --all-users, treating every account as privileged; `parse` is the baseline,
 * reading the same file line by line and JSON-parsing each line, nothing
 * else. Same process setup either way, so the ratio is the rules' cost.
 */
export type DetectionMode = 'parse' | 'analyze' | 'analyze-all';

export interface DetectionPass {
  records: number;
  ms: number;
  peakRssMb: number;
  findings?: number;
  exitCode?: number;
}

serveChild<{ mode: DetectionMode; path: string }, { ready: true }>(async ({ mode, path }) => ({
  info: { ready: true },
  handlers: {
    run: async (): Promise<DetectionPass> => {
      const t0 = performance.now();
      if (mode === 'parse') {
        let records = 0;
        const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
        for await (const line of lines) {
          if (line.length === 0) continue;
          JSON.parse(line);
          records++;
        }
        return { records, ms: performance.now() - t0, peakRssMb: processStats().peakRssMb };
      }
      let out = '';
      let err = '';
      const exitCode = await runSigninsAnalyze([path, '--json', ...(mode === 'analyze-all' ? ['--all-users'] : [])], { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
      const ms = performance.now() - t0;
      if (exitCode === 2) throw new Error(`analyze failed: ${err.slice(0, 500)}`);
      const result = JSON.parse(out) as { signIns: number; findings: number };
      return { records: result.signIns, ms, peakRssMb: processStats().peakRssMb, findings: result.findings, exitCode };
    },
  },
  stop: async () => undefined,
}));
