import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mergeLoads, runLoad } from '../../bench/lib/load-generator';
import { renderTable, type Row } from '../../bench/lib/report';
import { percentile, ratio, summarize } from '../../bench/lib/stats';

/** The bench's own arithmetic and load generator, so a table can be trusted. */

describe('percentiles', () => {
  it('uses the nearest rank, so p99 of 100 samples is the 99th smallest', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentile([7], 99)).toBe(7);
    expect(summarize([]).p50).toBeNaN();
  });

  it('divides the bot by its baseline and says nothing when there is no baseline', () => {
    expect(ratio(30, 20)).toBe(1.5);
    expect(ratio(30, 0)).toBeNaN();
  });
});

describe('the table', () => {
  it('lines up one row per side with ratios and whether the target was met', () => {
    const row: Row = { workload: '1 Slack ack (SQLite)', side: 'bot', requests: 800, concurrency: 50, p50Ms: 12.345, p95Ms: 20, p99Ms: 31, throughput: 950, unit: 'req/s', peakRssMb: 120, ratioP50: 1.2, ratioP99: 1.7, target: 'ratio <= 1.5', met: false };
    const lines = renderTable([row]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('| 1 Slack ack (SQLite) | bot ');
    expect(lines[2]).toContain('| 12.35 ');
    expect(lines[2]).toContain('| 1.70 ');
    expect(lines[2]).toMatch(/\| NO +\|$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});

describe('the load generator', () => {
  let server: Server;
  let url: string;
  let inFlight = 0;
  let maxInFlight = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      req.resume();
      req.on('end', () =>
        setImmediate(() => {
          inFlight--;
          res.writeHead(req.url === '/refuse' ? 401 : 200).end('ok');
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends every request, never more than `concurrency` at once, and counts answers by status', async () => {
    maxInFlight = 0;
    const requests = Array.from({ length: 40 }, (_, i) => ({ path: i % 4 === 0 ? '/refuse' : '/ok', headers: { 'content-type': 'text/plain' }, body: `r${i}` }));
    const result = await runLoad(requests, { baseUrl: url, concurrency: 5, deadlineMs: 20_000 });
    expect(result.latencies).toHaveLength(40);
    // Keep-alive: each of the 5 workers opens one connection and reuses it.
    expect(result.onNewConnection).toHaveLength(5);
    expect(result.statuses).toEqual({ '200': 30, '401': 10 });
    expect(result.failures[0]).toBe('401 ok');
    expect(maxInFlight).toBeLessThanOrEqual(5);
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('counts requests it could not send as errors instead of hanging', async () => {
    const result = await runLoad([{ path: '/', headers: {}, body: '' }], { baseUrl: 'http://127.0.0.1:1', concurrency: 1, deadlineMs: 5_000 });
    expect(result.errors).toBe(1);
    expect(result.latencies).toHaveLength(0);
  });

  it('merges rounds into one side', () => {
    const a = { latencies: [1, 2], onNewConnection: [2], statuses: { '200': 2 }, errors: 0, wallMs: 1000, throughput: 2, failures: [] };
    const b = { latencies: [3], onNewConnection: [3], statuses: { '200': 1, '500': 1 }, errors: 1, wallMs: 1000, throughput: 1, failures: ['500 x'] };
    expect(mergeLoads([a, b])).toEqual({ latencies: [1, 2, 3], onNewConnection: [2, 3], statuses: { '200': 3, '500': 1 }, errors: 1, wallMs: 2000, throughput: 1.5, failures: ['500 x'] });
  });
});
