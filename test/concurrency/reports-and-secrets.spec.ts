/**
 * Two whole-suite runs writing one reports folder at once leave a consistent report (every file
 * whole, the digest matching the JSON), and nothing either run wrote — report files or console
 * output — holds private-key material.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadReport } from '../../src/compliance';
import { defaultKeyCacheDir } from '../../src/pki';

const root = join(__dirname, '..', '..');

function suite(reportsDir: string): Promise<{ status: number | null; output: string }> {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'cucumber-js'),
    ['-p', 'default', '--format-options', JSON.stringify({ ztna: { reportsDir } })],
    { cwd: root },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

/** Base64 lines of cached private keys: if any of them shows up anywhere, a key leaked. */
function keyFingerprints(): string[] {
  const dir = defaultKeyCacheDir();
  if (!dir) return [];
  const folder = join(dir, 'rsa-2048');
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.pem'))
    .slice(0, 40);
  for (const f of files) assert.equal(statSync(join(folder, f)).mode & 0o777, 0o600, `${f} is not 0600`);
  return files.map((f) => readFileSync(join(folder, f), 'utf8').split('\n')[5]!).filter((line) => line.length >= 60);
}

const KEY_MARKERS = /PRIVATE KEY|"d"\s*:\s*"|BEGIN RSA|BEGIN EC/;

test('two runs into one reports folder: a whole, consistent report, and no key material anywhere', {
  timeout: 240_000,
}, async () => {
  const reportsDir = mkdtempSync(join(tmpdir(), 'ztna-race-'));
  const [a, b] = await Promise.all([suite(reportsDir), suite(reportsDir)]);
  assert.equal(a.status, 0, a.output.slice(-2000));
  assert.equal(b.status, 0, b.output.slice(-2000));
  const report = loadReport(join(reportsDir, 'compliance.json')); // schema and the digest beside it
  assert.ok(report.scenarios.length > 80);
  const leftovers = readdirSync(reportsDir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'));
  assert.deepEqual(leftovers, []);

  const keys = keyFingerprints();
  assert.ok(keys.length > 0, 'the key cache has keys to look for');
  const outputs = [
    a.output,
    b.output,
    ...readdirSync(reportsDir)
      .filter((f) => statSync(join(reportsDir, f)).isFile())
      .map((f) => readFileSync(join(reportsDir, f), 'utf8')),
  ];
  for (const text of outputs) {
    assert.doesNotMatch(text, KEY_MARKERS);
    for (const line of keys) assert.ok(!text.includes(line), 'a cached private key appears in the output');
  }
});
