/**
 * `ztna-harness init` in-process: what it scaffolds, that it never overwrites without --force,
 * and that the starter's features use only catalogued controls and defined steps.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { initCommand, initPlan } from '../../src/cli/init-command';
import { loadCatalog, loadGatePolicy } from '../../src/compliance';
import type { HarnessError } from '../../src/errors';
import { loadScenario } from '../../src/lab';
import { packageFile } from '../../src/package-root';

const WORK = mkdtempSync(join(tmpdir(), 'ztna-init-'));
after(() => rmSync(WORK, { recursive: true, force: true }));

/** Runs init with stdout captured. */
async function init(argv: string[], cwd: string): Promise<{ status: number; stdout: string }> {
  const write = process.stdout.write;
  let stdout = '';
  process.stdout.write = ((chunk: string) => {
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    return { status: await initCommand(argv, cwd), stdout };
  } finally {
    process.stdout.write = write;
  }
}

const BEHAVIOURS = [
  'registration',
  'revocation',
  'root-rotation',
  'empty-cert-action',
  'record-matching',
  'ca-separation',
  'multi-site',
  'fabric-sync',
  'proxy-rules',
];

test('init: writes the starter into DIR, creating it', async () => {
  const dir = join(WORK, 'fresh', 'repo');
  const { status, stdout } = await init([dir], WORK);
  assert.equal(status, 0);
  for (const file of [
    'cucumber.cjs',
    'scenarios/lab.yaml',
    'ztna-gate.yaml',
    'ci/ztna-harness.sh',
    '.github/workflows/ztna-harness.yml',
    'features/step_definitions/own.steps.js',
  ]) {
    assert.ok(existsSync(join(dir, file)), file);
  }
  assert.deepEqual(
    readdirSync(join(dir, 'features'))
      .filter((f) => f.endsWith('.feature'))
      .sort(),
    BEHAVIOURS.map((b) => `${b}.feature`).sort(),
  );
  assert.ok((statSync(join(dir, 'ci', 'ztna-harness.sh')).mode & 0o111) !== 0, 'the CI script is executable');
  assert.match(stdout, /created {2}fresh\/repo\/cucumber\.cjs/);
  assert.match(stdout, /npx ztna-harness gate reports\/compliance\.json --policy ztna-gate\.yaml/);
});

test('init: refuses to overwrite, writing nothing, and names every existing file', async () => {
  const dir = join(WORK, 'existing');
  await init([dir], WORK);
  writeFileSync(join(dir, 'cucumber.cjs'), '// mine\n');
  rmSync(join(dir, 'ztna-gate.yaml'));
  await assert.rejects(init([], dir), (error: HarnessError) => {
    assert.equal(error.code, 'BAD_INPUT');
    assert.match(error.message, /--force/);
    assert.match(error.message, /cucumber\.cjs/);
    return true;
  });
  assert.equal(readFileSync(join(dir, 'cucumber.cjs'), 'utf8'), '// mine\n');
  assert.ok(!existsSync(join(dir, 'ztna-gate.yaml')), 'init wrote a file although it refused');
});

test('init --force: overwrites', async () => {
  const dir = join(WORK, 'existing');
  const { status, stdout } = await init(['--force'], dir);
  assert.equal(status, 0);
  assert.match(stdout, /overwrote {2}cucumber\.cjs/);
  assert.match(stdout, /created {2}ztna-gate\.yaml/);
  assert.equal(
    readFileSync(join(dir, 'cucumber.cjs'), 'utf8'),
    readFileSync(packageFile('templates', 'cucumber.cjs'), 'utf8'),
  );
});

test('init: bad input', async () => {
  const file = join(WORK, 'a-file');
  writeFileSync(file, '');
  await assert.rejects(init([file], WORK), /is not a folder/);
  await assert.rejects(init(['a', 'b'], WORK), /at most one folder/);
  await assert.rejects(init(['--frce'], WORK), /see ztna-harness init --help/);
  assert.match((await init(['--help'], WORK)).stdout, /^Usage: ztna-harness init \[DIR\] \[--force\]/);
});

test('templates: every @control tag is catalogued; the lab and the gate policy validate', () => {
  const known = new Set(loadCatalog().controls.map((c) => c.id));
  const features = initPlan(WORK).filter((p) => p.source.endsWith('.feature'));
  assert.equal(features.length, BEHAVIOURS.length);
  for (const { source } of features) {
    const tags = [...readFileSync(source, 'utf8').matchAll(/@control:(\S+)/g)].map((m) => m[1]!);
    assert.ok(tags.length > 0, `${source} has no @control tag`);
    for (const tag of tags) assert.ok(known.has(tag), `${source}: unknown control ${tag}`);
  }
  assert.ok(loadScenario(packageFile('templates', 'scenarios', 'lab.yaml')).checks.length > 0);
  for (const control of loadGatePolicy(packageFile('templates', 'ztna-gate.yaml')).requiredControls ?? [])
    assert.ok(known.has(control), control);
});
