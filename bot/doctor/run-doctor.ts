import { checkDatabase } from './check-database';
import { checkGraph } from './check-graph';
import { fail, skip, type CheckLine } from './check-line';
import { checkSlack } from './check-slack';
import { checkTeams } from './check-teams';
import type { DoctorPlan } from './doctor-plan';
import { exitCode, formatReport } from './doctor-report';

/** Runs every check of the plan, prints one line each, and returns the exit code. */
export async function runDoctor(plan: DoctorPlan, out: (line: string) => void): Promise<number> {
  const lines = await collectLines(plan);
  for (const line of formatReport(lines)) out(line);
  return exitCode(lines);
}

export async function collectLines(plan: DoctorPlan): Promise<CheckLine[]> {
  const lines: CheckLine[] = [...(await checkDatabase(plan.database))];
  const { graph, slack, teams } = plan;
  if ('probe' in graph) lines.push(...(await checkGraph(graph.probe, graph.options)));
  else if ('misconfigured' in graph) lines.push(fail('Graph', 'settings', graph.misconfigured, 'Set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a certificate), or remove graph.source.'));
  else lines.push(skip('Graph', 'tenant', graph.skipped));
  lines.push(...('probe' in slack ? await checkSlack(slack.probe, slack.requiredScopes, slack.targets) : [skip('Slack', 'app', slack.skipped)]));
  lines.push(...('skipped' in teams ? [skip('Teams', 'app', teams.skipped)] : await checkTeams(teams)));
  return lines;
}
