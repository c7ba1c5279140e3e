import { Agent, request } from 'node:http';

/**
 * A closed-loop HTTP load generator on node:http: `concurrency` workers each
 * send one request, wait for the whole response, and send the next, over
 * keep-alive connections. Latency is from the request being handed to the
 * socket to the last byte of the answer. Bounded by the request list and a
 * deadline, so a stuck server cannot hold the bench.
 */
export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  /** One per answered request, ms. */
  latencies: number[];
  /** Of those, the requests that had to open their connection first (the first of each worker). */
  onNewConnection: number[];
  statuses: Record<string, number>;
  /** Network errors and requests left unsent at the deadline. */
  errors: number;
  wallMs: number;
  /** Answered requests per second over the round. */
  throughput: number;
  /** Bodies of the first few non-2xx answers, to tell a refused bench from a slow one. */
  failures: string[];
}

export interface LoadOptions {
  baseUrl: string;
  concurrency: number;
  deadlineMs: number;
  /** Per request; a request slower than this counts as an error. */
  timeoutMs?: number;
  /**
   * Open loop: request i is due at i / ratePerSec after the start, whether or
   * not earlier ones were answered (still at most `concurrency` in flight), and
   * its latency counts from when it was due, so a server that falls behind is
   * charged for the queue it caused.
   */
  ratePerSec?: number;
}

export async function runLoad(requests: readonly LoadRequest[], options: LoadOptions): Promise<LoadResult> {
  const base = new URL(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const onNewConnection: number[] = [];
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  let errors = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + options.deadlineMs;

  const one = (r: LoadRequest, dueAt?: bigint): Promise<void> =>
    new Promise((resolve) => {
      const body = Buffer.from(r.body);
      const t0 = dueAt ?? process.hrtime.bigint();
      const req = request(
        { agent, host: base.hostname, port: base.port, method: 'POST', path: r.path, headers: { ...r.headers, 'content-length': String(body.length) }, timeout: options.timeoutMs ?? 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - t0) / 1e6;
            latencies.push(ms);
            if (!req.reusedSocket) onNewConnection.push(ms);
            const status = res.statusCode ?? 0;
            statuses[status] = (statuses[status] ?? 0) + 1;
            if ((status < 200 || status >= 300) && failures.length < 5) failures.push(`${status} ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`);
            resolve();
          });
          res.on('error', () => {
            errors++;
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  const gapNs = options.ratePerSec ? BigInt(Math.round(1e9 / options.ratePerSec)) : undefined;
  const worker = async (): Promise<void> => {
    while (next < requests.length && Date.now() < deadline) {
      const i = next++;
      if (gapNs === undefined) {
        await one(requests[i]!);
        continue;
      }
      const dueAt = started + BigInt(i) * gapNs;
      const waitMs = Number(dueAt - process.hrtime.bigint()) / 1e6;
      if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
      await one(requests[i]!, dueAt);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, requests.length) }, worker));
  errors += requests.length - next;
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  return { latencies, onNewConnection, statuses, errors, wallMs, throughput: latencies.length / (wallMs / 1000), failures };
}

/** Rounds of one side merged: all latencies, summed counts, throughput over the summed time. */
export function mergeLoads(results: readonly LoadResult[]): LoadResult {
  const statuses: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const latencies = results.flatMap((r) => r.latencies);
  const wallMs = results.reduce((s, r) => s + r.wallMs, 0);
  return {
    latencies,
    onNewConnection: results.flatMap((r) => r.onNewConnection),
    statuses,
    errors: results.reduce((s, r) => s + r.errors, 0),
    wallMs,
    throughput: wallMs > 0 ? latencies.length / (wallMs / 1000) : 0,
    failures: results.flatMap((r) => r.failures).slice(0, 5),
  };
}
