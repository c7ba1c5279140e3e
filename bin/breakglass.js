#!/usr/bin/env node
// The published entry point (`npx breakglass …`): the same process `npm run breakglass -- …` starts.
// Node reads extra CAs only at start, and the npm scripts trust the simulated tenant's test CA
// through NODE_EXTRA_CA_CERTS; without it every simulated Graph call fails with "no token". So when
// it is not set, run again with it set (a user's own CA file is left alone).
const { resolve } = require('node:path');

const root = resolve(__dirname, '..');
if (!process.env.NODE_EXTRA_CA_CERTS) {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, resolve(root, 'bin/breakglass.js'), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: resolve(root, 'test/fixtures/tls/ca.crt') },
  });
  // Ctrl-C reaches the child through the terminal's process group; a plain kill is passed on.
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    else process.exit(code ?? 1);
  });
} else {
  require('@swc-node/register');
  require('../app/cli.ts');
}
