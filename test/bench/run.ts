import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { benchSizes } from './lib/bench-sizes';
import { machineInfo, renderTable, type Row } from './lib/report';
import { approvalE2e } from './workloads/approval-e2e';
import { detection } from './workloads/detection';
import { loadWhileBusy } from './workloads/load-while-busy';
import { coldStart, openWorkflowsRss } from './workloads/scale';
import { slackAck } from './workloads/slack-ack';
import { teamsInvoke } from './workloads/teams-invoke';
import { twoReplicas } from './workloads/two-replicas';
import { unreachableManagers } from './workloads/unreachable-managers';

/**
 * `npm run bench`: every workload of issue 10 on 127.0.0.1, one after the
 * other, bounded in requests and time. Prints the table and writes
 * bench-results.json (git-ignored) in the repository root.
 * BENCH_QUICK=1 shrinks the sizes; BENCH_ONLY=1,3 runs some workloads only;
 * BENCH_CPU_PROF=<dir> has every child write a CPU profile there
 * (tools/summarize-profile.ts); BENCH_KEEP_DATA=1 keeps the sign-in file.
 */
type Workload = { id: string; name: string; run: () => Promise<Row[]> };

async function main(): Promise<void> {
  const sizes = benchSizes();
  const machine = machineInfo();
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const workloads: Workload[] = [
    { id: '1', name: 'Slack ack, SQLite', run: () => slackAck('sqlite', sizes, log) },
    { id: '1', name: 'Slack ack, PostgreSQL', run: () => slackAck('postgres', sizes, log) },
    { id: '2', name: 'Teams invoke', run: () => teamsInvoke(sizes, log) },
    { id: '3', name: 'Approval end to end, SQLite', run: () => approvalE2e('sqlite', sizes, log) },
    { id: '3', name: 'Approval end to end, PostgreSQL', run: () => approvalE2e('postgres', sizes, log) },
    { id: '4', name: 'Load while busy, SQLite', run: () => loadWhileBusy('sqlite', sizes, log) },
    { id: '4', name: 'Load while busy, PostgreSQL', run: () => loadWhileBusy('postgres', sizes, log) },
    { id: '5', name: 'RSS with open workflows', run: () => openWorkflowsRss(sizes, log) },
    { id: '5', name: 'Cold start', run: () => coldStart(sizes, log) },
    { id: '6', name: 'Detection throughput', run: () => detection(sizes, log) },
    { id: '7', name: 'Two PostgreSQL replicas', run: () => twoReplicas(sizes, log) },
    { id: '8', name: 'Incident start with unreachable managers', run: () => unreachableManagers(sizes, log) },
  ];
  const rows: Row[] = [];
  const failures: Array<{ workload: string; error: string }> = [];
  const started = Date.now();
  log(`machine: ${machine.nproc} x ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}${process.env.BENCH_QUICK === '1' ? ' (BENCH_QUICK)' : ''}`);
  // Each round has its own deadline; this keeps the whole run inside ten minutes on a slow machine.
  const budgetMs = Number(process.env.BENCH_BUDGET_S ?? 540) * 1000;
  for (const w of workloads) {
    if (only && !only.includes(w.id)) continue;
    if (Date.now() - started > budgetMs) {
      failures.push({ workload: w.name, error: `skipped: the run passed its ${budgetMs / 1000} s budget` });
      log(`${w.name} skipped (time budget)`);
      continue;
    }
    log(`${w.name} ...`);
    try {
      rows.push(...(await w.run()));
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      failures.push({ workload: w.name, error });
      log(`${w.name} FAILED: ${error}`);
    }
  }
  const durationS = Math.round((Date.now() - started) / 1000);
  const table = renderTable(rows);
  process.stdout.write(`\n${table}\n\n`);
  const out = path.join(__dirname, '..', '..', 'bench-results.json');
  const loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  writeFileSync(out, `${JSON.stringify({ finishedAt: new Date().toISOString(), durationS, quick: process.env.BENCH_QUICK === '1', machine: { ...machine, loadAverageAtEnd }, sizes, rows, failures, table }, null, 2)}\n`);
  log(`done in ${durationS} s; wrote ${out}`);
  if (failures.length) process.exitCode = 1;
}

void main();
