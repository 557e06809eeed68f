#!/usr/bin/env node
'use strict';
// `npm run build`: compiles src/ and steps/ into dist/ (JavaScript and declarations, see
// tsconfig.build.json), then copies what tsc does not emit: the CommonJS shims (*.cjs) through
// which cucumber import()s the formatters. dist/ is removed first so that a deleted source never
// leaves a stale compiled file in the package.
const { cpSync, existsSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { basename, join, relative } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
const dist = join(root, 'dist');

/** Every *.cjs file under `dir`, recursively. */
function cjsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cjsFiles(path);
    return entry.name.endsWith('.cjs') ? [path] : [];
  });
}

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
for (const file of ['src', 'steps'].flatMap((dir) => cjsFiles(join(root, dir)))) {
  const target = join(dist, relative(root, file));
  cpSync(file, target);
  // A shim's declarations: it exports its module's default export itself (module.exports).
  const base = target.slice(0, -'.cjs'.length);
  if (existsSync(`${base}.d.ts`)) {
    const name = basename(base);
    writeFileSync(
      `${base}.d.cts`,
      `// The CommonJS shim exports the default export of ./${name} as module.exports.\nimport type shimmed from './${name}';\ndeclare const exported: typeof shimmed;\nexport = exported;\n`,
    );
  }
}
