import { resolve } from 'node:path';
import { BreakglassError } from '../../bot/core/errors';
import { TEST_CA_FILE } from '../../sim';

/**
 * The simulated tenant serves HTTPS with a certificate from the test CA, and
 * Node reads extra CAs only from NODE_EXTRA_CA_CERTS at process start (the npm
 * scripts set it). Whether this process was started trusting it.
 */
export function trustsSimulatorCa(env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.NODE_EXTRA_CA_CERTS;
  return !!file && resolve(file) === TEST_CA_FILE;
}

/** Said at start, instead of every Graph call failing later with "no token". */
export function simulatorCaNotTrusted(): BreakglassError {
  return new BreakglassError(
    'config.invalid',
    `The simulated tenant needs its test CA trusted, which Node only reads at start: run \`npm start\`, or start with NODE_EXTRA_CA_CERTS=${TEST_CA_FILE}.`,
  );
}
