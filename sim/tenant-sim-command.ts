import { DEFAULT_SEED, SCENARIOS, isScenarioName, type ScenarioName } from './scenarios';
import { startTenantSimulator, type TenantSimulator } from './tenant-simulator';

export interface TenantSimCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `usage: breakglass tenant-sim [--scenario ${SCENARIOS.join('|')}] [--port 8443] [--seed N] [--client-secret S]`;

interface Parsed {
  scenario: ScenarioName;
  port: number;
  seed: number;
  clientSecret?: string;
}

function parse(argv: readonly string[]): Parsed | string {
  const parsed: Parsed = { scenario: 'under-attack', port: 8443, seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') return USAGE;
    if (value === undefined || value.startsWith('--')) return `${flag ?? ''} needs a value\n${USAGE}`;
    i++;
    switch (flag) {
      case '--scenario':
        if (!isScenarioName(value)) return `unknown scenario '${value}' (choose ${SCENARIOS.join(', ')})\n${USAGE}`;
        parsed.scenario = value;
        break;
      case '--port': {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) return `--port must be a number from 0 to 65535\n${USAGE}`;
        parsed.port = port;
        break;
      }
      case '--seed':
        if (!/^\d+$/.test(value)) return `--seed must be a whole number\n${USAGE}`;
        parsed.seed = Number(value);
        break;
      case '--client-secret':
        parsed.clientSecret = value;
        break;
      default:
        return `unknown option ${flag ?? ''}\n${USAGE}`;
    }
  }
  return parsed;
}

/**
 * `breakglass tenant-sim --scenario under-attack --port 8443`: starts the
 * simulated tenant and prints how to point the bot (or any Graph client) at
 * it. Resolves with the running simulator, or undefined after printing usage
 * or an error (the CLI then exits non-zero). The caller closes it on SIGINT.
 */
export async function runTenantSimCommand(argv: readonly string[], io: TenantSimCommandIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }): Promise<TenantSimulator | undefined> {
  const parsed = parse(argv);
  if (typeof parsed === 'string') {
    (parsed === USAGE ? io.out : io.err)(parsed);
    return undefined;
  }
  let sim: TenantSimulator;
  try {
    sim = await startTenantSimulator({ scenario: parsed.scenario, port: parsed.port, seed: parsed.seed, clientSecret: parsed.clientSecret });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(code === 'EADDRINUSE' ? `port ${parsed.port} is already in use; pick another with --port` : `could not start the tenant simulator: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  io.out(`SIMULATED TENANT (not a real Microsoft tenant): scenario ${sim.scenario}, seed ${sim.seed}`);
  io.out(`  url (Graph base URL and authority host): ${sim.url}`);
  io.out(`  tenant id:      ${sim.tenantId} (${sim.tenantDomain})`);
  io.out(`  client id:      ${sim.clientId}`);
  io.out(`  client secret:  ${sim.clientSecret}`);
  io.out(`  certificate:    ${sim.certificatePath} (alternative to the secret)`);
  io.out(`  trust this CA:  NODE_EXTRA_CA_CERTS=${sim.caFile}`);
  io.out(`  faults:         POST ${sim.url}/_sim/faults {"route":"signIns","fault":{"kind":"throttle","retryAfterSeconds":30}}`);
  return sim;
}
