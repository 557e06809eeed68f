/**
 * Hostile compliance reports, gate policies and control catalogs, generated at test time: each
 * must give exit status 2 and one line naming the file (and line:col where there is one), within
 * a bounded time — never an internal error, a stack overflow or a hang.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HarnessError } from '../../src/errors';
import { DEFAULT_CATALOG_FILE, loadCatalog, renderJson } from '../../src/compliance';
import { passingModel } from '../fixtures/report/sample-model';
import { capture } from '../cli/capture';

const dir = mkdtempSync(join(tmpdir(), 'ztna-hostile-reports-'));
const MiB = 1024 * 1024;
const REPORT = renderJson(passingModel());
const VALID_POLICY = 'maxFailures: 0\n';
const billionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n${'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`).join('\n')}\n`;
/** The report with its first scenario's evidence nested `levels` deep. */
const deepEvidence = (levels: number): string => REPORT.replace('"evidence": [', `"evidence": [${'['.repeat(levels)}${']'.repeat(levels)},`);

type Contents = string | { sparse: number } | 'fifo' | 'directory';
/** name → [what the file is, expected message after "FILE" ("FILE:LINE:COL: …" or "FILE: …")]. */
const REPORT_CASES: [string, Contents, RegExp][] = [
  ['duplicate-status.json', REPORT.replace('"status": "passed"', '"status": "failed", "status": "passed"'), /^:\d+:\d+: the compliance report file gives the key "status" twice in one object; a key may appear once$/],
  ['duplicate-escaped-key.json', REPORT.replace('"modelVersion"', '"modelVersion": 1, "model\\u0056ersion"'), /^:2:\d+: the compliance report file gives the key "modelVersion" twice/],
  ['evidence-5000-deep.json', deepEvidence(5000), /^:\d+:\d+: the compliance report file nests objects and arrays more than 64 levels deep$/],
  ['evidence-100000-deep.json', deepEvidence(100_000), /^:\d+:\d+: the compliance report file nests objects and arrays more than 64 levels deep$/],
  ['proto-key.json', REPORT.replace('"modelVersion": 1,', '"modelVersion": 1,\n  "__proto__": { "polluted": true },'), /^:3:3: unknown key "__proto__" in the compliance report; expected one of: modelVersion/],
  ['sparse-65-mib.json', { sparse: 65 * MiB }, /^: the compliance report file is 68157440 bytes; at most 67108864 are read$/],
  ['a-fifo.json', 'fifo', /^: cannot read the compliance report file: it is not a regular file$/],
  ['a-directory.json', 'directory', /^: cannot read the compliance report file: it is a directory$/],
];

const POLICY_CASES: [string, Contents, RegExp][] = [
  ['billion-laughs.yaml', billionLaughs, /^:1:1: the gate policy file cannot be read: Excessive alias count/],
  ['duplicate-key.yaml', 'maxFailures: 0\nmaxFailures: 9\n', /^:2:1: invalid YAML in the gate policy file: Map keys must be unique$/],
  ['proto-key.yaml', '__proto__:\n  maxFailures: 9\n', /^:1:1: unknown key "__proto__" in the gate policy; expected one of: requiredControls/],
  ['nested-10000-deep.yaml', `requiredControls: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, /^:\d+:\d+: the gate policy file nests lists and maps more than 64 levels deep$/],
  ['escape-character.yaml', 'waivers:\n  - control: IA-3\n    justification: fine\x1b[2K\n', /^:3:24: the gate policy file contains the control character U\+001B/],
  ['sparse-200-mib.yaml', { sparse: 200 * MiB }, /^: the gate policy file is 209715200 bytes; at most 2097152 are read$/],
  ['a-fifo.yaml', 'fifo', /^: cannot read the gate policy file: it is not a regular file$/],
];

function make(name: string, contents: Contents): string {
  const file = join(dir, name);
  if (contents === 'fifo') assert.equal(spawnSync('mkfifo', [file]).status, 0, 'mkfifo');
  else if (contents === 'directory') spawnSync('mkdir', [file]);
  else if (typeof contents === 'string') writeFileSync(file, contents);
  else {
    writeFileSync(file, '');
    truncateSync(file, contents.sparse);
  }
  return file;
}

/** Runs the CLI; asserts exit 2, one line on stderr starting with the file, matching `message`, within 10 s. */
async function refuses(argv: string[], file: string, message: RegExp): Promise<void> {
  const started = performance.now();
  const { status, stderr } = await capture(argv);
  assert.equal(status, 2, stderr);
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${stderr.slice(0, 2000)}`);
  assert.ok(lines[0]!.startsWith(`ztna-harness: ${file}`), lines[0]);
  assert.match(lines[0]!.slice(`ztna-harness: ${file}`.length), message);
  assert.ok(performance.now() - started < 10_000, 'bounded time');
}

describe('hostile reports, gate policies and catalogs', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));
  const good = join(dir, 'good.json');
  writeFileSync(good, REPORT);
  const policy = join(dir, 'good-gate.yaml');
  writeFileSync(policy, VALID_POLICY);

  for (const [name, contents, message] of REPORT_CASES) {
    test(`report/gate/${name}`, { timeout: 30_000 }, async () => {
      const file = make(name, contents);
      await refuses(['gate', file, '--policy', policy], file, message);
    });
  }
  for (const name of ['duplicate-status.json', 'evidence-5000-deep.json', 'a-fifo.json']) {
    test(`report/merge/${name}`, { timeout: 30_000 }, async () => {
      const file = join(dir, name);
      await refuses(['report', 'merge', good, file, '--out', join(dir, 'merged')], file, REPORT_CASES.find(([n]) => n === name)![2]);
    });
  }
  // The digest covers the file's bytes: a byte that decodes to U+FFFD no longer hides behind a
  // digest computed over the decoded text (and a report must be UTF-8 in the first place).
  test('report/gate/digest-over-decoded-text', { timeout: 10_000 }, async () => {
    const file = join(dir, 'digested', 'compliance.json');
    spawnSync('mkdir', [join(dir, 'digested')]);
    const bytes = Buffer.concat([Buffer.from(REPORT.slice(0, REPORT.indexOf('"ztna-harness"') + 5)), Buffer.from([0xff]), Buffer.from(REPORT.slice(REPORT.indexOf('"ztna-harness"') + 6))]);
    writeFileSync(file, bytes);
    writeFileSync(`${file}.sha256`, `${createHash('sha256').update(bytes.toString('utf8')).digest('hex')}  compliance.json\n`);
    await refuses(['gate', file, '--policy', policy], file, /^:\d+:\d+: the compliance report file is not valid UTF-8 \(bad byte 0xff\)$/);
  });

  test('report/gate//dev/zero', { timeout: 10_000 }, async () => {
    await refuses(['gate', '/dev/zero'], '/dev/zero', /^: cannot read the compliance report file: it is not a regular file$/);
  });

  for (const [name, contents, message] of POLICY_CASES) {
    test(`policy/${name}`, { timeout: 30_000 }, async () => {
      const file = make(`policy-${name}`, contents);
      await refuses(['gate', good, '--policy', file], file, message);
    });
  }
  test('policy//dev/zero', { timeout: 10_000 }, async () => {
    await refuses(['gate', good, '--policy', '/dev/zero'], '/dev/zero', /^: cannot read the gate policy file: it is not a regular file$/);
  });

  for (const [name, contents, message] of [
    ['billion-laughs.yaml', billionLaughs, /^the control catalog file cannot be read: Excessive alias count/],
    ['duplicate-key.yaml', 'controls: []\ncontrols: []\n', /^invalid YAML in the control catalog file: Map keys must be unique$/],
    ['proto-key.yaml', `${readFileSync(DEFAULT_CATALOG_FILE, 'utf8')}\n__proto__: { controls: [] }\n`, /^unknown key "__proto__" in the control catalog/],
    ['nested-10000-deep.yaml', `controls: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, /^the control catalog file nests lists and maps more than 64 levels deep$/],
    ['sparse-3-mib.yaml', { sparse: 3 * MiB }, /^the control catalog file is 3145728 bytes; at most 2097152 are read$/],
    ['a-fifo.yaml', 'fifo', /^cannot read the control catalog file: it is not a regular file$/],
  ] as const satisfies readonly (readonly [string, Contents, RegExp])[]) {
    test(`catalog/${name}`, { timeout: 10_000 }, () => {
      const file = make(`catalog-${name}`, contents);
      assert.throws(() => loadCatalog(file), (error: unknown) => error instanceof HarnessError && error.code === 'BAD_INPUT' && message.test(error.message) && error.where!.startsWith(file));
    });
  }
});
