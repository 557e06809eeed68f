/**
 * The package as a user gets it. `npm pack` (its prepack builds dist/) of a copy of this
 * repository, so neither this checkout's dist/ nor its reports/ is touched; the tarball installed
 * into a new project; `npx ztna-harness init`; a feature of that project's own using one custom
 * step beside the library's; `npx ztna-harness run` (exit 0) with the reports in that project's
 * reports/; `npx ztna-harness gate` with the scaffolded policy. Also the engine API from plain
 * JavaScript, the declarations of every entry point from TypeScript, and a folder of YAML labs
 * without a cucumber config of its own.
 */
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const WORK = mkdtempSync(join(tmpdir(), 'ztna-pack-'));
const PROJECT = join(WORK, 'acme-ztna-rollout');
const MINUTES = 60_000;

/**
 * The environment of a user's shell: npm test's own npm variables would point a child npm at this
 * repository (npm_config_local_prefix), and c8's would have every child write coverage.
 */
const ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^(npm_(package|lifecycle)_|npm_config_local_prefix$|npm_command$|NODE_V8_COVERAGE$)/.test(key),
  ),
);

function sh(command: string, args: string[], cwd: string, timeout = 3 * MINUTES): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', timeout });
}

const output = (r: SpawnSyncReturns<string>): string =>
  `exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`.slice(-4000);

/** `npx ztna-harness ...` in the project, never fetching a package of that name from the registry. */
const ztna = (...args: string[]): SpawnSyncReturns<string> =>
  sh('npx', ['--no-install', 'ztna-harness', ...args], PROJECT);

/** What `npm pack` needs: the build inputs and every entry of package.json's `files`. */
function copyRepository(to: string): void {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const tops = new Set([
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'bin',
    'src',
    'steps',
    'README.md',
    'LICENSE',
    ...manifest.files.map((f) => f.split('/')[0]!),
  ]);
  tops.delete('dist');
  for (const top of tops) if (existsSync(join(ROOT, top))) cpSync(join(ROOT, top), join(to, top), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
}

let tarball = '';

before(() => {
  const copy = join(WORK, 'ztna-harness');
  mkdirSync(copy);
  copyRepository(copy);
  const pack = sh('npm', ['pack', '--pack-destination', WORK], copy, 5 * MINUTES);
  assert.equal(pack.status, 0, `npm pack failed: ${output(pack)}`);
  tarball = join(WORK, readdirSync(WORK).find((f) => f.endsWith('.tgz'))!);
  mkdirSync(PROJECT);
  writeFileSync(
    join(PROJECT, 'package.json'),
    `${JSON.stringify({ name: 'acme-ztna-rollout', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  const install = sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], PROJECT, 5 * MINUTES);
  assert.equal(install.status, 0, `npm install of the tarball failed: ${output(install)}`);
});

after(() => {
  if (!process.env.ZTNA_KEEP_PACK_TEST) rmSync(WORK, { recursive: true, force: true });
});

test('pack: the tarball ships dist/ and no TypeScript source or ts-node; its bin answers --help', () => {
  const pkg = join(PROJECT, 'node_modules', 'ztna-harness');
  for (const file of [
    'dist/src/index.js',
    'dist/src/index.d.ts',
    'dist/steps/index.js',
    'dist/steps/index.d.ts',
    'dist/src/cucumber/formatter.cjs',
    'dist/src/cli/line-formatter.cjs',
    'templates/cucumber.cjs',
    'schemas/scenario.schema.json',
    'controls/catalog.yaml',
  ]) {
    assert.ok(existsSync(join(pkg, file)), `${file} is missing from the package`);
  }
  assert.ok(!existsSync(join(pkg, 'src', 'cli', 'main.ts')), 'the package ships TypeScript sources');
  assert.ok(!existsSync(join(PROJECT, 'node_modules', 'ts-node')), 'installing the package pulled in ts-node');
  const help = ztna('--help');
  assert.equal(help.status, 0, output(help));
  assert.match(help.stdout, /^Usage: ztna-harness COMMAND/);
  assert.match(help.stdout, /^ {2}init /m);
});

test('init: scaffolds the starter and refuses to overwrite it without --force', () => {
  const init = ztna('init');
  assert.equal(init.status, 0, output(init));
  for (const file of [
    'cucumber.cjs',
    'features/revocation.feature',
    'features/step_definitions/own.steps.js',
    'scenarios/lab.yaml',
    'ztna-gate.yaml',
    'ci/ztna-harness.sh',
    '.github/workflows/ztna-harness.yml',
  ]) {
    assert.ok(existsSync(join(PROJECT, file)), `init did not write ${file}`);
  }
  assert.equal(readdirSync(join(PROJECT, 'features')).filter((f) => f.endsWith('.feature')).length, 9);
  const again = ztna('init');
  assert.equal(again.status, 2, output(again));
  assert.match(again.stderr, /--force/);
});

test("run: the project's own feature and custom step run beside the library, reports land in its reports/", () => {
  writeFileSync(
    join(PROJECT, 'features', 'acme-contractors.feature'),
    [
      '@control:AC-3',
      'Feature: ACME keeps contractors out of the HR portal',
      '  Scenario: A contractor laptop is refused the HR portal',
      '    Given a ZTNA lab from "scenarios/lab.yaml"',
      '    And endpoint "contractor-1" is registered with the ZTNA tags "Contractor"',
      '    When endpoint "contractor-1" requests "https://hr.example.com/payroll"',
      '    Then ACME policy refused the request with FortiOS code "065"',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(PROJECT, 'features', 'step_definitions', 'acme.steps.js'),
    [
      "const { Then } = require('@cucumber/cucumber');",
      "Then('ACME policy refused the request with FortiOS code {string}', function (code) {",
      '  const { observation } = this.lastExchange;',
      "  if (observation.verdict !== 'deny' || observation.fortiosCode !== code) throw new Error(`expected a denial with ${code}, got ${JSON.stringify(observation)}`);",
      '});',
      '',
    ].join('\n'),
  );
  const run = ztna('run');
  assert.equal(run.status, 0, output(run));
  assert.match(run.stdout, /ok {3}A contractor laptop is refused the HR portal/);
  for (const file of ['compliance.json', 'compliance.json.sha256', 'compliance.html', 'junit.xml', 'compliance.md']) {
    assert.ok(existsSync(join(PROJECT, 'reports', file)), `reports/${file} is missing`);
  }
  const model = JSON.parse(readFileSync(join(PROJECT, 'reports', 'compliance.json'), 'utf8'));
  const own = model.scenarios.find((s: { name: string }) => s.name === 'A contractor laptop is refused the HR portal');
  assert.equal(own?.status, 'passed');
  assert.ok(
    model.scenarios.some((s: { name: string }) => s.name === 'a revoked certificate is denied'),
    'the checks of scenarios/lab.yaml did not run',
  );
  assert.equal(model.summary.outcome, 'passed');
});

test('gate: the scaffolded policy passes on the run', () => {
  const gate = ztna('gate', 'reports/compliance.json', '--policy', 'ztna-gate.yaml');
  assert.equal(gate.status, 0, output(gate));
  assert.match(gate.stdout, /^compliant/m);
});

test("run: a folder with YAML labs and no cucumber config still gets the library's steps and reports", () => {
  const dir = join(PROJECT, 'labs-only');
  mkdirSync(join(dir, 'scenarios'), { recursive: true });
  cpSync(join(PROJECT, 'scenarios', 'lab.yaml'), join(dir, 'scenarios', 'lab.yaml'));
  const run = sh('npx', ['--no-install', 'ztna-harness', 'run'], dir);
  assert.equal(run.status, 0, output(run));
  const model = JSON.parse(readFileSync(join(dir, 'reports', 'compliance.json'), 'utf8'));
  assert.ok(model.scenarios.length > 0 && model.summary.outcome === 'passed', JSON.stringify(model.summary));
});

test('engine API: a lab scripted without Gherkin', () => {
  const script = `
    const { createLab, REASONS } = require('ztna-harness');
    (async () => {
      const lab = await createLab({ endpoints: [{ name: 'laptop-1' }] });
      const laptop = lab.endpoint('laptop-1');
      const ask = () => lab.gateway().decide({ certificate: laptop.identity.certificate, host: 'intranet.example.com', path: '/' });
      const before = ask();
      lab.ems.revokeClientCertificate(laptop.uid);
      const after = ask();
      console.log(JSON.stringify([before.verdict, after.verdict, after.reason, REASONS[after.reason].fortiosCode]));
      lab.close();
    })();`;
  const r = sh(process.execPath, ['-e', script], PROJECT);
  assert.equal(r.status, 0, output(r));
  assert.deepEqual(JSON.parse(r.stdout), ['allow', 'deny', 'CERT_REVOKED', '063']);
});

test('declarations: TypeScript resolves every entry point (exports and typesVersions)', () => {
  const dir = join(PROJECT, 'typed');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'use.ts'),
    `import { createLab, evaluateGate, REASONS, type Decision, type LabSpec } from 'ztna-harness';
import { setWorldConstructor } from '@cucumber/cucumber';
import { STEP_LIBRARY, ZtnaWorld } from 'ztna-harness/steps';
import formatter from 'ztna-harness/formatter';

class AcmeWorld extends ZtnaWorld {
  readonly ticket = 'CHG-1';
}
setWorldConstructor(AcmeWorld);
const spec: LabSpec = { endpoints: [{ name: 'laptop-1' }] };
export async function decide(): Promise<Decision> {
  const lab = await createLab(spec);
  const fortiosCode: string | undefined = REASONS.CERT_REVOKED.fortiosCode;
  void [fortiosCode, evaluateGate, STEP_LIBRARY.length, formatter.type];
  return lab.gateway().decide({ certificate: lab.endpoint('laptop-1').identity?.certificate, host: 'intranet.example.com', path: '/' });
}
`,
  );
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [module, moduleResolution] of [
    ['node16', 'node16'],
    ['commonjs', 'node10'],
  ]) {
    const options = {
      strict: true,
      noEmit: true,
      module,
      moduleResolution,
      target: 'ES2022',
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(ROOT, 'node_modules', '@types')],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['use.ts'] }));
    const r = sh(process.execPath, [tsc, '-p', dir], dir);
    assert.equal(r.status, 0, `moduleResolution ${moduleResolution}: ${output(r)}`);
  }
});
