#!/usr/bin/env node
// The published entry point: register the TypeScript loader, then hand over to the CLI.
require('@swc-node/register');
require('../app/cli.ts');
