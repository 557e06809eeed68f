import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultKeyCacheDir, KeyPool } from './key-pool';

test('a cold pool generates and caches keys 0600; a warm pool generates none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-keys-'));
  const cold = new KeyPool({ bits: 1024, cacheDir: dir, batch: 2 });
  const a = await cold.take();
  const b = await cold.take();
  assert.notDeepEqual(a.spki, b.spki, 'a pool never hands out the same key twice');
  assert.equal(cold.stats.generated, 2);
  const files = readdirSync(join(dir, 'rsa-1024'));
  assert.equal(files.length, 2);
  for (const f of files) assert.equal(statSync(join(dir, 'rsa-1024', f)).mode & 0o777, 0o600);

  const warm = new KeyPool({ bits: 1024, cacheDir: dir });
  const keys = [await warm.take(), await warm.take()];
  assert.equal(warm.stats.generated, 0);
  assert.equal(warm.stats.fromCache, 2);
  assert.deepEqual(new Set(keys.map((k) => k.spki.toString('hex'))), new Set([a, b].map((k) => k.spki.toString('hex'))));
  assert.equal(keys[0]!.bits, 1024);
});

test('the cache can be turned off and relocated from the environment', () => {
  assert.equal(defaultKeyCacheDir({ ZTNA_HARNESS_KEY_CACHE: 'off' }), false);
  assert.equal(defaultKeyCacheDir({ ZTNA_HARNESS_CACHE: '/x' }), join('/x', 'keys'));
  assert.equal(defaultKeyCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' }), join('/c', 'ztna-harness', 'keys'));
});
