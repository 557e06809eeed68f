/** One cached verification, with the generation of the trust anchors it was made against. */
interface Entry<V> {
  readonly anchors: number;
  readonly value: V;
}

/** Hits, misses and evictions, for tests and the benchmark. */
export interface VerificationCacheStats {
  hits: number;
  misses: number;
  /** Entries dropped by a rotation (an evicted certificate is verified again when it returns). */
  evicted: number;
}

/** A fleet of 100,000 active certificates fits in one generation, with room to turn over. */
const DEFAULT_VERIFICATION_CACHE_ENTRIES = 262_144;

/**
 * Bounded cache of certificate verifications, by the certificate's fingerprint (SHA-256 of its
 * DER) and the generation of the trust anchors it was verified against: an entry made against
 * other anchors (a rotation, a revoked or removed root) is a miss, so a certificate is never
 * trusted from an entry a change of roots made stale. What the value holds beyond that is the
 * caller's to keep fresh (the gateway re-reads revocations by their own generation and checks
 * validity against its clock on every decision).
 *
 * Eviction is generational, an approximate LRU whose hits cost one map lookup: new entries go
 * to the young generation; when it holds half the capacity it becomes the old one and the old
 * one is dropped; a hit in the old generation moves the entry back to the young one. So an entry
 * used in either of the last two generations stays, the bound is never exceeded, and a full cache
 * sheds the least recently used half at once instead of everything (the cliff of a map cleared
 * when full, where a fleet larger than the map is verified again on every request).
 */
export class VerificationCache<V> {
  readonly stats: VerificationCacheStats = { hits: 0, misses: 0, evicted: 0 };
  private young = new Map<string, Entry<V>>();
  private old = new Map<string, Entry<V>>();
  private readonly generation: number;

  constructor(readonly capacity = DEFAULT_VERIFICATION_CACHE_ENTRIES) {
    if (!(Number.isInteger(capacity) && capacity >= 2))
      throw new RangeError('a verification cache holds at least 2 entries');
    this.generation = capacity >> 1;
  }

  /** How many entries it holds (never more than `capacity`). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /** The verification of `fingerprint` against anchors of generation `anchors`, or undefined when it must be verified. */
  get(fingerprint: string, anchors: number): V | undefined {
    let entry = this.young.get(fingerprint);
    if (entry === undefined) {
      entry = this.old.get(fingerprint);
      if (entry !== undefined && entry.anchors === anchors) {
        this.old.delete(fingerprint);
        this.insert(fingerprint, entry);
      }
    }
    if (entry === undefined || entry.anchors !== anchors) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return entry.value;
  }

  /** Records a verification (replacing one against other anchors). */
  set(fingerprint: string, anchors: number, value: V): void {
    this.old.delete(fingerprint);
    this.insert(fingerprint, { anchors, value });
  }

  private insert(fingerprint: string, entry: Entry<V>): void {
    if (!this.young.has(fingerprint) && this.young.size >= this.generation) {
      this.stats.evicted += this.old.size;
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(fingerprint, entry);
  }
}
