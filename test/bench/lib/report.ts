import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import type { LatencySummary } from './stats';

/** One line of the table: a side of a workload (the bot, its baseline) or a single measurement. */
export interface Row {
  workload: string;
  side: 'bot' | 'baseline' | '-';
  requests: number;
  concurrency: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  throughput: number;
  /** 'req/s', 'records/s' ... */
  unit: string;
  peakRssMb: number;
  /** bot / baseline, measured in the same run; on the bot row only. */
  ratioP50?: number;
  ratioP99?: number;
  ratioThroughput?: number;
  /** The target for this row, in words, and whether it was met. */
  target?: string;
  met?: boolean;
  notes?: string;
  /** Workload-specific figures (status counts, timer lateness, cold starts ...). */
  details?: Record<string, unknown>;
}

export function latencyFields(s: LatencySummary): Pick<Row, 'p50Ms' | 'p95Ms' | 'p99Ms'> {
  return { p50Ms: round(s.p50), p95Ms: round(s.p95), p99Ms: round(s.p99) };
}

export function round(n: number, digits = 2): number {
  if (!Number.isFinite(n)) return Number.NaN;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
  freeMemoryGbAtStart: number;
}

export function machineInfo(): MachineInfo {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // not Linux: os.cpus() is as good
  }
  return {
    nproc: cpus().length,
    cpuModel: model,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((l) => round(l, 2)),
    freeMemoryGbAtStart: round(freemem() / 1024 ** 3, 1),
  };
}

const fmt = (n: number | undefined, digits = 1): string => (n === undefined || !Number.isFinite(n) ? '' : n >= 10_000 ? Math.round(n).toLocaleString('en-US') : n.toFixed(digits));

/** A GitHub-flavoured Markdown table: readable in a terminal and pasteable into the README. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['Workload', 'Side', 'Requests', 'Conc.', 'p50 ms', 'p95 ms', 'p99 ms', 'Throughput', 'Peak RSS MB', 'x p50', 'x p99', 'Target', 'Met'];
  const lines = rows.map((r) => [
    r.workload,
    r.side,
    String(r.requests),
    r.concurrency ? String(r.concurrency) : '',
    fmt(r.p50Ms, 2),
    fmt(r.p95Ms, 2),
    fmt(r.p99Ms, 2),
    `${fmt(r.throughput, 0)} ${r.unit}`,
    fmt(r.peakRssMb, 0),
    fmt(r.ratioP50, 2),
    fmt(r.ratioP99, 2),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(line)].join('\n');
}
