#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources through ts-node without type checking (npm test type-checks).
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
require('ts-node').register({ transpileOnly: true, project: require('node:path').join(__dirname, '..', 'tsconfig.json') });
require('../src/cli/main')
  .main(process.argv.slice(2))
  .then((status) => {
    process.exitCode = status;
  });
