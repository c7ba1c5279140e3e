import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `node -r @swc-node/register test/bench/tools/summarize-profile.ts <file.cpuprofile> [top]`:
 * self time by function and by file from a V8 CPU profile (what
 * BENCH_CPU_PROF=<dir> makes every bench child write), to find where the
 * bot's time goes without a browser.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: summarize-profile.ts <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

const where = (n: ProfileNode) => {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const short = url.includes('node_modules/') ? `nm:${url.split('node_modules/').pop()!.split('/').slice(0, 2).join('/')}` : url ? path.relative(process.cwd(), url) : '(native)';
  return short;
};
const fn = new Map<string, number>();
const files = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anonymous)'} ${where(n)}:${n.callFrame.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + ms);
  files.set(where(n), (files.get(where(n)) ?? 0) + ms);
}
const print = (title: string, m: Map<string, number>) => {
  process.stdout.write(`\n${title} (of ${total.toFixed(0)} ms sampled)\n`);
  for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`);
};
print('self time by function', fn);
print('self time by file / package', files);
