/**
 * A small Prometheus registry: enough for ack latency, open workflows, timer
 * lag, outbox depth and Graph errors. A client library would be more code
 * than this file for the five series we expose.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

type Labels = Record<string, string>;

function key(labels: Labels): string {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');
}

export class Metrics {
  private readonly histograms = new Map<string, { counts: number[]; sum: number; count: number }>();
  private readonly counters = new Map<string, number>();
  private readonly gauges: Array<{ name: string; help: string; read: () => Promise<number> }> = [];

  /** Seconds, e.g. ack latency of one inbound request. */
  observe(name: string, labels: Labels, seconds: number): void {
    const id = `${name}{${key(labels)}}`;
    const h = this.histograms.get(id) ?? { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.counts[i]! += 1;
    });
    h.sum += seconds;
    h.count += 1;
    this.histograms.set(id, h);
  }

  increment(name: string, labels: Labels = {}): void {
    const id = `${name}{${key(labels)}}`;
    this.counters.set(id, (this.counters.get(id) ?? 0) + 1);
  }

  /** A value read at scrape time (open workflows, outbox depth). */
  gauge(name: string, help: string, read: () => Promise<number>): void {
    this.gauges.push({ name, help, read });
  }

  /**
   * Prometheus text format 0.0.4. HELP and TYPE come once per metric name
   * (a scraper rejects a second TYPE line for the same name), followed by
   * every labelled series of that metric.
   */
  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, series] of groupByName([...this.histograms])) {
      lines.push(...header(name, 'histogram'));
      for (const [labels, h] of series) {
        BUCKETS.forEach((b, i) => lines.push(`${name}_bucket{${join(labels, `le="${b}"`)}} ${h.counts[i]}`));
        lines.push(`${name}_bucket{${join(labels, 'le="+Inf"')}} ${h.count}`, `${name}_sum${braces(labels)} ${h.sum}`, `${name}_count${braces(labels)} ${h.count}`);
      }
    }
    for (const [name, series] of groupByName([...this.counters])) {
      lines.push(...header(name, 'counter'));
      for (const [labels, value] of series) lines.push(`${name}${braces(labels)} ${value}`);
    }
    for (const g of this.gauges) {
      const value = await g.read().catch(() => Number.NaN);
      lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, `${g.name} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** What the series we record mean, for the HELP line. */
const HELP: Record<string, string> = {
  breakglass_ack_latency_seconds: 'Time from receiving a Slack or Teams request to answering it',
  breakglass_graph_errors_total: 'Microsoft Graph operations that failed, by error code',
};

function header(name: string, type: 'histogram' | 'counter'): string[] {
  return [...(HELP[name] ? [`# HELP ${name} ${HELP[name]}`] : []), `# TYPE ${name} ${type}`];
}

function groupByName<T>(entries: Array<[string, T]>): Map<string, Array<[string, T]>> {
  const byName = new Map<string, Array<[string, T]>>();
  for (const [id, value] of entries) {
    const [name, labels] = splitId(id);
    byName.set(name, [...(byName.get(name) ?? []), [labels, value]]);
  }
  return byName;
}

function braces(labels: string): string {
  return labels ? `{${labels}}` : '';
}

function splitId(id: string): [string, string] {
  const i = id.indexOf('{');
  return [id.slice(0, i), id.slice(i + 1, -1)];
}

function join(labels: string, extra: string): string {
  return labels ? `${labels},${extra}` : extra;
}
