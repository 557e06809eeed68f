import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import { KINDS } from './limits';
import { loadJsonFile, loadYamlFile, parseLocatedJson, parseLocatedYaml } from './located-document';

const dir = mkdtempSync(join(tmpdir(), 'ztna-loader-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// One schema whose descriptions are message phrases (as the gate policy's) and one whose
// descriptions are documentation (as the scenario's): the same validator reads both.
const PHRASED = file(
  'phrased.schema.json',
  JSON.stringify({
    $id: 'https://ztna-harness.dev/test/phrased.json',
    type: 'object',
    additionalProperties: false,
    required: ['count'],
    properties: {
      count: { type: 'integer', minimum: 0, description: 'a whole number >= 0' },
      items: { type: 'array', items: { type: 'string' } },
    },
  }),
);
const PROSE = file(
  'prose.schema.json',
  JSON.stringify({
    $id: 'https://ztna-harness.dev/test/prose.json',
    type: 'object',
    additionalProperties: false,
    properties: { seconds: { type: 'integer', maximum: 10, description: 'Seconds (the default is 5).' } },
  }),
);
const KIND = { what: 'test policy', maxBytes: 4096 };

const fails = (run: () => unknown, where: string, message: RegExp): void =>
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof HarnessError, String(error));
    const at = error.options.location;
    assert.equal([at?.line, at?.column].filter((n) => n !== undefined).join(':'), where, error.message);
    assert.match(error.message, message);
    return true;
  });

for (const [name, text, schema, where, message] of [
  ['schema/phrased-description', 'count: -1\n', PHRASED, '1:8', /^count must be a whole number >= 0$/],
  ['schema/prose-description-not-a-phrase', 'seconds: 11\n', PROSE, '1:10', /^seconds must be <= 10$/],
  [
    'schema/unknown-key-at-the-key',
    'count: 1\ncuont: 2\n',
    PHRASED,
    '2:1',
    /^unknown key "cuont" in the test policy; expected one of: count, items$/,
  ],
  ['schema/missing-key', 'items: []\n', PHRASED, '1:1', /^the test policy is missing the required key "count"$/],
  ['schema/nested-path', 'count: 1\nitems:\n  - a\n  - 7\n', PHRASED, '4:5', /^items\.1 must be string$/],
  ['schema/not-a-map', '- 1\n', PHRASED, '1:1', /^the test policy file must be a map of keys, not a list$/],
  ['yaml/duplicate-key', 'count: 1\ncount: 2\n', PHRASED, '2:1', /Map keys must be unique/],
] as const) {
  test(`loader/yaml/${name}`, () =>
    fails(() => loadYamlFile(file(`${name.replace('/', '-')}.yaml`, text), KIND, schema), where, message));
}

for (const [name, text, where, message] of [
  ['duplicate-key', '{\n  "count": 1,\n  "count": 2\n}', '3:3', /gives the key "count" twice/],
  ['proto-key', '{\n  "count": 1,\n  "__proto__": {}\n}', '3:3', /^unknown key "__proto__" in the test policy/],
  ['type-in-json', '{\n  "count": "many"\n}', '2:12', /^count must be a whole number >= 0$/],
  ['not-json', '{\n  "count": 1,\n  oops\n}', '3:3', /^not valid JSON/],
] as const) {
  test(`loader/json/${name}`, () =>
    fails(() => loadJsonFile(file(`${name}.json`, text), KIND, PHRASED), where, message));
}

test('loader/json/bytes-come-along', () => {
  const doc = loadJsonFile<{ count: number }>(file('ok.json', '{"count": 3}'), KIND, PHRASED);
  assert.equal(doc.value.count, 3);
  assert.equal(doc.bytes.toString('utf8'), '{"count": 3}');
});

test('loader/size-bound-per-kind', () => {
  fails(
    () => loadYamlFile(file('big.yaml', `count: 1\n#${'x'.repeat(5000)}\n`), KIND, PHRASED),
    '',
    /^the test policy file is \d+ bytes; at most 4096 are read$/,
  );
  assert.ok(KINDS.report.maxBytes > KINDS.gatePolicy.maxBytes, 'a report may be larger than a policy');
});

test('loader/locate/nearest-ancestor-of-an-absent-path', () => {
  const yaml = parseLocatedYaml('a:\n  b: 1\n', 'x.yaml');
  assert.deepEqual(yaml.locate(['a', 'c', 'd']), { file: 'x.yaml', line: 2, column: 3 });
  const json = parseLocatedJson('{\n  "a": {\n    "b": 1\n  }\n}', 'x.json');
  assert.deepEqual(json.locate(['a', 'b']), { file: 'x.json', line: 3, column: 10 });
});
