import { tinySizes } from '../../bench/lib/bench-sizes';
import type { Row } from '../../bench/lib/report';
import { approvalE2e } from '../../bench/workloads/approval-e2e';
import { detection } from '../../bench/workloads/detection';
import { loadWhileBusy } from '../../bench/workloads/load-while-busy';
import { coldStart, openWorkflowsRss } from '../../bench/workloads/scale';
import { slackAck } from '../../bench/workloads/slack-ack';
import { teamsInvoke } from '../../bench/workloads/teams-invoke';
import { unreachableManagers } from '../../bench/workloads/unreachable-managers';
import { postgresSkipReason } from '../../support/storages';

/**
 * Every workload of `npm run bench` on tiny sizes, so the bench cannot rot:
 * the servers start, every request is answered 2xx by both sides, the
 * numbers are there. No timing is asserted (the machine is shared).
 */
const sizes = tinySizes();
const quiet = () => undefined;
const SLOW = 180_000;

function expectMeasured(row: Row | undefined, requests: number): void {
  expect(row).toBeDefined();
  expect(row!.requests).toBe(requests);
  expect(row!.p50Ms).toBeGreaterThan(0);
  expect(row!.p99Ms).toBeGreaterThanOrEqual(row!.p50Ms);
  expect(row!.peakRssMb).toBeGreaterThan(0);
  expect(row!.details?.statuses).toEqual({ '200': requests });
  // The bot did the work asked, not a cheap refusal (rate limited, unmapped, internal error).
  if (row!.side === 'bot') expect(row!.details?.botRefusedWithError).toBe(0);
}

const measured = sizes.ackRounds * sizes.ackRequests;

it(
  'Slack ack: the bot and bare Bolt answer every signed request; the bot finishes the work behind each ack',
  async () => {
    const [baseline, bot, pacedBaseline, pacedBot] = await slackAck('sqlite', sizes, quiet);
    expectMeasured(baseline, measured);
    expectMeasured(bot, measured);
    expect(bot!.ratioP50).toBeGreaterThan(0);
    // The same mix again, open loop at a fixed rate.
    expectMeasured(pacedBaseline, sizes.pacedRounds * sizes.pacedRequests);
    expectMeasured(pacedBot, sizes.pacedRounds * sizes.pacedRequests);
  },
  SLOW,
);

const pg = postgresSkipReason();
(pg ? it.skip : it)(
  'Slack ack on PostgreSQL',
  async () => {
    const [, bot] = await slackAck('postgres', sizes, quiet);
    expectMeasured(bot, measured);
  },
  SLOW,
);

it(
  'Teams invoke: the bot (auth on) and a bare CloudAdapter answer every invoke',
  async () => {
    const [baseline, bot, clicks] = await teamsInvoke(sizes, quiet);
    expectMeasured(baseline, measured);
    expectMeasured(bot, measured);
    expect(clicks!.details?.statuses).toEqual({ '200': sizes.teamsClicks });
  },
  SLOW,
);

it(
  'Approval end to end: the assignment lands and the card is updated',
  async () => {
    const [row] = await approvalE2e('sqlite', sizes, quiet);
    expect(row!.requests).toBe(sizes.approvals);
    expect(row!.p50Ms).toBeGreaterThan(0);
  },
  SLOW,
);

it(
  'Load while busy: every seeded acknowledgement timer fires while requests are acked',
  async () => {
    const [ack, timers] = await loadWhileBusy('sqlite', sizes, quiet);
    expectMeasured(ack, sizes.busyRequests);
    // The bench's own incident falls due with them (the clock is moved past its timer too).
    expect(timers!.requests).toBeGreaterThanOrEqual(sizes.busyIncidents);
    expect(timers!.p99Ms).toBeGreaterThanOrEqual(0);
  },
  SLOW,
);

it(
  'Scale: the bot holds the open workflows and starts from the command line',
  async () => {
    const [rss] = await openWorkflowsRss(sizes, quiet);
    expect(rss!.requests).toBe(sizes.scaleWorkflows);
    expect(rss!.peakRssMb).toBeGreaterThan(0);
    const starts = await coldStart({ ...sizes, coldStarts: 1 }, quiet);
    expect(starts.map((r) => r.workload)).toEqual(['5 Cold start, playground off', '5 Cold start, playground on']);
    for (const r of starts) expect(r.p50Ms).toBeGreaterThan(0);
  },
  SLOW,
);

it(
  'Detection: analyze (pre-filtered, and parsing every record) and the parse baseline all read every record of the generated file, with the same findings',
  async () => {
    // detection() throws when the pre-filtered findings differ from the full parse's.
    const rows = await detection(sizes, quiet);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.requests).toBe(sizes.signIns);
      expect(row.throughput).toBeGreaterThan(0);
    }
    expect(rows[1]!.notes).toMatch(/100 of 10000 users privileged; \d+ sign-ins passed over unparsed/);
  },
  SLOW,
);

it(
  'Unreachable managers: every incident gets its checklist with managers reachable and with every DM refused',
  async () => {
    const [reachable, unreachable] = await unreachableManagers(sizes, quiet);
    expect(reachable!.requests).toBe(sizes.incidentStarts);
    expect(unreachable!.requests).toBe(sizes.incidentStarts);
    // Every incident's pages fell back to its channel: the managers really were unreachable.
    expect(unreachable!.details?.fallbacks).toBeGreaterThanOrEqual(sizes.incidentStarts);
    expect(reachable!.details?.fallbacks).toBe(0);
    expect(unreachable!.ratioP99).toBeGreaterThan(0);
  },
  SLOW,
);
