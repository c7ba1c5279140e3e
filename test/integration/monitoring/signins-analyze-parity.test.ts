import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BETA_ONLY_SIGN_IN_FIELDS } from '../../../sim';
import { runCli } from '../../../app/cli';
import type { PollReport } from '../../../bot/monitoring/monitor-poller';
import { groupFindings, type FindingGroup } from '../../../workflows/monitoring/group-findings';
import { MonitorHarness } from './monitor-harness';

/** A group without its order-dependent parts, for comparing two runs over the same records. */
function comparable(g: FindingGroup) {
  return { dedupeKey: g.dedupeKey, riskLevel: g.riskLevel, count: g.count, recordCount: g.recordCount, recordIds: [...g.recordIds].sort(), first: g.first, last: g.last };
}

/**
 * `breakglass signins analyze` is for when Graph cannot be reached: over an
 * export of the same records, knowing what the live monitor knew, it must
 * find exactly what the monitor found.
 */
describe('breakglass signins analyze on an export of the simulated tenant', () => {
  let h: MonitorHarness;
  let live: PollReport;

  beforeAll(async () => {
    h = await MonitorHarness.start({ scenario: 'under-attack' });
    live = await h.poll();
  });

  afterAll(async () => {
    await h.stop();
  });

  /** What Graph v1.0 returned for the poll's window, one record per line, as an operator exports it. */
  function exportWindow(file: string): void {
    const inWindow = (at: string, visibleAt: number) => at >= live.since && at <= live.until && visibleAt <= Date.parse(live.until);
    const lines: string[] = [];
    for (const { record, visibleAt } of h.sim.data.signIns) {
      if (!inWindow(record.createdDateTime, visibleAt)) continue;
      const v1 = { ...record } as Record<string, unknown>;
      for (const field of BETA_ONLY_SIGN_IN_FIELDS) delete v1[field];
      lines.push(JSON.stringify(v1));
    }
    for (const { record, visibleAt } of h.sim.data.audits) if (inWindow(record.activityDateTime, visibleAt)) lines.push(JSON.stringify(record));
    writeFileSync(file, `${lines.join('\n')}\n`);
  }

  it('finds the same findings, with the same records, as the live monitor did', async () => {
    const file = join(h.dir, 'export.jsonl');
    const config = join(h.dir, 'breakglass.config.json');
    const context = join(h.dir, 'known.json');
    exportWindow(file);
    writeFileSync(config, JSON.stringify(h.config));
    // Who held a role, the baselines, declared use: what only the live tenant knew, handed over as --context.
    writeFileSync(context, JSON.stringify(live.context));

    const lines: string[] = [];
    const code = await runCli(['signins', 'analyze', file, '--config', config, '--context', context, '--json'], (l) => lines.push(l));
    expect(code).toBe(1); // findings
    const offline = JSON.parse(lines.join('\n')) as { signIns: number; audits: number; findings: number; groups: FindingGroup[] };

    expect(offline.signIns).toBe(live.signIns);
    expect(offline.audits).toBe(live.audits);
    expect(offline.findings).toBe(live.findings.length);
    const byKey = (a: { dedupeKey: string }, b: { dedupeKey: string }) => (a.dedupeKey < b.dedupeKey ? -1 : 1);
    expect(offline.groups.map(comparable).sort(byKey)).toEqual(groupFindings(live.findings).map(comparable).sort(byKey));
    expect(offline.groups.length).toBeGreaterThan(25);
  });

  it('prints the groups for a person, emergency accounts first', async () => {
    const file = join(h.dir, 'export-text.jsonl');
    const config = join(h.dir, 'breakglass.config.json');
    exportWindow(file);
    writeFileSync(config, JSON.stringify(h.config));
    const lines: string[] = [];
    expect(await runCli(['signins', 'analyze', file, '--config', config], (l) => lines.push(l))).toBe(1);
    const text = lines.join('\n');
    expect(text).toMatch(/^Analyzed \d+ sign-ins and \d+ directory audits/);
    expect(text.indexOf('EMERGENCY ACCOUNT')).toBeLessThan(text.indexOf('signin.bad-password-threshold'));
    expect(text).toContain('signin.bad-password-threshold  adm-alice@contoso.com');
  });
});
