import { parseArgs } from 'node:util';
import type { AccountRef } from '../../workflows/monitoring/context';
import type { Config } from '../config/schema';
import { isBreakglassError, toBreakglassError } from '../core/errors';
import type { GraphPort } from '../ports/graph-port';
import { privilegedAccounts, type PrivilegedGraph } from '../effects/privileged-accounts';
import type { CliStreams } from './run-signins-analyze';

export interface PrivilegedCliDeps {
  connect(): Promise<{ config: Config; graph: GraphPort; close(): Promise<void> }>;
}

const USAGE = `Usage: breakglass privileged list [--json]

Lists the accounts the monitor treats as privileged: every principal assigned
to or eligible for a directory role, members of the groups and the accounts
listed under monitoring.privileged in config, and the emergency accounts.
Accounts named with the admin prefix count too but are not listed.
--json prints {"privileged": [...]}; feed it back offline with
  breakglass signins analyze <file> --context <that file>

Exit code: 0 listed, 2 the tenant could not be read.
`;

/** `breakglass privileged list`: returns the exit code; never calls process.exit. */
export async function runPrivilegedCli(argv: readonly string[], io: CliStreams, deps: PrivilegedCliDeps): Promise<number> {
  let parsed: { values: { json?: boolean; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (parsed.positionals[0] !== 'list' || parsed.positionals.length !== 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  let connection: Awaited<ReturnType<PrivilegedCliDeps['connect']>> | undefined;
  try {
    connection = await deps.connect();
    const refs = await privilegedSet(connection.config, connection.graph);
    io.stdout.write(parsed.values.json ? `${JSON.stringify({ privileged: refs }, null, 2)}\n` : `${refs.map((r) => r.upn ?? r.id).join('\n')}\n`);
    return 0;
  } catch (e) {
    io.stderr.write(`${isBreakglassError(e) ? `${e.userMessage} (ref ${e.correlationId})` : `Could not list privileged accounts: ${toBreakglassError(e).userMessage}`}\n`);
    return 2;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

/** The set as AccountRefs, sorted so two exports of the same tenant compare equal. */
export async function privilegedSet(config: Config, graph: PrivilegedGraph): Promise<AccountRef[]> {
  const set = await privilegedAccounts(config, graph);
  const upns = new Set([...set.upns, ...config.emergencyAccounts.map((a) => a.upn.toLowerCase())]);
  const ids = new Set([...set.ids, ...config.emergencyAccounts.flatMap((a) => (a.objectId ? [a.objectId.toLowerCase()] : []))]);
  return [...[...ids].sort().map((id) => ({ id })), ...[...upns].sort().map((upn) => ({ upn }))];
}
