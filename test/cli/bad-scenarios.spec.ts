import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { capture } from './capture';

const CORPUS = ['scenarios', 'targets'].map((d) => join(__dirname, '..', 'bad-input', d));
const DIR = CORPUS[0]!;
const ROOT = join(__dirname, '..', '..');

describe('broken scenario and target files', () => {
  const files = CORPUS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => join(dir, f)),
  );

  test('the corpus has at least 20 files', () => assert.ok(files.length >= 20, String(files.length)));

  for (const file of files) {
    // Each file's first line says what the message must be: "# expect LINE:COL text".
    const [, where, message] = /^# expect (\d+:\d+) (.+)$/.exec(readFileSync(file, 'latin1').split('\n')[0]!)!;
    test(`bad-input/${file.split('/bad-input/')[1]}`, async () => {
      const { status, stderr } = await capture(['validate', file]);
      assert.equal(status, 2);
      const lines = stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line, got:\n${stderr}`);
      assert.ok(lines[0]!.startsWith(`ztna-harness: ${file}:${where}: ${message}`), lines[0]);
    });
  }

  test('run refuses a broken scenario before running anything: exit 2, one line, no stack trace', () => {
    const r = spawnSync(
      process.execPath,
      ['bin/ztna-harness.js', 'run', 'features/revocation.feature', join(DIR, 'unknown-check-endpoint.yaml')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '', 'nothing ran');
    assert.match(r.stderr, /unknown-check-endpoint\.yaml:8:15: unknown endpoint "laptop-9"/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
});
