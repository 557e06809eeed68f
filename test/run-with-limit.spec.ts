import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { alive } from '../src/target/proxy-process';
import { runWithLimit } from './run-with-limit';

test('run-with-limit/hang: a command past its limit is killed with its children, and one line names it', {
  timeout: 30_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-limit-'));
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => lines.push(line);
  const started = Date.now();
  let ok: boolean;
  try {
    // The child starts a grandchild that would outlive it, as a proxy would.
    ok = await runWithLimit('cucumber-js -p hanging', 'sh', ['-c', `sleep 60 & echo $! > ${dir}/grandchild; wait`], {
      cwd: dir,
      limitS: 1,
    });
  } finally {
    console.error = original;
  }
  assert.equal(ok, false);
  assert.ok(Date.now() - started < 10_000, 'the limit is kept');
  assert.deepEqual(lines, ['ztna-harness: cucumber-js -p hanging did not finish within 1 s and was killed']);
  const grandchild = Number(readFileSync(join(dir, 'grandchild'), 'utf8'));
  for (let i = 0; i < 100 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(alive(grandchild), false, 'the grandchild was killed with the group');
});

for (const c of [
  { name: 'run-with-limit/ok', args: ['-c', 'exit 0'], expected: true },
  { name: 'run-with-limit/failure', args: ['-c', 'exit 3'], expected: false },
]) {
  test(c.name, async () => {
    assert.equal(await runWithLimit('sh', 'sh', c.args, { cwd: tmpdir(), limitS: 20 }), c.expected);
  });
}
