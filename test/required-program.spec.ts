import assert from 'node:assert/strict';
import { test } from 'node:test';
import { programRuns, skipUnlessInstalled } from './required-program';

test('required-program/present: no skip', () => {
  assert.equal(skipUnlessInstalled(true, 'openssl', 'apt-get install openssl', {}), false);
});

test('required-program/missing-locally: a loud skip with the install hint', () => {
  assert.match(
    String(skipUnlessInstalled(false, 'xmllint', 'apt-get install libxml2-utils', {})),
    /xmllint is not installed \(apt-get install libxml2-utils\)/,
  );
});

test('required-program/missing-under-ci: fails instead of skipping', () => {
  assert.throws(
    () => skipUnlessInstalled(false, 'haproxy', 'apt-get install haproxy', { CI: 'true' }),
    /haproxy is not installed.*CI must run/,
  );
});

test('required-program/detection: a program that does not exist does not run', () => {
  assert.equal(programRuns('ztna-harness-no-such-program'), false);
  assert.equal(programRuns(process.execPath, ['--version']), true);
});
