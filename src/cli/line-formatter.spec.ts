/**
 * `ztna-harness run` in-process on a small project of its own (a feature and a YAML lab, each
 * with one wrong expectation): what the console shows of each result, and the inputs that
 * compliance.json lists.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { failureMessage } from './line-formatter';
import { runCommand } from './run-command';

const PROJECT = mkdtempSync(join(tmpdir(), 'ztna-line-formatter-'));
const HOME = process.cwd();

const FEATURE = `@control:IA-2
Feature: Console output

  Scenario: a registered endpoint is allowed
    Given a ZTNA lab
    And endpoint "laptop-1" is registered
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  Scenario: a deliberately wrong expectation
    Given a ZTNA lab
    When a client without a certificate requests "https://intranet.example.com/" with the user agent "curl/8.0"
    Then the request is allowed
`;

const LAB = `name: Console lab
seed: console-lab
clock-start: 2026-01-05T09:00:00Z
endpoints:
  - name: laptop-1
    tags: [Domain-Users]
gateways:
  - name: fgt-1
    rules:
      - name: intranet
        host: intranet.example.com
        ztna-ems-tag: [Domain-Users]
        action: accept
checks:
  - name: the intranet is open to domain users
    endpoint: laptop-1
    url: https://intranet.example.com/
    expect: allow
  - name: a wrong reason on purpose
    endpoint: laptop-1
    url: https://intranet.example.com/
    expect: deny
    reason: CERT_REVOKED
`;

let run: { status: number; stdout: string };

before(async () => {
  mkdirSync(join(PROJECT, 'features'));
  mkdirSync(join(PROJECT, 'scenarios'));
  writeFileSync(join(PROJECT, 'features', 'console.feature'), FEATURE);
  writeFileSync(join(PROJECT, 'scenarios', 'console-lab.yaml'), LAB);
  // The report formatter resolves paths against the process's working directory, as the CLI runs.
  process.chdir(PROJECT);
  const out: string[] = [];
  const write = process.stdout.write;
  // The test runner talks to its parent over stdout in binary chunks: those pass through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string'
      ? out.push(chunk) > 0
      : write.call(process.stdout, chunk, ...rest)) as typeof process.stdout.write;
  try {
    run = { status: await runCommand([], PROJECT), stdout: out.join('') };
  } finally {
    process.stdout.write = write;
    process.chdir(HOME);
  }
});
after(() => rmSync(PROJECT, { recursive: true, force: true }));

const lineOf = (name: string): string =>
  run.stdout.split('\n').find((line) => line.includes(name)) ?? assert.fail(`no line for "${name}" in:\n${run.stdout}`);

test('console/every-result-line-has-file-and-line', () => {
  assert.equal(run.status, 1, run.stdout);
  assert.match(
    lineOf('a registered endpoint is allowed'),
    /^ok {3}a registered endpoint is allowed {2}\(features\/console\.feature:4\)$/,
  );
  assert.match(
    lineOf('a deliberately wrong expectation'),
    /^FAIL a deliberately wrong expectation {2}\(features\/console\.feature:10\)$/,
  );
  assert.match(lineOf('the intranet is open to domain users'), /\(scenarios\/console-lab\.yaml:15\)$/);
  assert.match(lineOf('a wrong reason on purpose'), /^FAIL .*\(scenarios\/console-lab\.yaml:19\)$/);
});

test('console/failed-feature-scenario-shows-step-and-message', () => {
  const lines = run.stdout.split('\n');
  const at = lines.indexOf(lineOf('a deliberately wrong expectation'));
  assert.equal(lines[at + 1], '       at Then the request is allowed (features/console.feature:13)');
  assert.match(
    lines[at + 2]!,
    /expected the request to https:\/\/intranet\.example\.com\/ to be allowed with ALLOW, but it was denied \(CERT_EMPTY; 002; no client certificate/,
  );
  assert.doesNotMatch(run.stdout, /^\s+at .*\.(ts|js):\d+/m, 'no stack frame on the console');
});

test('console/failed-check-shows-reason-code-and-rule', () => {
  const lines = run.stdout.split('\n');
  const at = lines.indexOf(lineOf('a wrong reason on purpose'));
  assert.equal(
    lines[at + 1],
    '       at Then the request is denied with CERT_REVOKED',
    'a generated step names no temporary file',
  );
  assert.match(lines[at + 2]!, /to be denied with CERT_REVOKED, but it was allowed \(ALLOW; rule intranet/);
});

test('inputs/paths-relative-to-the-working-directory', () => {
  const report = JSON.parse(readFileSync(join(PROJECT, 'reports', 'compliance.json'), 'utf8'));
  assert.deepEqual(
    report.inputs.features.map((f: { path: string }) => f.path),
    ['features/console.feature'],
  );
  assert.deepEqual(
    report.inputs.scenarioFiles.map((f: { path: string }) => f.path),
    ['scenarios/console-lab.yaml'],
  );
  assert.match(report.inputs.scenarioFiles[0].sha256, /^[0-9a-f]{64}$/);
});

const MESSAGES: readonly { name: string; message: string; shown: string }[] = [
  {
    name: 'message/assertion-without-stack',
    message: 'AssertionError: expected x\n    at Object.<anonymous> (/a/b.ts:1:2)\n    at run (node:internal)',
    shown: 'AssertionError: expected x',
  },
  { name: 'message/multi-line-kept', message: 'first\nsecond\n\n    at f (x.js:1:1)', shown: 'first\nsecond' },
  { name: 'message/no-stack', message: 'plain', shown: 'plain' },
];
for (const { name, message, shown } of MESSAGES) {
  test(name, () =>
    assert.equal(failureMessage({ status: 'FAILED' as never, message, duration: { seconds: 0, nanos: 0 } }), shown),
  );
}
