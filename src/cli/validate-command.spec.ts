import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { capture } from '../../test/cli/capture';

const dir = mkdtempSync(join(tmpdir(), 'ztna-validate-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test('validate/scenario-and-target: each file is named with what it holds, exit 0', async () => {
  const { status, stdout, stderr } = await capture([
    'validate',
    'scenarios/single-site.yaml',
    'scenarios/targets/nginx.yaml',
  ]);
  assert.equal(status, 0, stderr);
  assert.match(stdout, /^scenarios\/single-site\.yaml: /m);
  assert.match(stdout, /^scenarios\/targets\/nginx\.yaml: /m);
});

const BAD: [string, () => string[], RegExp][] = [
  ['validate/no-file', () => [], /validate needs at least one file/],
  [
    'validate/unknown-action-in-before',
    () => [
      file(
        'action.yaml',
        'endpoints: [{ name: a }]\nchecks:\n  - name: c\n    endpoint: a\n    url: https://x.example.com/\n    before: [{ advance-clock: 5 }]\n    expect: allow\n',
      ),
    ],
    /action\.yaml:6:\d+: /,
  ],
  [
    'validate/unknown-endpoint-in-before',
    () => [
      file(
        'ref.yaml',
        'endpoints: [{ name: a }]\nchecks:\n  - name: c\n    endpoint: a\n    url: https://x.example.com/\n    before: [{ unregister: b }]\n    expect: allow\n',
      ),
    ],
    /ref\.yaml:6:\d+: unknown endpoint "b"; the lab declares: a/,
  ],
  [
    'validate/unknown-site-in-before',
    () => [
      file(
        'site.yaml',
        'checks:\n  - name: c\n    no-certificate: true\n    url: https://x.example.com/\n    before: [{ update-root-ca: hq }]\n    expect: deny\n',
      ),
    ],
    /site\.yaml:5:\d+: unknown site "hq"; the lab declares: default/,
  ],
];
for (const [name, argv, message] of BAD) {
  test(name, async () => {
    const { status, stderr } = await capture(['validate', ...argv()]);
    assert.equal(status, 2);
    assert.match(stderr, message);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });
}
