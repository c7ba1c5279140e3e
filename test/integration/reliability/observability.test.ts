import { sendSigned, slashCommand } from '../../support/slack-signing';
import { MINUTE, SECOND, startTenant, type Tenant } from './support/bot-harness';
import { SIGNING_SECRET, SLACK_CHANNELS, SLACK_USERS, startSlackBot, type SlackBot } from './support/slack-bot';

/** One scrape, parsed: every sample by its full series name, and each metric's TYPE lines. */
interface Scrape {
  samples: Map<string, number>;
  types: Map<string, string[]>;
  text: string;
}

function parse(text: string): Scrape {
  const samples = new Map<string, number>();
  const types = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\w+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) types.set(type[1]!, [...(types.get(type[1]!) ?? []), type[2]!]);
    else if (line.startsWith('# HELP ')) continue;
    else {
      const sample = /^(\w+(?:\{[^}]*\})?) (-?[0-9.e+-]+|NaN|\+Inf)$/.exec(line);
      if (!sample) throw new Error(`not Prometheus text: ${line}`);
      samples.set(sample[1]!, Number(sample[2]));
    }
  }
  return { samples, types, text };
}

/**
 * /healthz, /readyz and /metrics of the running bot (createBot's own HTTP
 * server), read the way a load balancer and Prometheus read them, while the
 * bot does work that moves each number.
 */
describe('health, readiness and metrics endpoints', () => {
  let tenant: Tenant;
  let s: SlackBot;
  beforeAll(async () => {
    tenant = await startTenant();
    s = await startSlackBot(tenant);
  });
  afterAll(async () => {
    await s.stop();
    await tenant.close();
  });

  const get = (path: string) => fetch(`${s.bot.server!.url}${path}`);
  const scrape = async () => {
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(await res.text());
  };
  const command = (text: string, id: string) => slashCommand({ text, user_id: SLACK_USERS.alice!, channel_id: SLACK_CHANNELS.room, response_url: s.slack.responseUrl(id) });

  it('/healthz answers while the process lives; /readyz says the database is ready', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, checks: { database: 'ok' } });
  });

  it('counts open workflows, effects waiting, and how late the most overdue timer is', async () => {
    const empty = await scrape();
    expect(empty.samples.get('breakglass_open_workflows')).toBe(0);
    expect(empty.samples.get('breakglass_outbox_depth')).toBe(0);
    expect(empty.samples.get('breakglass_timer_lag_seconds')).toBe(0);

    expect((await sendSigned(s.endpoint, SIGNING_SECRET, command('start Global admins locked out', 'start'))).status).toBe(200);
    await s.slack.waitForResponse('start');
    const queued = await scrape();
    expect(queued.samples.get('breakglass_open_workflows')).toBe(1);
    expect(queued.samples.get('breakglass_outbox_depth')).toBeGreaterThan(0);

    await s.bot.tick();
    expect((await scrape()).samples.get('breakglass_outbox_depth')).toBe(0);

    // Nobody acknowledges, and the dispatcher is 90 s behind the 10-minute ack timer.
    tenant.clock.advance(10 * MINUTE + 90 * SECOND);
    expect((await scrape()).samples.get('breakglass_timer_lag_seconds')).toBe(90);
    await s.bot.tick();
    expect((await scrape()).samples.get('breakglass_timer_lag_seconds')).toBe(0);
  });

  it('stops counting an incident as open once it is closed, and counts it again when reopened', async () => {
    const open = async () => (await scrape()).samples.get('breakglass_open_workflows');
    /** Handlers run after the ack and these commands answer in the channel, not privately: poll the gauge. */
    const sayAndCount = async (text: string, id: string, expected: number) => {
      expect((await sendSigned(s.endpoint, SIGNING_SECRET, command(text, id))).status).toBe(200);
      const deadline = Date.now() + 5_000;
      while ((await open()) !== expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return open();
    };
    const before = (await open())!;
    expect(await sayAndCount('close False alarm: the helpdesk used the wrong tenant', 'close', before - 1)).toBe(before - 1);
    expect(await sayAndCount('reopen', 'reopen', before)).toBe(before);
  });

  it('observes how fast Slack requests are acknowledged, labelled by platform, as a histogram', async () => {
    const scraped = await scrape();
    expect(scraped.types.get('breakglass_ack_latency_seconds')).toEqual(['histogram']);
    const count = scraped.samples.get('breakglass_ack_latency_seconds_count{platform="slack"}') ?? 0;
    expect(count).toBeGreaterThanOrEqual(1);
    expect(scraped.samples.get('breakglass_ack_latency_seconds_bucket{platform="slack",le="+Inf"}')).toBe(count);
    // Slack wants an answer within 3 s; buckets are cumulative and every request so far is under it.
    expect(scraped.samples.get('breakglass_ack_latency_seconds_bucket{platform="slack",le="2.5"}')).toBe(count);
    expect(scraped.samples.get('breakglass_ack_latency_seconds_sum{platform="slack"}')).toBeGreaterThan(0);
  });

  it('counts Graph errors by code, each metric typed once however many codes there are', async () => {
    tenant.sim.injectFault('signIns', { kind: 'throttle', retryAfterSeconds: 60 });
    tenant.sim.injectFault('domains', { kind: 'unavailable', status: 503 });
    expect((await sendSigned(s.endpoint, SIGNING_SECRET, command('start --new second emergency', 'second'))).status).toBe(200);
    await s.slack.waitForResponse('second');
    await s.bot.tick();
    tenant.sim.clearFaults();

    const scraped = await scrape();
    expect(scraped.samples.get('breakglass_graph_errors_total{code="graph.throttled"}')).toBe(1);
    expect(scraped.samples.get('breakglass_graph_errors_total{code="graph.unavailable"}')).toBe(1);
    for (const [name, types] of scraped.types) expect([name, types.length]).toEqual([name, 1]);
  });
});
