import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { dumpLines } from './dump-lines';
import { fileLines } from './file-lines';

const dir = mkdtempSync(join(tmpdir(), 'ztna-file-lines-'));

test('file-lines/reads-as-dumpLines-at-any-chunk-boundary', () => {
  const piece = fc.constantFrom('\n', '\r\n', '\r', ' ', 'Record #1:', 'é', '  UID: 9A01', '\uFEFF', 'x');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (pieces, chunk) => {
      const text = pieces.join('');
      const file = join(dir, 'dump.txt');
      writeFileSync(file, text);
      assert.deepEqual([...fileLines(file, 1 << 20, chunk)], dumpLines(text));
    }),
    { numRuns: 300 },
  );
});

test('file-lines/refuses-what-is-no-regular-file-and-endless-lines', () => {
  assert.throws(() => [...fileLines(dir)], /it is a directory/);
  assert.throws(() => [...fileLines(join(dir, 'absent.txt'))], /ENOENT/);
  const long = join(dir, 'long.txt');
  writeFileSync(long, 'x'.repeat(5000));
  assert.throws(() => [...fileLines(long, 1000, 512)], /long\.txt:1: a line longer than 1000 bytes/);
});
