/**
 * Hostile scenario files too big or too odd to commit, generated at test time: each must give
 * exit status 2 and one line naming the file, within a bounded time, and `run` must not leave a
 * report behind. (The committed corpus is in test/bad-input/scenarios.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HarnessError } from '../../src/errors';
import { loadScenario } from '../../src/lab';
import { capture } from './capture';

const dir = mkdtempSync(join(tmpdir(), 'ztna-hostile-'));
const MiB = 1024 * 1024;

/** name → [file contents or a directory, expected message (after "FILE:LINE:COL: " or "FILE: "), time bound in ms]. */
const CASES: [string, string | Buffer | 'directory' | 'missing', RegExp, number][] = [
  [
    'ten-megabytes.yaml',
    `name: big\ndescription: |\n${'  lorem ipsum dolor sit amet, consectetur adipiscing elit\n'.repeat((10 * MiB) / 58)}`,
    /: the scenario file is 1048\d{4} bytes; at most 2097152 are read$/,
    2_000,
  ],
  [
    'just-over-two-mib.yaml',
    `name: x\ndescription: "${'x'.repeat(2 * MiB)}"\n`,
    /: the scenario file is 2097\d{3} bytes; at most 2097152 are read$/,
    2_000,
  ],
  [
    'nested-100000-deep.yaml',
    `name: deep\ndescription: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    /:\d+:\d+: the scenario file nests lists and maps more than 64 levels deep$/,
    20_000,
  ],
  [
    'nested-maps-65-deep.yaml',
    `name: deep\nems:\n${Array.from({ length: 65 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:\n`).join('')}${'  '.repeat(66)}x: 1\n`,
    /:\d+:\d+: the scenario file nests lists and maps more than 64 levels deep$/,
    2_000,
  ],
  [
    'billion-laughs.yaml',
    `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n${'bcdefghi'
      .split('')
      .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)
      .join('\n')}\n`,
    /:1:1: the scenario file cannot be read: Excessive alias count/,
    5_000,
  ],
  [
    'five-hundred-and-one-endpoints.yaml',
    `name: too many\nendpoints:\n${Array.from({ length: 501 }, (_, i) => `  - name: e${i}\n`).join('')}`,
    /:3:3: endpoints must NOT have more than 500 items$/,
    5_000,
  ],
  [
    'long-line.yaml',
    `name: ${'y'.repeat(1_900_000)}\nendpoint: []\n`,
    /:2:1: unknown key "endpoint" in the scenario/,
    5_000,
  ],
  [
    'random-bytes.yaml',
    Buffer.concat([Buffer.from('name: x\n'), randomBytes(64 * 1024).map((b) => b | 0x80)]),
    /:2:\d+: the scenario file is not valid UTF-8/,
    5_000,
  ],
  [
    'escape-in-a-key.yaml',
    'name: x\n"evil\\e[2K\\rvalid": 1\n',
    /:2:1: unknown key "evil\\u001b\[2K\\rvalid" in the scenario; expected one of: /,
    2_000,
  ],
  ['a-directory.yaml', 'directory', /: cannot read the scenario file: it is a directory$/, 1_000],
  ['missing.yaml', 'missing', /: cannot read the scenario file: ENOENT$/, 1_000],
];

describe('hostile scenario files generated at test time', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, contents, message, bound] of CASES) {
    test(`hostile/${name}`, { timeout: bound * 3 }, async () => {
      const file = join(dir, name);
      if (contents === 'directory') mkdirSync(file);
      else if (contents !== 'missing') writeFileSync(file, contents);
      const started = performance.now();
      const { status, stderr } = await capture(['validate', file]);
      const elapsed = performance.now() - started;
      assert.equal(status, 2, stderr);
      const lines = stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line, got:\n${stderr.slice(0, 2000)}`);
      assert.ok(lines[0]!.startsWith(`ztna-harness: ${file}`), lines[0]);
      assert.match(lines[0]!.slice(`ztna-harness: ${file}`.length), message);
      assert.ok(elapsed < bound, `took ${elapsed.toFixed(0)} ms (bound ${bound} ms)`);
    });
  }

  // Reading these never ends (or blocks until a writer comes): the loader must refuse them unread.
  // Through the loader and through `validate`, which peeks at a file to tell targets from labs.
  for (const [name, make] of [
    ['fifo', (file: string) => assert.equal(spawnSync('mkfifo', [file]).status, 0, 'mkfifo')],
    ['/dev/zero', undefined],
  ] as const) {
    test(`hostile/${name}`, { timeout: 5_000, skip: process.platform === 'win32' }, async () => {
      const file = make ? join(dir, 'a-fifo.yaml') : name;
      make?.(file);
      assert.throws(
        () => loadScenario(file),
        (error: unknown) =>
          error instanceof HarnessError &&
          error.code === 'BAD_INPUT' &&
          /^cannot read the scenario file: it is not a regular file$/.test(error.message),
      );
      const { status, stderr } = await capture(['validate', file]);
      assert.equal(status, 2);
      assert.equal(stderr, `ztna-harness: ${file}: cannot read the scenario file: it is not a regular file\n`);
    });
  }

  // A target naming a FIFO as its server-ca (or a PKCS#12 identity): refused unread, not a hang.
  for (const key of ['server-ca', 'pkcs12'] as const) {
    test(`hostile/target-${key}-fifo`, { timeout: 5_000, skip: process.platform === 'win32' }, async () => {
      const fifo = join(dir, `${key}.fifo`);
      assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
      const file = join(dir, `target-${key}-fifo.yaml`);
      const named =
        key === 'server-ca'
          ? `server-ca: ${key}.fifo\n`
          : `static:\n  - endpoint: laptop-1\n    pkcs12: ${key}.fifo\n    passphrase-env: HOME\n    state: registered\n`;
      writeFileSync(file, `name: fifo\nurl: https://127.0.0.1:8443/\nidentities: static\n${named}`);
      const { status, stderr } = await capture(['validate', file]);
      assert.equal(status, 2, stderr);
      const where = key === 'server-ca' ? '4:12' : '6:13';
      assert.equal(
        stderr,
        `ztna-harness: ${file}:${where}: cannot read the ${key} file ${key}.fifo: it is not a regular file\n`,
      );
    });
  }

  test('run refuses a hostile scenario before running anything and writes no report', async () => {
    const reports = join(dir, 'reports');
    const file = join(dir, 'run-deep.yaml');
    writeFileSync(file, `name: deep\ndescription: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    const { status, stdout, stderr } = await capture(['run', file, '--reports', reports]);
    assert.equal(status, 2, stderr);
    assert.equal(stdout, '');
    assert.match(stderr, /nests lists and maps more than 64 levels deep/);
    assert.ok(
      !existsSync(reports) || readdirSync(reports).length === 0,
      `no report file: ${existsSync(reports) ? readdirSync(reports).join(', ') : ''}`,
    );
  });
});
