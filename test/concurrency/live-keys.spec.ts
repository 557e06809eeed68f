/**
 * No two labs alive at once share a key, also when they live in parallel workers that draw on one
 * key cache: each worker thread has a pool of its own, and the cache hands a file to one of them.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { KeyPool } from '../../src/pki';

function holdLabs(labs: number, cache: string): { keys: Promise<string[][]>; release: () => Promise<void> } {
  const file = join(__dirname, 'hold-labs.ts');
  const env = { ...process.env, ZTNA_HARNESS_CACHE: cache, ZTNA_HARNESS_KEY_CACHE: '' };
  const thread = new Worker(`require('ts-node/register'); require(${JSON.stringify(file)});`, {
    eval: true,
    workerData: { labs },
    env,
  });
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  const keys = new Promise<string[][]>((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
  });
  return {
    keys,
    release: async () => {
      thread.postMessage('dispose');
      return await exited;
    },
  };
}

/** A cache folder holding about as many keys as the labs need, so that two workers drawing on it meet. */
async function smallCache(keys: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-live-keys-'));
  const source = new KeyPool();
  const folder = join(dir, 'keys', 'rsa-2048');
  mkdirSync(folder, { recursive: true });
  if (source.cacheDir === false) {
    await new KeyPool({ cacheDir: join(dir, 'keys') }).fillCache(keys); // no cache to copy from: generate them
    return dir;
  }
  await source.fillCache(keys);
  const cached = join(source.cacheDir, 'rsa-2048');
  for (const f of readdirSync(cached)
    .filter((name) => name.endsWith('.pem'))
    .slice(0, keys))
    copyFileSync(join(cached, f), join(folder, f));
  return dir;
}

test('live/across-workers: labs alive at once in two worker threads share no key', { timeout: 120_000 }, async () => {
  const cache = await smallCache(20);
  const workers = [holdLabs(2, cache), holdLabs(2, cache)];
  try {
    const labs = (await Promise.all(workers.map((w) => w.keys))).flat();
    assert.equal(labs.length, 4);
    const all = labs.flat();
    assert.ok(all.length >= 4 * 5, 'each lab holds its EMS, root and endpoint keys');
    assert.equal(new Set(all).size, all.length, 'a key is held by two live labs');
  } finally {
    await Promise.all(workers.map((w) => w.release()));
    rmSync(cache, { recursive: true, force: true });
  }
});
