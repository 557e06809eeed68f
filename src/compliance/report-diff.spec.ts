import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureIo } from '../../test/fixtures/report/capture-io';
import { decision, modelFrom, scenario } from '../../test/fixtures/report/sample-model';
import { reportCommand } from '../cli/report-command';
import { packageFile } from '../package-root';
import { renderDiffMarkdown } from './render-diff';
import { diffReports, type ReportDiff } from './report-diff';
import { writeReports } from './report-files';
import type { RunModel } from './run-model';

const REV = 'features/revocation.feature';
const allowed = scenario(REV, 5, 'passed', ['IA-2'], { name: 'allowed', evidence: [decision('allow', 'ALLOW')] });
const revoked = (line: number) =>
  scenario(REV, line, 'passed', ['IA-5(2)'], {
    name: 'revoked',
    evidence: [decision('allow', 'ALLOW'), decision('deny', 'CERT_REVOKED')],
  });

const CASES: readonly { name: string; base: RunModel; head: RunModel; check: (d: ReportDiff) => void }[] = [
  {
    name: 'same/nothing-changed',
    base: modelFrom([allowed, revoked(10)]),
    head: modelFrom([allowed, revoked(10)]),
    check: (d) => assert.deepEqual([d.scenarios, d.controls, d.decisions, d.regression], [[], [], [], false]),
  },
  {
    name: 'moved/lines-shift-nothing-changes',
    base: modelFrom([allowed, revoked(10)]),
    head: modelFrom([allowed, revoked(14)]),
    check: (d) => assert.deepEqual([d.scenarios.length, d.decisions.length], [0, 0]),
  },
  {
    name: 'regression/second-request-now-allowed',
    base: modelFrom([revoked(10)]),
    head: modelFrom([
      scenario(REV, 10, 'failed', ['IA-5(2)'], {
        name: 'revoked',
        evidence: [decision('allow', 'ALLOW'), decision('allow', 'ALLOW')],
      }),
    ]),
    check: (d) => {
      assert.equal(d.regression, true);
      assert.deepEqual(
        d.decisions.map((x) => [x.occurrence, x.base?.reason, x.head?.reason]),
        [[2, 'CERT_REVOKED', 'ALLOW']],
      );
      assert.deepEqual(
        d.scenarios.map((s) => [s.base, s.head, s.regression]),
        [['passed', 'failed', true]],
      );
      assert.deepEqual(
        d.controls.map((c) => [c.id, c.base, c.head, c.regression]),
        [['IA-5(2)', 'passed', 'failed', true]],
      );
    },
  },
  {
    name: 'improvement/failed-now-passes',
    base: modelFrom([scenario(REV, 5, 'failed', ['IA-2'], { name: 'allowed' })]),
    head: modelFrom([allowed]),
    check: (d) =>
      assert.deepEqual([d.regression, d.scenarios[0]?.base, d.scenarios[0]?.head], [false, 'failed', 'passed']),
  },
  {
    name: 'decision/rule-changed-no-regression',
    base: modelFrom([allowed]),
    head: modelFrom([
      scenario(REV, 5, 'passed', ['IA-2'], {
        name: 'allowed',
        evidence: [decision('allow', 'ALLOW', { rule: 'ztna-allow-all' })],
      }),
    ]),
    check: (d) =>
      assert.deepEqual(
        [d.regression, d.decisions.map((x) => [x.base?.rule, x.head?.rule])],
        [false, [['ztna-allow-app', 'ztna-allow-all']]],
      ),
  },
  {
    name: 'removed/passing-scenario-gone',
    base: modelFrom([allowed, revoked(10)]),
    head: modelFrom([allowed]),
    check: (d) => {
      assert.deepEqual(
        d.scenarios.map((s) => [s.base, s.head, s.regression]),
        [['passed', null, false]],
      );
      assert.deepEqual(
        d.controls.map((c) => [c.id, c.head, c.regression]),
        [['IA-5(2)', 'not_covered', true]],
      );
    },
  },
];

for (const c of CASES) test(`diff/${c.name}`, () => c.check(diffReports(c.base, c.head)));

test('diff/markdown: lists the changed decision with old and new outcome', () => {
  const { base, head } = CASES[2]!;
  const text = renderDiffMarkdown(diffReports(base, head));
  assert.match(text, /\*\*Regression\.\*\*/);
  assert.match(
    text,
    /\| laptop-1 → app\.example\.com\/ via fgt-1 \(request 2\) \| deny CERT\\_REVOKED \(063\) \| allow ALLOW rule ztna-allow-app \|/,
  );
});

async function cli(root: string, ...argv: string[]) {
  const io = captureIo(root, new Date());
  const code = await reportCommand(['diff', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

test('diff/cli: exit 0 without regression, 1 with --fail-on-change on a changed decision, JSON to --out', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ztna-diff-'));
  const { base, head } = CASES[4]!;
  writeReports(base, join(root, 'base'));
  writeReports(head, join(root, 'head'));
  const plain = await cli(root, 'base/compliance.json', 'head/compliance.json', '--out', 'out/diff.json');
  assert.equal(plain.code, 0, plain.err);
  assert.equal(JSON.parse(readFileSync(join(root, 'out/diff.json'), 'utf8')).decisions.length, 1);
  assert.equal((await cli(root, 'base/compliance.json', 'head/compliance.json', '--fail-on-change')).code, 1);
  assert.ok(JSON.parse(readFileSync(join(root, 'reports/diff.json'), 'utf8')), 'default --out is reports/diff.json');
});

for (const [name, argv] of [
  ['one-file', ['base/compliance.json']],
  ['missing', ['base/compliance.json', 'nope.json']],
  ['not-a-report', ['base/compliance.json', 'junk.json']],
] as const) {
  test(`diff/bad-input/${name}: exit 2`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'ztna-diff-'));
    writeReports(CASES[0]!.base, join(root, 'base'));
    writeFileSync(join(root, 'junk.json'), '{"modelVersion": 1}');
    const result = await cli(root, ...argv);
    assert.equal(result.code, 2);
    assert.match(result.err, /^ztna-harness: [^\n]+\n$/);
  });
}

// The real thing: the same feature run twice, once with its revocation step removed.
test('diff/end-to-end: removing a revocation step from a feature lists the changed decision, exit 1', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ztna-diff-e2e-'));
  const feature = readFileSync(packageFile('features', 'revocation.feature'), 'utf8');
  const upTo = feature.slice(0, feature.indexOf('\n  @control:ZTA-T6'));
  const revokeStep = '    When EMS revokes the client certificate of endpoint "laptop-1"\n';
  assert.ok(upTo.includes(revokeStep));
  for (const [side, text] of [
    ['base', upTo],
    ['head', upTo.replace(revokeStep, '')],
  ] as const) {
    mkdirSync(join(root, side, 'features'), { recursive: true });
    writeFileSync(join(root, side, 'features', 'revocation.feature'), text);
    const ran = spawnSync(
      process.execPath,
      [packageFile('bin', 'ztna-harness.js'), 'run', 'features/revocation.feature', '--reports', 'reports'],
      { cwd: join(root, side), encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(ran.status, side === 'base' ? 0 : 1, ran.stderr);
  }
  const result = await cli(root, 'base/reports/compliance.json', 'head/reports/compliance.json');
  assert.equal(result.code, 1, result.err);
  const diff = JSON.parse(readFileSync(join(root, 'reports', 'diff.json'), 'utf8')) as ReportDiff;
  assert.deepEqual(
    diff.decisions.map((d) => [d.probe.destination, d.base?.verdict, d.base?.reason, d.head?.verdict, d.head?.reason]),
    [['intranet.example.com/', 'deny', 'CERT_REVOKED', 'allow', 'ALLOW']],
  );
  assert.ok(
    diff.scenarios.some(
      (s) => s.name === 'A revoked certificate is denied once the revocation is synced' && s.regression,
    ),
  );
  assert.match(result.out, /Decisions that changed \(1\)/);
});

// Two runs over an old and a new configuration: the matrix shows the access the change grants.
test('diff/end-to-end: a loosened rule in a YAML lab shows up as matrix cells that changed', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ztna-diff-lab-'));
  const lab = readFileSync(packageFile('scenarios', 'single-site.yaml'), 'utf8');
  const strict = '        ztna-tags-match-logic: and\n';
  assert.ok(lab.includes(strict));
  for (const [side, text] of [
    ['base', lab],
    ['head', lab.replace(strict, '        ztna-tags-match-logic: or\n')],
  ] as const) {
    mkdirSync(join(root, side), { recursive: true });
    writeFileSync(join(root, side, 'lab.yaml'), text);
    const ran = spawnSync(
      process.execPath,
      [packageFile('bin', 'ztna-harness.js'), 'run', 'lab.yaml', '--reports', 'reports'],
      { cwd: join(root, side), encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(ran.status, side === 'base' ? 0 : 1, ran.stderr);
  }
  const result = await cli(root, 'base/reports/compliance.json', 'head/reports/compliance.json', '--out', 'diff.json');
  assert.equal(result.code, 1);
  const diff = JSON.parse(readFileSync(join(root, 'diff.json'), 'utf8')) as ReportDiff;
  const matrix = diff.decisions.filter((d) => d.scenario === 'access matrix of Single default site');
  assert.deepEqual(
    matrix.map((d) => [d.probe.endpoint, d.probe.destination, d.base?.reason, d.head?.reason]),
    [['laptop-1', 'hr.example.com/', 'TAGS_NO_MATCH', 'ALLOW']],
  );
  assert.match(
    result.out,
    /access matrix of Single default site \| laptop-1 → hr\.example\.com\/ via fgt-1 \| deny TAGS\\_NO\\_MATCH \(065\) \| allow ALLOW rule hr-portal/,
  );
});
