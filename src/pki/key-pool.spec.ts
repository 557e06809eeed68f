import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultKeyCacheDir } from './key-cache';
import { KeyPool } from './key-pool';
import type { KeyPair } from './keys';

const hexOf = (pair: { spki: Buffer }): string => pair.spki.toString('hex');

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
  assert.equal(new KeyPool({ bits: 1024, cacheDir: dir, batch: 1 }).stats.fromCache, 0);
  cold.releaseCache(); // as when its process exits

  const warm = new KeyPool({ bits: 1024, cacheDir: dir });
  const keys = [await warm.take(), await warm.take()];
  assert.equal(warm.stats.generated, 0);
  assert.equal(warm.stats.fromCache, 2);
  assert.deepEqual(
    new Set(keys.map((k) => k.spki.toString('hex'))),
    new Set([a, b].map((k) => k.spki.toString('hex'))),
  );
  assert.equal(keys[0]!.bits, 1024);
});

test('the cache can be turned off and relocated from the environment', () => {
  assert.equal(defaultKeyCacheDir({ ZTNA_HARNESS_KEY_CACHE: 'off' }), false);
  assert.equal(defaultKeyCacheDir({ ZTNA_HARNESS_CACHE: '/x' }), join('/x', 'keys'));
  assert.equal(defaultKeyCacheDir({ XDG_CACHE_HOME: '/c', HOME: '/h' }), join('/c', 'ztna-harness', 'keys'));
});

test('a pool without a cache generates every key and writes no file', async () => {
  const pool = new KeyPool({ bits: 1024, cacheDir: false, batch: 3 });
  assert.equal(pool.cacheDir, false);
  const keys = await Promise.all([pool.take(), pool.take(), pool.take(), pool.take()]);
  assert.equal(new Set(keys.map(hexOf)).size, 4);
  assert.equal(pool.stats.fromCache, 0);
  assert.ok(pool.stats.generated >= 4);
  assert.equal(await pool.fillCache(5), 0);
});

test('a pool skips damaged entries and picks up keys added later', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-keys-'));
  const pool = new KeyPool({ bits: 1024, cacheDir: dir, batch: 1 });
  assert.equal(await pool.fillCache(2), 2);
  writeFileSync(join(dir, 'rsa-1024', '00-damaged.pem'), 'not a key', { mode: 0o600 });
  const first = [await pool.take(), await pool.take()];
  assert.equal(pool.stats.fromCache, 2, 'the damaged entry is skipped');

  // Another process adds a key: this pool finds it instead of generating one.
  const other = new KeyPool({ bits: 1024, cacheDir: dir });
  // Free now: only the damaged entry, unless the first pool tried it already (its order is shuffled).
  const damagedFree = existsSync(join(dir, 'rsa-1024', '00-damaged.pem'));
  assert.equal(await other.fillCache(2), damagedFree ? 1 : 2, 'the keys the first pool holds are not free');
  const third = await pool.take();
  assert.equal(pool.stats.fromCache, 3);
  assert.equal(pool.stats.generated, 2, 'only fillCache generated');
  assert.ok(!first.map(hexOf).includes(hexOf(third)));

  // Keys given back (their lab ended) go out again before the cache or a generation.
  pool.giveBack(first);
  const again = [await pool.take(), await pool.take()];
  assert.deepEqual(again.map(hexOf), first.map(hexOf));
  assert.deepEqual({ ...pool.stats }, { fromCache: 3, generated: 2, reused: 2 });
});

test('pools sharing a cache folder (processes, worker threads) never hold the same key at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-keys-'));
  assert.equal(await new KeyPool({ bits: 1024, cacheDir: dir }).fillCache(6), 6);
  const [a, b] = [
    new KeyPool({ bits: 1024, cacheDir: dir, batch: 1 }),
    new KeyPool({ bits: 1024, cacheDir: dir, batch: 1 }),
  ];
  const keys = await Promise.all([a, b, a, b, a, b].map((pool) => pool.take()));
  assert.equal(new Set(keys.map(hexOf)).size, 6);
  assert.equal(a.stats.fromCache + b.stats.fromCache, 6, 'all from the cache, none twice');
  a.releaseCache();
  const c = new KeyPool({ bits: 1024, cacheDir: dir, batch: 1 });
  const afterRelease = await Promise.all([c.take(), c.take(), c.take()]);
  assert.equal(c.stats.fromCache, 3, "a's keys are free again");
  const heldByB = new Set(keys.filter((_, i) => i % 2 === 1).map(hexOf));
  assert.ok(
    afterRelease.every((k) => !heldByB.has(hexOf(k))),
    "none of b's keys, which b still holds",
  );
  b.releaseCache();
  c.releaseCache();
});

test("a dead process's claims go back to the cache", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-keys-'));
  assert.equal(await new KeyPool({ bits: 1024, cacheDir: dir }).fillCache(2), 2);
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a pid that ran and exited
  const folder = join(dir, 'rsa-1024');
  for (const file of readdirSync(folder)) renameSync(join(folder, file), join(folder, `.${file}.claim-${dead}-0`));
  const pool = new KeyPool({ bits: 1024, cacheDir: dir, batch: 1 });
  await Promise.all([pool.take(), pool.take()]);
  assert.equal(pool.stats.fromCache, 2);
  assert.equal(pool.stats.generated, 0);
  pool.releaseCache();
});

test('a dry pool serves every one of many concurrent takers, also those who take again the moment a key arrives', async () => {
  // A taker that takes again as soon as its key resolves runs before the pool has settled the
  // generation that served it; the pool must still order a key for it (it once did not, and
  // the taker waited forever).
  for (const batch of [1, 2, 4]) {
    const pool = new KeyPool({ bits: 1024, cacheDir: false, batch });
    const taker = async (count: number): Promise<KeyPair[]> => {
      const got: KeyPair[] = [];
      for (let i = 0; i < count; i++) got.push(await pool.take());
      return got;
    };
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`batch ${batch}: a take() never settled`)), 30_000);
    });
    try {
      const keys = (
        await Promise.race([Promise.all([taker(5), taker(5), taker(5), pool.take().then((k) => [k])]), bound])
      ).flat();
      assert.equal(keys.length, 16);
      assert.equal(new Set(keys.map(hexOf)).size, 16, 'no key is handed out twice');
    } finally {
      clearTimeout(timer);
    }
  }
});
