/**
 * Hostile FortiOS configurations: the committed files beside this spec, and large or binary ones
 * generated at test time. Each must give one bad-input error naming the file (and line:col where
 * a place is at fault), within its test's timeout and without exhausting the stack.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import { HarnessError } from '../../../src/errors';
import { MAX_FORTIOS_CONFIG_BYTES, readFortiosConfig } from '../../../src/fortios';

const HERE = __dirname;
const GENERATED = mkdtempSync(join(tmpdir(), 'ztna-fortios-hostile-'));
after(() => rmSync(GENERATED, { recursive: true, force: true }));

/** What a file must give: where (`file:line:col`, or just the file) and what the message says. */
interface Expected {
  readonly at: string;
  readonly message: RegExp;
}

const COMMITTED: Record<string, Expected> = {
  'unbalanced-end.conf': { at: ':6:1', message: /^unbalanced end: no config block is open here$/ },
  'crlf-unbalanced-end.conf': { at: ':4:1', message: /^unbalanced end/ },
  'edit-outside-config.conf': { at: ':7:5', message: /^edit outside config: an edit belongs inside a config block$/ },
  'next-outside-edit.conf': { at: ':3:5', message: /^next outside edit: config system global \(line 1\) has no open edit to close$/ },
  'missing-end.conf': { at: ':7:5', message: /^next outside edit: config api-gateway \(line 3\) has no open edit to close$/ },
  'never-closed.conf': { at: ':1:1', message: /^config firewall vip is never closed: the file ends with 1 end missing$/ },
  'unterminated-quote.conf': { at: ':3:22', message: /^unterminated quote: the double quote opened here is never closed$/ },
  'non-utf8.conf': { at: ':3:26', message: /^the FortiOS configuration file is not valid UTF-8 \(bad byte 0xe9\)$/ },
  'cr-only-line-breaks.conf': { at: ':1:21', message: /CR alone/ },
};

/** Files too large or too binary to commit, written when the test runs. */
const GENERATED_CASES: readonly { name: string; write: (file: string) => void; expected: Expected }[] = [
  {
    name: 'nesting-100k-deep.conf',
    write: (file) => writeFileSync(file, `${'config firewall vip\n'.repeat(100_000)}${'end\n'.repeat(100_000)}`),
    expected: { at: ':33:1', message: /^config blocks nest more than 32 levels deep here/ },
  },
  {
    name: 'fifty-megabytes.conf',
    write: (file) => {
      const block = Buffer.from('config firewall address\n    edit "a"\n        set subnet 10.0.0.1 255.255.255.255\n    next\nend\n'.repeat(10_000));
      const fd = openSync(file, 'w');
      for (let written = 0; written < 50 * 1024 * 1024; written += block.length) writeSync(fd, block);
      closeSync(fd);
    },
    expected: { at: '', message: new RegExp(`^the FortiOS configuration file is \\d+ bytes; at most ${MAX_FORTIOS_CONFIG_BYTES} are read$`) },
  },
  {
    name: 'one-long-line-bad-byte-at-end.conf',
    write: (file) => writeFileSync(file, Buffer.concat([Buffer.from('config system global\n    set comments "'), Buffer.alloc(20 * 1024 * 1024, 'a'), Buffer.from([0xff, 0x22, 0x0a])])),
    expected: { at: `:2:${20 * 1024 * 1024 + 19}`, message: /not valid UTF-8 \(bad byte 0xff\)/ },
  },
  {
    name: 'gzipped-backup.conf',
    write: (file) => writeFileSync(file, gzipSync('config system global\nend\n')),
    expected: { at: ':1:2', message: /^the FortiOS configuration file is not valid UTF-8 \(bad byte 0x8b\)$/ },
  },
  {
    name: 'nul-bytes.conf',
    write: (file) => writeFileSync(file, Buffer.alloc(4096)),
    expected: { at: ':1:1', message: /U\+0000 \(a binary file\?\)/ },
  },
  {
    name: 'random-bytes.conf',
    write: (file) => writeFileSync(file, randomBytes(256 * 1024)),
    expected: { at: ':\\d+:\\d+', message: /not valid UTF-8|control character/ },
  },
  {
    name: 'a-directory.conf',
    write: (file) => mkdirSync(file),
    expected: { at: '', message: /^cannot read the FortiOS configuration file: it is a directory$/ },
  },
];

function expectRefused(file: string, { at, message }: Expected): void {
  assert.throws(() => readFortiosConfig(file), (error: unknown) => {
    assert.ok(error instanceof HarnessError, `expected a HarnessError, got ${String(error)}`);
    assert.equal(error.code, 'BAD_INPUT');
    assert.match(error.where ?? '', new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${at}$`), error.message);
    assert.match(error.message, message);
    return true;
  });
}

describe('hostile FortiOS configurations', () => {
  test('fortios/every-committed-file-has-an-expectation', () => {
    assert.deepEqual(readdirSync(HERE).filter((f) => f.endsWith('.conf')).sort(), Object.keys(COMMITTED).sort());
  });
  for (const [name, expected] of Object.entries(COMMITTED)) {
    test(`fortios/${name}`, { timeout: 5_000 }, () => expectRefused(join(HERE, name), expected));
  }
  for (const { name, write, expected } of GENERATED_CASES) {
    test(`fortios/generated/${name}`, { timeout: 20_000 }, () => {
      const file = join(GENERATED, name);
      write(file);
      expectRefused(file, expected);
    });
  }
});
