#!/usr/bin/env node
'use strict';
// The ztna-harness command. An installed package runs the compiled JavaScript in dist/ (no
// TypeScript, no type checking at run time). A checkout of the repository, where the TypeScript
// sources sit beside this file, runs those through ts-node (transpile only; `npm test`
// type-checks), so editing src/ never runs a stale dist/. ZTNA_HARNESS_DIST=1 forces dist/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const fromSources = process.env.ZTNA_HARNESS_DIST !== '1' && existsSync(join(root, 'src', 'cli', 'main.ts'));

function loadMain() {
  if (fromSources) {
    // Inherited by cucumber's worker processes, whose profiles require ts-node/register.
    process.env.TS_NODE_TRANSPILE_ONLY = 'true';
    require('ts-node').register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
    return require('../src/cli/main').main;
  }
  const compiled = join(root, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(compiled)) {
    process.stderr.write(`ztna-harness: ${compiled} is missing; build the package first (npm run build)\n`);
    process.exit(2);
  }
  return require(compiled).main;
}

loadMain()(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
