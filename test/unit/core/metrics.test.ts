import { Metrics } from '../../../bot/core/metrics';

describe('Metrics: Prometheus text a scraper accepts', () => {
  it('types each metric once, whatever its label sets, and renders cumulative buckets', async () => {
    const m = new Metrics();
    m.observe('breakglass_ack_latency_seconds', { platform: 'slack' }, 0.02);
    m.observe('breakglass_ack_latency_seconds', { platform: 'teams' }, 3);
    m.increment('breakglass_graph_errors_total', { code: 'graph.throttled' });
    m.increment('breakglass_graph_errors_total', { code: 'graph.throttled' });
    m.increment('breakglass_graph_errors_total', { code: 'graph.unavailable' });
    m.gauge('breakglass_outbox_depth', 'Effects waiting to run', async () => 4);
    const lines = (await m.render()).trimEnd().split('\n');

    expect(lines.filter((l) => l.startsWith('# TYPE breakglass_ack_latency_seconds '))).toEqual(['# TYPE breakglass_ack_latency_seconds histogram']);
    expect(lines.filter((l) => l.startsWith('# TYPE breakglass_graph_errors_total '))).toEqual(['# TYPE breakglass_graph_errors_total counter']);
    expect(lines).toContain('breakglass_ack_latency_seconds_bucket{platform="slack",le="0.025"} 1');
    expect(lines).toContain('breakglass_ack_latency_seconds_bucket{platform="teams",le="2.5"} 0');
    expect(lines).toContain('breakglass_ack_latency_seconds_bucket{platform="teams",le="5"} 1');
    expect(lines).toContain('breakglass_ack_latency_seconds_count{platform="teams"} 1');
    expect(lines).toContain('breakglass_graph_errors_total{code="graph.throttled"} 2');
    expect(lines).toContain('breakglass_outbox_depth 4');
    for (const line of lines.filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[a-z]+="[^"]*"(,[a-z]+="[^"]*")*\})? -?[0-9.e+-]+$/);
  });

  it('a gauge whose source fails reads NaN instead of failing the scrape', async () => {
    const m = new Metrics();
    m.gauge('breakglass_open_workflows', 'Workflows not yet closed', async () => {
      throw new Error('database gone');
    });
    expect(await m.render()).toContain('breakglass_open_workflows NaN');
  });
});
