import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { badInput, HarnessError } from '../errors';
import { EXIT, reportError } from './cli-error';

function reported(error: unknown): { status: number; text: string } {
  const stderr = new PassThrough();
  const status = reportError(error, stderr);
  return { status, text: String(stderr.read() ?? '') };
}

const CASES: [string, unknown, number, RegExp][] = [
  [
    'bad-input/with-location',
    badInput('unknown endpoint "x"', { file: 'lab.yaml', line: 3, column: 7 }),
    EXIT.badInput,
    /^ztna-harness: lab\.yaml:3:7: unknown endpoint "x"\n$/,
  ],
  [
    'bad-input/control-characters-escaped',
    badInput('name "a\u001b[2Jb"'),
    EXIT.badInput,
    /^ztna-harness: name "a\\u001b\[2Jb"\n$/,
  ],
  [
    'bad-input/wrapped-by-cucumber',
    new Error('formatter errored', { cause: badInput('unknown control "XX-1"') }),
    EXIT.badInput,
    /^ztna-harness: unknown control "XX-1"\n$/,
  ],
  [
    'internal/plain-error',
    new TypeError('x is undefined'),
    EXIT.internal,
    /^ztna-harness: internal error: x is undefined\nztna-harness: this is a bug; rerun with ZTNA_HARNESS_DEBUG=1 for details\n$/,
  ],
  [
    'internal/bug-code',
    new HarnessError('BUG', 'an impossible state'),
    EXIT.internal,
    /internal error: an impossible state\n/,
  ],
  ['internal/not-an-error', 'thrown text', EXIT.internal, /internal error: thrown text\n/],
];

for (const [name, error, status, text] of CASES) {
  test(`cli-error/${name}`, () => {
    const saved = process.env.ZTNA_HARNESS_DEBUG;
    delete process.env.ZTNA_HARNESS_DEBUG;
    try {
      const got = reported(error);
      assert.equal(got.status, status);
      assert.match(got.text, text);
      assert.doesNotMatch(got.text, /\n\s+at /, 'no stack trace');
    } finally {
      if (saved !== undefined) process.env.ZTNA_HARNESS_DEBUG = saved;
    }
  });
}

test('cli-error/internal-exit-is-70', () => assert.equal(EXIT.internal, 70));
