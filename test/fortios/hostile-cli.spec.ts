/**
 * The hostile FortiOS configurations of test/bad-input/fortios and the address-group loop, given
 * to `import fortios` and `validate`: each exits 2 with one message starting file:line:col (or
 * the file), no stack, and no lab written.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { reportError } from '../../src/cli/cli-error';
import { importCommand } from '../../src/cli/import-command';
import { validateCommand } from '../../src/cli/validate-command';

const HOSTILE = join(__dirname, '..', 'bad-input', 'fortios');
const LOOP = join(__dirname, '..', 'fixtures', 'fortios', 'addrgrp-loop.conf');
const work = mkdtempSync(join(tmpdir(), 'ztna-hostile-import-'));
after(() => rmSync(work, { recursive: true, force: true }));

async function status(command: typeof importCommand, argv: string[]): Promise<{ status: number; stderr: string }> {
  const err: string[] = [];
  const stderr = { write: (text: string) => err.push(text) > 0 } as unknown as NodeJS.WritableStream;
  const io = { stdout: { write: () => true } };
  try {
    return { status: await command(argv, io), stderr: '' };
  } catch (error) {
    return { status: reportError(error, stderr), stderr: err.join('') };
  }
}

const files = [
  ...readdirSync(HOSTILE)
    .filter((f) => f.endsWith('.conf'))
    .map((f) => join(HOSTILE, f)),
  LOOP,
];

for (const file of files) {
  const name = file.split('/').pop()!;
  test(`hostile/import-${name}`, async () => {
    const out = join(work, `${name}.yaml`);
    const result = await status(importCommand, ['fortios', file, '--out', out]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`^ztna-harness: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+)?: `),
    );
    assert.equal(result.stderr.trim().split('\n').length, 1, 'one line, no stack');
    assert.equal(existsSync(out), false);
  });
}

test('hostile/validate-exit-2', async () => {
  // validate reports each file and goes on; its errors go to the process's stderr.
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((text: string) => written.push(String(text)) > 0) as typeof process.stderr.write;
  try {
    assert.equal(
      await validateCommand([LOOP, join(HOSTILE, 'unbalanced-end.conf')], { stdout: { write: () => true } }),
      2,
    );
  } finally {
    process.stderr.write = write;
  }
  assert.match(written.join(''), /addrgrp-loop\.conf:\d+:\d+: /);
  assert.match(written.join(''), /unbalanced-end\.conf:6:1: unbalanced end/);
});

test('import/multi-vdom-without-vdom-names-the-vdoms', async () => {
  const file = join(__dirname, '..', '..', 'scenarios', 'fortios', 'multi-vdom-backup.conf');
  const result = await status(importCommand, ['fortios', file, '--out', join(work, 'mv.yaml')]);
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /\(VDOM root\) configures no ZTNA server .*; its VDOMs are root, ztna: choose one with --vdom/,
  );
  const chosen = await status(importCommand, ['fortios', file, '--vdom', 'ztna', '--out', join(work, 'mv.yaml')]);
  assert.equal(chosen.status, 0, chosen.stderr);
  assert.ok(existsSync(join(work, 'mv.yaml')));
});

test('import/out-in-a-missing-folder-exit-2', async () => {
  const file = join(__dirname, '..', '..', 'scenarios', 'fortios', 'https-access-proxy.conf');
  const result = await status(importCommand, ['fortios', file, '--out', join(work, 'missing', 'lab.yaml')]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /cannot write .*missing\/lab\.yaml: its folder does not exist/);
});
