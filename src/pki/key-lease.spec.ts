import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { KeyLease } from './key-lease';
import { freshKeys, KeyPool } from './key-pool';
import { generateRsaSync, type KeyPair } from './keys';

const hexOf = (pair: KeyPair): string => pair.spki.toString('hex');
/** Keys made once for the file: a pool given them back hands them out without generating. */
const SEED_KEYS = Array.from({ length: 6 }, () => generateRsaSync(1024));

function seededPool(): KeyPool {
  const pool = new KeyPool({ bits: 1024, cacheDir: false, batch: 1 });
  pool.giveBack(SEED_KEYS);
  return pool;
}

describe('key leases', () => {
  test('reuse/after-end: a lease gives its keys back when its last holder ends, and the pool hands them out before generating', async () => {
    const pool = seededPool();
    const lab = new KeyLease(pool);
    const mine = [await lab.take(), await lab.take()];
    lab.share(); // a fork
    lab.end();
    const other = new KeyLease(pool);
    const others = [await other.take(), await other.take(), await other.take(), await other.take()];
    assert.ok(!others.some((k) => mine.map(hexOf).includes(hexOf(k))), 'the fork still holds them');
    lab.end();
    assert.ok(lab.ended);
    const next = new KeyLease(pool);
    assert.deepEqual([await next.take(), await next.take()].map(hexOf), mine.map(hexOf));
    assert.equal(pool.stats.generated, 0);
    lab.end(); // a second end gives nothing back twice
    assert.notEqual(hexOf(await new KeyLease(pool).take()), hexOf(mine[0]!));
  });

  test('fresh/never-reused: fresh keys are never given back, whatever their lease does', async () => {
    const lease = new KeyLease(freshKeys(1024));
    const key = await lease.take();
    lease.end();
    // biome-ignore lint/complexity/useLiteralKeys: the test reaches the lease's private pool on purpose
    const again = new KeyLease(lease['source']);
    assert.notEqual(hexOf(await again.take()), hexOf(key));
  });

  test('live/disjoint: leases alive at once never hold the same key, and a run generates no more keys than its peak needs', async () => {
    type Op = { readonly kind: 'open' | 'take' | 'fork' | 'end'; readonly lease: number };
    const op = fc.record({
      kind: fc.constantFrom<Op['kind']>('open', 'take', 'take', 'fork', 'end'),
      lease: fc.nat(5),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const pool = seededPool();
        const leases: { lease: KeyLease; holders: number }[] = [];
        let peak = 0;
        for (const { kind, lease: i } of ops) {
          const entry = leases[i % Math.max(1, leases.length)];
          if (kind === 'open' || !entry) leases.push({ lease: new KeyLease(pool), holders: 1 });
          else if (entry.holders === 0) continue;
          else if (kind === 'take') await entry.lease.take();
          else if (kind === 'fork') {
            entry.lease.share();
            entry.holders++;
          } else {
            entry.lease.end();
            entry.holders--;
          }
          const held = leases.filter((l) => l.holders > 0).flatMap((l) => l.lease.keys.map(hexOf));
          assert.equal(new Set(held).size, held.length, 'a key is held by two live leases');
          peak = Math.max(peak, held.length);
        }
        assert.ok(
          pool.stats.generated <= Math.max(0, peak - SEED_KEYS.length),
          `generated ${pool.stats.generated} keys for a peak of ${peak}`,
        );
      }),
      { numRuns: 60 },
    );
  });
});
