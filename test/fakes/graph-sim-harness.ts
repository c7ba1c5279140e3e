import { resolve } from 'node:path';
import { createGraphPort, type GraphPortSettings } from '../../adapters/graph/graph-port';
import { startTenantSimulator, type TenantSimulator, type TenantSimulatorOptions } from '../../sim';
import type { GraphPort } from '../../bot/ports/graph-port';
import { silentLogger } from '../../bot/core/logger';
import { ManualClock } from '../../bot/ports/clock';

/** A Wednesday, 15:00 UTC: inside working hours, so scenario times are easy to reason about. */
export const WEDNESDAY_AFTERNOON = Date.parse('2026-01-07T15:00:00Z');

/** The simulator is real HTTPS; Node must trust the test CA from process start. */
export function requireTestCa(): void {
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  if (!ca || resolve(ca) !== resolve(__dirname, '../fixtures/tls/ca.crt')) {
    throw new Error('Run these tests with NODE_EXTRA_CA_CERTS=test/fixtures/tls/ca.crt (npm test and npm run jest set it).');
  }
}

export interface SimulatedGraph {
  sim: TenantSimulator;
  port: GraphPort;
  clock: ManualClock;
  /** Every wait the adapter asked for (retries, pacing), in ms; none of them really slept. */
  sleeps: number[];
  close(): Promise<void>;
}

/** A tenant simulator plus a GraphPort wired to it through the real credential and Graph client. */
export async function startSimulatedGraph(
  options: Omit<TenantSimulatorOptions, 'clock' | 'port'> & { now?: number; graph?: Partial<GraphPortSettings> } = {},
): Promise<SimulatedGraph> {
  requireTestCa();
  const clock = new ManualClock(options.now ?? WEDNESDAY_AFTERNOON);
  const sim = await startTenantSimulator({ scenario: options.scenario, seed: options.seed, clientSecret: options.clientSecret, clock });
  const sleeps: number[] = [];
  const port = createGraphPort({
    baseUrl: sim.url,
    authorityHost: sim.url,
    tenantId: sim.tenantId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    logger: silentLogger,
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    ...options.graph,
  });
  return { sim, port, clock, sleeps, close: () => sim.close() };
}

export async function drain<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}
