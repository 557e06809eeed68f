/**
 * A machine that has never run the project has no key cache. The wire profile on an empty cache
 * once hung at the first request after a revocation or a root CA change (a key the pool was
 * asked for was never generated) and then never exited; this runs the features that hung on a
 * cache of its own and requires that cucumber finishes and exits by itself, in bounded time.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageFile } from '../../src/package-root';
import { runLimited } from '../run-with-limit';

const BOUND_MS = 240_000;
const FEATURES = ['features/revocation.feature', 'features/root-rotation.feature'];

test('cold-start/wire: the wire profile on an empty key cache passes and exits by itself', {
  timeout: BOUND_MS + 30_000,
}, async () => {
  const cache = mkdtempSync(join(tmpdir(), 'ztna-cold-cache-'));
  const reportsDir = mkdtempSync(join(tmpdir(), 'ztna-cold-reports-'));
  const formatOptions = JSON.stringify({ ztna: { reportsDir } });
  const cucumber = packageFile('node_modules', '.bin', 'cucumber-js');
  const exit = await runLimited(cucumber, ['-p', 'wire', '--format-options', formatOptions, ...FEATURES], {
    cwd: packageFile(),
    env: { ...process.env, ZTNA_HARNESS_CACHE: cache },
    limitS: BOUND_MS / 1000,
    capture: true,
  });
  assert.equal(
    exit.timedOut,
    false,
    `cucumber did not finish and exit within ${BOUND_MS / 1000} s:\n${exit.output.slice(-2000)}`,
  );
  assert.equal(exit.code, 0, exit.output.slice(-4000));
  assert.match(exit.output, /\d+ scenarios? \(\d+ passed\)/);
  assert.ok(
    readdirSync(join(cache, 'keys', 'rsa-2048')).length > 0,
    'the run started cold and generated its keys into the empty cache',
  );
});
