import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HarnessError } from '../errors';
import { readRegularFile, readTextFile } from './regular-file';

const dir = mkdtempSync(join(tmpdir(), 'ztna-regular-file-'));
const KIND = { what: 'test', maxBytes: 1024 };
const refused = (message: RegExp, where?: string) => (error: unknown) =>
  error instanceof HarnessError &&
  error.code === 'BAD_INPUT' &&
  message.test(error.message) &&
  (where === undefined || error.where === where);

describe('the bounded regular-file reader', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('read/a-regular-file-within-the-bound', () => {
    const file = join(dir, 'ok');
    writeFileSync(file, 'x'.repeat(1024));
    assert.equal(readRegularFile(file, KIND).length, 1024);
  });

  const CASES: [string, (file: string) => string, RegExp][] = [
    [
      'refuse/over-the-bound',
      (file) => {
        writeFileSync(file, 'x'.repeat(1025));
        return file;
      },
      /^the test file is 1025 bytes; at most 1024 are read$/,
    ],
    [
      'refuse/sparse-huge',
      (file) => {
        writeFileSync(file, '');
        truncateSync(file, 2 ** 40);
        return file;
      },
      /^the test file is 1099511627776 bytes; at most 1024 are read$/,
    ],
    [
      'refuse/fifo-without-blocking',
      (file) => {
        spawnSync('mkfifo', [file]);
        return file;
      },
      /^cannot read the test file: it is not a regular file$/,
    ],
    ['refuse/dev-zero', () => '/dev/zero', /^cannot read the test file: it is not a regular file$/],
    ['refuse/directory', () => dir, /^cannot read the test file: it is a directory$/],
    ['refuse/missing', (file) => file, /^cannot read the test file: ENOENT$/],
  ];
  for (const [name, make, message] of CASES) {
    test(name, { timeout: 5_000 }, () => {
      const file = make(join(dir, name.replace(/\//g, '-')));
      assert.throws(() => readRegularFile(file, KIND), refused(message));
    });
  }

  test('refuse/named-in-another-file-points-there', () => {
    const at = { file: 'target.yaml', line: 4, column: 12 };
    assert.throws(
      () => readRegularFile(join(dir, 'nope.pem'), KIND, at, 'nope.pem'),
      refused(/^cannot read the test file nope\.pem: ENOENT$/, 'target.yaml:4:12'),
    );
  });

  test('text/bad-utf8-named-at-its-line-and-column', () => {
    const file = join(dir, 'latin1');
    writeFileSync(file, Buffer.from('ok\nna\xefve\n', 'latin1'));
    assert.throws(
      () => readTextFile(file, KIND),
      refused(/^the test file is not valid UTF-8 \(bad byte 0xef\)$/, `${file}:2:3`),
    );
  });
});
