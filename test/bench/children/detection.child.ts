import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { runSigninsAnalyze } from '../../../bot/monitoring/run-signins-analyze';
import { processStats, serveChild } from '../lib/child-rpc';

/**
 * Workload 6, one pass in a fresh process: `analyze` runs `breakglass
 * signins analyze <file> --context <privileged set> --json` (every rule; the
 * pre-filter passes over ordinary users' sign-ins unparsed); `analyze-full`
 * is the same with --parse-every-record, whose findings `analyze` must equal;
 * `analyze-all` adds --all-users, treating every account as privileged (no
 * pre-filter possible); `parse` is the baseline, reading the same file line
 * by line and JSON-parsing each line, nothing else. Same process setup
 * either way, so the ratio is the analyzer's cost.
 */
export type DetectionMode = 'parse' | 'analyze' | 'analyze-full' | 'analyze-all';

export interface DetectionPass {
  records: number;
  ms: number;
  peakRssMb: number;
  findings?: number;
  /** sha256 of the finding groups as printed, to compare passes without shipping them. */
  findingsDigest?: string;
  passedOver?: number;
  exitCode?: number;
}

const ARGS: Record<Exclude<DetectionMode, 'parse'>, string[]> = {
  analyze: [],
  'analyze-full': ['--parse-every-record'],
  'analyze-all': ['--all-users'],
};

serveChild<{ mode: DetectionMode; path: string; contextPath: string }, { ready: true }>(async ({ mode, path, contextPath }) => ({
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
      // The answer is read as it is written, never kept whole: the first piece is the head (counts), the rest
      // are the groups, hashed as they pass, so the peak RSS is the analyzer's and not this harness's copy.
      let head = '';
      let err = '';
      const digest = createHash('sha256');
      const stdout = { write: (t: string) => (head ? digest.update(t) : (head = t), true) };
      const exitCode = await runSigninsAnalyze([path, '--json', '--context', contextPath, ...ARGS[mode]], { stdout, stderr: { write: (t: string) => (err += t) } });
      const ms = performance.now() - t0;
      if (exitCode === 2) throw new Error(`analyze failed: ${err.slice(0, 500)}`);
      const count = (name: string) => Number(new RegExp(`"${name}": (\\d+)`).exec(head)?.[1]);
      return { records: count('signIns'), ms, peakRssMb: processStats().peakRssMb, findings: count('findings'), findingsDigest: digest.digest('hex'), passedOver: count('passedOver'), exitCode };
    },
  },
  stop: async () => undefined,
}));
