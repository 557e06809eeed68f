/** FortiOS versions and the releases behaviours appeared in. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import {
  compareFortiosVersions,
  formatFortiosVersion,
  hasFeature,
  parseFortiosVersion,
  requireFeature,
  VERSION_GATES,
  type VersionGateName,
} from './fortios-version';

const v = parseFortiosVersion;

const GATES: readonly [VersionGateName, string, string][] = [
  ['accept-unmanageable', '7.2.0', '7.2.1'],
  ['user-agent-detect', '7.0.12', '7.2.1'],
  ['builtin-tag-names', '7.2.3', '7.2.4'],
  ['block-page-error-codes', '7.4.0', '7.4.1'],
  ['ec-shm-list', '7.4.1', '7.4.2'],
  ['ztna-ems-tag-negate', '7.6.0', '7.6.1'],
  ['virtual-host-certificate-settings', '7.4.9', '7.6.0'],
];

for (const [gate, before, since] of GATES) {
  test(`version-gate/${gate}`, () => {
    assert.equal(hasFeature(v(before), gate), false, `${gate} is off on ${before}`);
    assert.equal(hasFeature(v(since), gate), true, `${gate} is on from ${since}`);
    assert.equal(hasFeature(v('8.0.0'), gate), true);
    assert.match(VERSION_GATES[gate].source, /^https:\/\//, 'every gate cites its page');
    const at = { file: 'fgt.conf', line: 7, column: 9 };
    assert.throws(
      () => requireFeature(v(before), gate, at),
      (e: unknown) =>
        e instanceof HarnessError &&
        e.where === 'fgt.conf:7:9' &&
        e.message.includes(`came with FortiOS ${since}; this configuration is for ${before}`),
    );
  });
}

test('version-gate/table-is-complete', () =>
  assert.deepEqual(Object.keys(VERSION_GATES).sort(), GATES.map(([g]) => g).sort()));

test('version/parse-format-compare', () => {
  assert.deepEqual(v('7.2.5'), { major: 7, minor: 2, patch: 5 });
  assert.equal(formatFortiosVersion(v('7.10.12')), '7.10.12');
  assert.ok(compareFortiosVersions(v('7.2.10'), v('7.2.9')) > 0, 'patch levels compare as numbers');
  assert.ok(compareFortiosVersions(v('7.4.0'), v('7.10.0')) < 0);
  assert.equal(compareFortiosVersions(v('7.6.1'), v('7.6.1')), 0);
  for (const bad of ['7.2', '7.2.x', 'v7.2.5', '7.2.5.1', ''])
    assert.throws(() => v(bad), /is not a FortiOS version; expected MAJOR\.MINOR\.PATCH/);
});
