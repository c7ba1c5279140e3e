/**
 * The bot's own view of its acks: `breakglass_ack_latency_seconds` from its
 * /metrics, timed from the parsed request to the answer sent. Set beside the
 * load generator's figures it tells time spent in the bot's request path
 * from time spent before the request reached it (connections, the kernel,
 * a starved CPU).
 */
export type AckBuckets = Record<string, number>;

/** Cumulative bucket counts by upper bound in seconds ('+Inf' last) for one platform. */
export async function ackBuckets(botUrl: string, platform: 'slack' | 'teams'): Promise<AckBuckets> {
  const text = await fetch(`${botUrl}/metrics`).then((r) => r.text());
  const buckets: AckBuckets = {};
  const line = new RegExp(`^breakglass_ack_latency_seconds_bucket\\{platform="${platform}",le="([^"]+)"\\} (\\d+)$`);
  for (const l of text.split('\n')) {
    const m = line.exec(l);
    if (m) buckets[m[1]!] = Number(m[2]);
  }
  return buckets;
}

/** Acks between two readings, as "answered within" counts per bucket. */
export function ackBucketsBetween(before: AckBuckets, after: AckBuckets): AckBuckets {
  return Object.fromEntries(Object.entries(after).map(([le, n]) => [le, n - (before[le] ?? 0)]));
}

/** The smallest bucket bound (ms) within which every ack between the readings was answered. */
export function slowestAckBoundMs(between: AckBuckets): number {
  const total = between['+Inf'] ?? 0;
  const bounds = Object.keys(between).filter((le) => le !== '+Inf').map(Number).sort((a, b) => a - b);
  const within = bounds.find((le) => (between[String(le)] ?? 0) >= total);
  return within === undefined ? Number.POSITIVE_INFINITY : within * 1000;
}
