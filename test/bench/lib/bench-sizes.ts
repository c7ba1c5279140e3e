/**
 * How much each workload does. BENCH_QUICK=1 shrinks everything to a smoke
 * run (seconds, not minutes); the smoke test uses tinySizes().
 */
export interface BenchSizes {
  /** Requests per measured round, per side. */
  ackRequests: number;
  ackRounds: number;
  ackWarmup: number;
  concurrency: number;
  /** Slack ack again, open loop at this rate (below saturation), with `pacedRequests` per round. */
  pacedRate: number;
  pacedRequests: number;
  pacedRounds: number;
  /** Synthetic responders the requests are spread over (the router's per-person rate limit is 20 at once, 30/min). */
  users: number;
  approvals: number;
  /** Refused Teams clicks, one at a time. */
  teamsClicks: number;
  busyIncidents: number;
  /** Workload 8: incidents opened, each paging its managers. */
  incidentStarts: number;
  busyElevations: number;
  busyRequests: number;
  scaleWorkflows: number;
  coldStarts: number;
  signIns: number;
  /** Alternating parse / analyze passes over the file. */
  detectionRounds: number;
  /** Hard stop for any single load round. */
  roundTimeoutMs: number;
}

export function benchSizes(env: NodeJS.ProcessEnv = process.env): BenchSizes {
  if (env.BENCH_QUICK === '1') return quickSizes();
  return {
    ackRequests: 800,
    ackRounds: 3,
    ackWarmup: 150,
    concurrency: 50,
    pacedRate: 100,
    pacedRequests: 400,
    pacedRounds: 2,
    users: 300,
    approvals: 12,
    teamsClicks: 20,
    busyIncidents: 1000,
    incidentStarts: 100,
    busyElevations: 1000,
    busyRequests: 1000,
    scaleWorkflows: 10_000,
    coldStarts: 3,
    signIns: 1_000_000,
    detectionRounds: 1,
    roundTimeoutMs: 60_000,
  };
}

export function quickSizes(): BenchSizes {
  return {
    ackRequests: 100,
    ackRounds: 2,
    ackWarmup: 20,
    concurrency: 10,
    pacedRate: 50,
    pacedRequests: 50,
    pacedRounds: 1,
    users: 40,
    approvals: 3,
    teamsClicks: 5,
    busyIncidents: 40,
    incidentStarts: 20,
    busyElevations: 40,
    busyRequests: 100,
    scaleWorkflows: 300,
    coldStarts: 1,
    signIns: 20_000,
    detectionRounds: 2,
    roundTimeoutMs: 30_000,
  };
}

/** The smallest run that still goes through every piece (the smoke test). */
export function tinySizes(): BenchSizes {
  return { ...quickSizes(), ackRequests: 12, ackRounds: 1, ackWarmup: 4, concurrency: 4, pacedRequests: 8, users: 8, approvals: 1, teamsClicks: 2, busyIncidents: 5, incidentStarts: 3, busyElevations: 5, busyRequests: 12, scaleWorkflows: 20, signIns: 500, detectionRounds: 1 };
}
