import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeExposure, exposureWindow, type ObservedRequest } from './exposure-window';

const T = Date.UTC(2026, 0, 1);
const probe = (seconds: number, verdict: 'allow' | 'deny', serial = 'AA'): ObservedRequest => ({
  at: T + seconds * 1000,
  serial,
  verdict,
});

test('window/first-denial-after-revocation', () => {
  const window = exposureWindow('AA', T, [
    probe(-5, 'allow'),
    probe(0, 'allow'),
    probe(29, 'allow'),
    probe(30, 'deny', 'BB'),
    probe(30, 'deny'),
    probe(60, 'deny'),
  ]);
  assert.deepEqual(window, {
    serial: 'AA',
    revokedAt: T,
    probes: 4,
    lastAllowedAt: T + 29_000,
    firstDeniedAt: T + 30_000,
    seconds: 30,
    resolutionSeconds: 1,
  });
  assert.match(
    describeExposure(window, 'stolen'),
    /first denied at 2026-01-01T00:00:30\.000Z \(\+30 s\): usable for 30 s after its revocation \(probed to within 1 s, 4 request\(s\)\)/,
  );
});

test('window/denied-at-once-is-zero', () => {
  assert.equal(exposureWindow('AA', T, [probe(0, 'deny')]).seconds, 0);
});

test('window/still-open-and-reopened', () => {
  assert.equal(exposureWindow('AA', T, [probe(10, 'allow')]).seconds, undefined);
  assert.match(describeExposure(exposureWindow('AA', T, [probe(10, 'allow')]), 'x'), /still open/);
  const reopened = exposureWindow('AA', T, [probe(10, 'deny'), probe(20, 'allow')]);
  assert.equal(reopened.reopenedAt, T + 20_000);
  assert.match(describeExposure(reopened, 'x'), /allowed again/);
});
