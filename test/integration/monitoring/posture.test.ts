import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { PEOPLE, userId } from '../../../sim';
import type { ScenarioName } from '../../../sim';
import { parseConfig } from '../../../bot/config/load-config';
import { runCli } from '../../../app/cli';
import type { PostureReport, PostureStatus } from '../../../workflows/posture/posture-types';
import { MonitorHarness, SECURITY } from './monitor-harness';

type Expected = Array<[PostureStatus, string]>;

/**
 * What each scenario's tenant (contoso-directory.ts, scenarios/) must show,
 * check by check, in report order. Every scenario has adm-grace without MFA,
 * erin's standing Global Administrator and unprefixed name, and adm-dave's
 * 140-day-old password. The attack adds frank (Global Administrator outside
 * PIM: a sixth GA, standing, no prefix), the guest lee as Security
 * Administrator, MFA on activation switched off for Global Administrator,
 * and leaves bg-02's last test 120 days back. During the AD FS outage the
 * emergency accounts still qualify: they are cloud-only.
 */
const QUIET: Expected = [
  ['pass', 'At least two cloud-only emergency access accounts with permanent Global Administrator'],
  ['pass', 'Emergency access accounts tested within 90 days'],
  ['pass', 'No more than 5 Global Administrators'],
  ['fail', 'Privileged accounts registered for MFA'],
  ['fail', 'Privileged roles held through PIM eligibility, not standing assignments'],
  ['warn', 'Privileged passwords changed within 90 days'],
  ['warn', 'Privileged accounts follow the naming policy'],
  ['pass', 'No guest or personal Microsoft accounts in admin roles'],
  ['pass', 'PIM settings for Global and Privileged Role Administrator'],
];

const UNDER_ATTACK: Expected = [
  ['pass', 'At least two cloud-only emergency access accounts with permanent Global Administrator'],
  ['warn', 'Emergency access accounts tested within 90 days'],
  ['warn', 'No more than 5 Global Administrators'],
  ['fail', 'Privileged accounts registered for MFA'],
  ['fail', 'Privileged roles held through PIM eligibility, not standing assignments'],
  ['warn', 'Privileged passwords changed within 90 days'],
  ['warn', 'Privileged accounts follow the naming policy'],
  ['fail', 'No guest or personal Microsoft accounts in admin roles'],
  ['fail', 'PIM settings for Global and Privileged Role Administrator'],
];

const MARK: Record<PostureStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

/** The check lines of the chat reply: 'FAIL Privileged accounts registered for MFA: 1 privileged account ...'. */
function checkLines(text: string): Expected {
  return text
    .split('\n')
    .map((line) => /^(PASS|WARN|FAIL) ([^:]+): /.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[2] !== 'overall')
    .map((m) => [m[1]!.toLowerCase() as PostureStatus, m[2]!]);
}

describe('posture in chat', () => {
  it.each<[ScenarioName, Expected, string[]]>([
    ['quiet', QUIET, ['adm-grace@contoso.com: not registered for MFA', 'erin@contoso.com: standing Global Administrator', 'adm-dave@contoso.com: password last changed']],
    ['under-attack', UNDER_ATTACK, ['bg-02@contoso.onmicrosoft.com: no successful sign-in on record', 'frank@contoso.com: standing Global Administrator', 'lee_fabrikam.com#EXT#@contoso.onmicrosoft.com: guest account', 'Global Administrator: MFA not required on activation']],
    ['adfs-outage', QUIET, ['adm-grace@contoso.com: not registered for MFA']],
  ])('%s: every check shows the expected status, with the accounts behind it', async (scenario, expected, accounts) => {
    const h = await MonitorHarness.start({ scenario });
    try {
      const text = (await h.say('ivan', 'posture', SECURITY)) ?? '';
      expect(checkLines(text)).toEqual(expected);
      expect(text).toMatch(/^Privileged access posture: Contoso \(simulated\)\nFAIL overall/);
      for (const line of accounts) expect(text).toContain(`- ${line}`);
      if (scenario !== 'under-attack') expect(text).toContain('All 2 configured emergency accounts qualify.');
    } finally {
      await h.stop();
    }
  });

  it('is only for people with a role: it names accounts and their weaknesses', async () => {
    // frank is known to the bot (mapped to his Entra account) but holds no role in it.
    const base = playgroundConfig();
    const config = parseConfig({ ...base, people: { ...base.people, frank: { name: PEOPLE.frank.displayName, entraObjectId: userId('frank'), upn: PEOPLE.frank.upn, playground: 'frank' } } });
    const h = await MonitorHarness.start({ scenario: 'quiet', config });
    try {
      expect(await h.say('frank', 'posture', SECURITY)).toMatch(/^Only a security officer or a configured responder or an admin or a manager or an approver can see the posture report/);
      expect(await h.audit('authz.denied')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});

describe('breakglass posture (CLI)', () => {
  const saved = { GRAPH: process.env.GRAPH, BREAKGLASS_CONFIG: process.env.BREAKGLASS_CONFIG };

  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('reads the configured tenant and exits 1 when a check fails', async () => {
    // The CLI starts its own simulator, as the bot does with GRAPH=simulator:<scenario>.
    const h = await MonitorHarness.start({ scenario: 'quiet' });
    try {
      const config = join(h.dir, 'cli-config.json');
      writeFileSync(config, JSON.stringify(h.config));
      process.env.GRAPH = 'simulator:under-attack';
      process.env.BREAKGLASS_CONFIG = config;
      const lines: string[] = [];
      expect(await runCli(['posture', '--json'], (l) => lines.push(l))).toBe(1);
      const report = JSON.parse(lines.join('\n')) as PostureReport;
      expect(report.checks.map((c) => [c.status, c.title])).toEqual(UNDER_ATTACK);

      const text: string[] = [];
      expect(await runCli(['posture'], (l) => text.push(l))).toBe(1);
      expect(text.join('\n')).toContain(`${MARK.fail} No guest or personal Microsoft accounts in admin roles`);
    } finally {
      await h.stop();
    }
  });
});
