import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import { checkJsonShape } from './json-shape';
import { MAX_NESTING } from './limits';

const CASES: [string, string, RegExp | null, string?][] = [
  ['ok/plain', '{"a": 1, "b": [1, {"a": 2}], "c": {"a": {"a": 3}}}', null],
  ['ok/same-key-in-sibling-objects', '[{"status": "passed"}, {"status": "failed"}]', null],
  ['ok/braces-and-quotes-inside-strings', '{"a": "{\\"a\\": [", "b": "}]"}', null],
  ['ok/at-the-depth-limit', `${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}`, null],
  [
    'refuse/duplicate-key',
    '{\n  "status": "failed",\n  "status": "passed"\n}',
    /gives the key "status" twice/,
    'r.json:3:3',
  ],
  [
    'refuse/duplicate-key-written-with-an-escape',
    '{"status": 1, "st\\u0061tus": 2}',
    /gives the key "status" twice/,
    'r.json:1:15',
  ],
  ['refuse/duplicate-nested', '{"a": {"x": 1, "y": {"z": 1}, "x": 2}}', /gives the key "x" twice/],
  [
    'refuse/one-level-too-deep',
    `${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}`,
    /nests objects and arrays more than 64 levels deep/,
    `r.json:1:${MAX_NESTING + 1}`,
  ],
];

for (const [name, text, refused, where] of CASES) {
  test(`json-shape/${name}`, () => {
    JSON.parse(text); // every case is JSON that JSON.parse accepts
    if (!refused) return checkJsonShape(text, 'r.json', 'report');
    assert.throws(
      () => checkJsonShape(text, 'r.json', 'report'),
      (error: unknown) =>
        error instanceof HarnessError && refused.test(error.message) && (where === undefined || error.where === where),
    );
  });
}
