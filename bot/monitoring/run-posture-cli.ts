import { parseArgs } from 'node:util';
import type { PostureReport } from '../../workflows/posture/posture-types';
import type { Config } from '../config/schema';
import { isBreakglassError, toBreakglassError } from '../core/errors';
import type { GraphPort } from '../ports/graph-port';
import { postureReportCard } from '../messages/alerts/posture-report-card';
import { messageToText } from '../messages/message-text';
import { checkPosture } from './posture-check';
import type { CliStreams } from './run-signins-analyze';

/** Exit codes: no check failed (passes and warnings), a check failed, could not run. */
export const POSTURE_OK = 0;
export const POSTURE_FAILED = 1;
export const POSTURE_ERROR = 2;

export interface PostureCliDeps {
  /** Config plus a Graph connection (a real tenant or the simulator); close ends it. */
  connect(): Promise<{ config: Config; graph: GraphPort; simulated: boolean; now: () => number; close(): Promise<void> }>;
}

const USAGE = `Usage: breakglass posture [--json]

Checks the roadmap's stage-1 items against the tenant (Graph) and prints
pass / warn / fail with the accounts involved. Reads BREAKGLASS_CONFIG and
the same Graph settings as the bot (AZURE_* for a real tenant, GRAPH=simulator:<scenario>).

Exit code: 0 nothing failed, 1 a check failed, 2 the check could not run.
`;

/** `breakglass posture`: returns the exit code; never calls process.exit. */
export async function runPostureCli(argv: readonly string[], io: CliStreams, deps: PostureCliDeps): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return POSTURE_ERROR;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return POSTURE_OK;
  }
  let connection: Awaited<ReturnType<PostureCliDeps['connect']>> | undefined;
  try {
    connection = await deps.connect();
    const report = await checkPosture(connection.graph, connection.config, connection.now());
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${postureText(report, connection.config, connection.simulated)}\n`);
    return report.status === 'fail' ? POSTURE_FAILED : POSTURE_OK;
  } catch (e) {
    io.stderr.write(`${isBreakglassError(e) ? `${e.userMessage} (ref ${e.correlationId})` : `Posture check failed: ${toBreakglassError(e).userMessage}`}\n`);
    return POSTURE_ERROR;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

function postureText(report: PostureReport, config: Config, simulated: boolean): string {
  return messageToText(postureReportCard(report, { tenantName: config.tenant.name, simulated }));
}
