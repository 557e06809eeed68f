import { generateKeyPair } from 'node:crypto';
import { join } from 'node:path';
import { defaultKeyCacheDir, KeyCache } from './key-cache';
import type { KeyPair, KeySource, RecyclingKeySource } from './keys';
import { keyPairFromPkcs8Pem } from './pkcs8-jwk';

/** Options of a key pool. */
export interface KeyPoolOptions {
  readonly bits?: number;
  /** A folder of cached test keys, or false to generate every key afresh. */
  readonly cacheDir?: string | false;
  /** How many keys to generate at once when the pool runs dry. */
  readonly batch?: number;
}

// generateKeyPair runs on libuv's worker threads; leaving one of them free keeps fs and
// dns.lookup (which share that pool) answering while a cold pool generates.
const THREADS = Math.max(1, Number(process.env.UV_THREADPOOL_SIZE) || 4);
const IN_FLIGHT = Math.max(1, THREADS - 1);

/**
 * Hands out RSA key pairs; a key is held by one taker at a time. Keys come, in this order, from
 * those given back (their lab has ended), from the disk cache, and from generation: a dry pool
 * generates on libuv's worker threads, several keys in parallel, hands each out as soon as it is
 * ready and adds it to the cache. A run thus generates about as many keys as its labs hold at
 * their peak, and a warm cache makes even those free.
 */
export class KeyPool implements RecyclingKeySource {
  readonly bits: number;
  /** The cache folder (keys sit in its `rsa-<bits>` subfolder), or false when caching is off. */
  readonly cacheDir: string | false;
  /** Counts, for benchmarks and the note on a warm cache. */
  readonly stats = { fromCache: 0, generated: 0, reused: 0 };
  private readonly cache: KeyCache;
  private readonly batch: number;
  /** Keys given back, oldest first: handed out again before any other. */
  private returned: KeyPair[] = [];
  /** Generated keys no waiter has claimed yet (only ever non-empty while nobody waits). */
  private ready: KeyPair[] = [];
  private waiting: { resolve: (pair: KeyPair) => void; reject: (error: unknown) => void }[] = [];
  /** Generations running now; each one's key goes to the first waiter when it completes. */
  private inFlight = 0;
  /** Keys wanted beyond the waiters: a dry pool orders a batch, so the takes that follow find one ready. */
  private spare = 0;

  constructor(options: KeyPoolOptions = {}) {
    this.bits = options.bits ?? 2048;
    this.cacheDir = options.cacheDir === undefined ? defaultKeyCacheDir() : options.cacheDir;
    this.batch = Math.max(1, options.batch ?? 4);
    this.cache = new KeyCache(this.cacheDir && join(this.cacheDir, `rsa-${this.bits}`), this.bits);
  }

  async take(): Promise<KeyPair> {
    const reused = this.returned.shift();
    if (reused) {
      this.stats.reused++;
      return reused;
    }
    const fromCache = this.cache.take();
    if (fromCache) {
      this.stats.fromCache++;
      return fromCache;
    }
    const ready = this.ready.shift();
    if (ready) return ready;
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (this.waiting.length > this.inFlight) this.spare = Math.max(this.spare, this.batch - 1);
      this.pump();
    });
  }

  /**
   * Takes back keys whose holder is done with them (a lab that ended, whose certificates nobody
   * uses any more); they serve the next takers. Only a lease gives keys back, once.
   */
  giveBack(keys: readonly KeyPair[]): void {
    this.returned.push(...keys.filter((key) => key.bits === this.bits));
  }

  /**
   * Gives the cache files this pool holds back to the cache, for other pools to take; for a pool
   * none of whose keys is in use any more (the process's exit does it by itself).
   */
  releaseCache(): void {
    this.cache.release();
  }

  /** Generates keys into the cache until it holds `count` this pool has not used; returns how many it made. */
  async fillCache(count: number): Promise<number> {
    if (!this.cacheDir) return 0;
    const unused = this.cache.unused();
    let made = 0;
    const worker = async (): Promise<void> => {
      while (unused + made < count) {
        made++;
        const pem = await generatePem(this.bits);
        this.cache.add(keyPairFromPkcs8Pem(pem), pem, false);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, worker));
    this.stats.generated += made;
    return made;
  }

  /**
   * Starts generations while fewer run than are wanted (every waiter plus the spares), up to
   * IN_FLIGHT. The invariant that keeps a waiter from being forgotten: whenever someone waits,
   * a generation runs or starts here, and every completion settles its bookkeeping in the same
   * callback that hands the key out, then calls pump again.
   */
  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.inFlight < this.waiting.length + this.spare) {
      this.inFlight++;
      generatePem(this.bits).then(
        (pem) => this.completed(() => this.deliver(keyPairFromPkcs8Pem(pem), pem)),
        (error: unknown) => this.completed(() => this.waiting.shift()?.reject(error)),
      );
    }
  }

  private completed(settle: () => void): void {
    this.inFlight--;
    try {
      settle();
    } catch (error) {
      this.waiting.shift()?.reject(error);
    }
    this.pump();
  }

  private deliver(pair: KeyPair, pem: string): void {
    this.stats.generated++;
    this.cache.add(pair, pem, true);
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(pair);
    else {
      this.ready.push(pair);
      this.spare = Math.max(0, this.spare - 1);
    }
  }
}

/** An RSA key as PKCS#8 PEM, generated on libuv's thread pool (the PEM is encoded there too). */
function generatePem(bits: number): Promise<string> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: bits,
        publicKeyEncoding: { type: 'spki', format: 'der' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      },
      (error, _publicKey, privateKey) => (error ? reject(error) : resolve(privateKey)),
    );
  });
}

/**
 * Keys for what leaves the process (an export's files, `serve`'s proxy and identities): each one
 * generated for this source alone, never read from or written to the cache and never given back,
 * so no other lab, export or run ever holds the same key.
 */
export function freshKeys(bits = 2048): KeySource {
  const pool = new KeyPool({ bits, cacheDir: false });
  return { take: () => pool.take() };
}

let shared: KeyPool | undefined;

/** The process-wide pool, so every lab in a run draws from the same cache and the keys its ended labs gave back. */
export function sharedKeyPool(): KeyPool {
  shared ??= new KeyPool();
  return shared;
}
