/**
 * The slow reliability suite (`npm run test:reliability`, also run by .ci/run):
 * real child processes killed with SIGKILL, a private PostgreSQL stopped and
 * started, floods over HTTP. Each test may take tens of seconds, so they stay
 * out of `npm test`; the fast reliability tests live in test/integration/reliability.
 */
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120000,
  // The tests start processes and databases of their own; running them one at a time keeps timings honest.
  maxWorkers: 1,
};
