import { createHash, createPrivateKey, generateKeyPair, JsonWebKey } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KeyPair, keyPairFrom, KeySource } from './keys';

/** Options of a key pool. */
export interface KeyPoolOptions {
  readonly bits?: number;
  /** A folder of cached test keys, or false to generate every key afresh. */
  readonly cacheDir?: string | false;
  /** How many keys to generate at once when the pool runs dry. */
  readonly batch?: number;
}

/**
 * The default cache folder: `$ZTNA_HARNESS_CACHE` or `$XDG_CACHE_HOME/ztna-harness` or
 * `~/.cache/ztna-harness`; `ZTNA_HARNESS_KEY_CACHE=off` turns the cache off.
 */
export function defaultKeyCacheDir(env: NodeJS.ProcessEnv = process.env): string | false {
  if (['off', '0', 'false'].includes((env.ZTNA_HARNESS_KEY_CACHE ?? '').toLowerCase())) return false;
  const base = env.ZTNA_HARNESS_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ztna-harness');
  return join(base, 'keys');
}

// generateKeyPair runs on libuv's worker threads; leaving one of them free keeps fs and
// dns.lookup (which share that pool) answering while a cold pool generates.
const THREADS = Math.max(1, Number(process.env.UV_THREADPOOL_SIZE) || 4);
const IN_FLIGHT = Math.max(1, THREADS - 1);

/**
 * Hands out RSA key pairs, each at most once per process (until `rewind`). RSA generation costs
 * ~0.4 s a key here, so test keys are cached on disk (files 0600, one folder per algorithm) and
 * a warm run generates none. A dry pool generates on libuv's worker threads, several keys in
 * parallel, hands each out as soon as it is ready and adds it to the cache.
 */
export class KeyPool implements KeySource {
  readonly bits: number;
  /** The cache folder (keys sit in its `rsa-<bits>` subfolder), or false when caching is off. */
  readonly cacheDir: string | false;
  /** Counts, for benchmarks and the note on a warm cache. */
  readonly stats = { fromCache: 0, generated: 0 };
  private readonly batch: number;
  /** Cache files this process has handed out or written itself. */
  private readonly used = new Set<string>();
  private listing: string[] = [];
  private listedAt: number | undefined;
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
  }

  async take(): Promise<KeyPair> {
    const fromCache = this.takeCached();
    if (fromCache) return fromCache;
    const ready = this.ready.shift();
    if (ready) return ready;
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (this.waiting.length > this.inFlight) this.spare = Math.max(this.spare, this.batch - 1);
      this.pump();
    });
  }

  /**
   * Forgets which cached keys this process handed out, so that a later run in the same process
   * (a benchmark's measured run after its warm-up) draws the same keys again. Only between runs:
   * labs still in use must not share a key with new ones.
   */
  rewind(): void {
    this.used.clear();
    this.listing = [];
    this.listedAt = undefined;
  }

  /** Generates keys into the cache until it holds `count` this process has not used; returns how many it made. */
  async fillCache(count: number): Promise<number> {
    const folder = this.folder;
    if (!folder) return 0;
    this.relist(folder, true);
    let made = 0;
    const worker = async (): Promise<void> => {
      while (this.listing.length + made < count) {
        made++;
        const pem = await generatePem(this.bits);
        this.persist(keyPairFromPkcs8Pem(pem), pem, false);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, worker));
    this.stats.generated += made;
    return made;
  }

  private get folder(): string | false {
    return this.cacheDir && join(this.cacheDir, `rsa-${this.bits}`);
  }

  private takeCached(): KeyPair | undefined {
    const folder = this.folder;
    if (!folder) return undefined;
    if (this.listing.length === 0) this.relist(folder, false);
    for (let file = this.listing.shift(); file; file = this.listing.shift()) {
      this.used.add(file);
      try {
        const pair = keyPairFromPkcs8Pem(readFileSync(join(folder, file), 'utf8'));
        if (pair.bits !== this.bits) continue;
        this.stats.fromCache++;
        return pair;
      } catch {
        // A damaged cache entry costs a fresh key, never a failed run.
      }
    }
    return undefined;
  }

  /** Re-reads the folder when it changed (another process, or fillCache, added keys). */
  private relist(folder: string, force: boolean): void {
    const changedAt = mtimeOf(folder);
    if (!force && changedAt === this.listedAt) return;
    this.listedAt = changedAt;
    this.listing = listPemFiles(folder).filter((file) => !this.used.has(file));
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
    this.persist(pair, pem, true);
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(pair);
    else {
      this.ready.push(pair);
      this.spare = Math.max(0, this.spare - 1);
    }
  }

  /** Adds a key to the cache; `handedOut` keys are never handed out again by this process. */
  private persist(pair: KeyPair, pem: string, handedOut: boolean): void {
    const folder = this.folder;
    if (!folder) return;
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const name = `${createHash('sha256').update(pair.spki).digest('hex').slice(0, 32)}.pem`;
      const temp = join(folder, `.${name}.${process.pid}.tmp`);
      writeFileSync(temp, pem, { mode: 0o600 });
      renameSync(temp, join(folder, name));
      if (handedOut) this.used.add(name);
    } catch {
      // A read-only or full cache folder only makes the next run slower.
    }
  }
}

/** An RSA key as PKCS#8 PEM, generated on libuv's thread pool (the PEM is encoded there too). */
function generatePem(bits: number): Promise<string> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      { modulusLength: bits, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } },
      (error, _publicKey, privateKey) => (error ? reject(error) : resolve(privateKey)),
    );
  });
}

/**
 * Reads a PKCS#8 PEM key the fast way. With OpenSSL 3, `createPrivateKey(pem)` costs ~0.6 ms
 * and exporting the SPKI of such a key ~0.25 ms more (its decoders and encoders); importing the
 * same numbers as a JWK costs ~0.02 ms and yields a key that signs as fast. Anything but an RSA
 * PKCS#8 key goes the general way.
 */
export function keyPairFromPkcs8Pem(pem: string): KeyPair {
  const jwk = rsaJwkOfPkcs8(pem);
  return keyPairFrom(jwk ? createPrivateKey({ key: jwk, format: 'jwk' }) : createPrivateKey(pem));
}

// The cache holds PKCS#8 PEM ("PRIVATE KEY" blocks, the label spelled once here).
const PKCS8_LABEL = 'PRIVATE KEY';
const PKCS8_PEM = new RegExp(`-----BEGIN ${PKCS8_LABEL}-----([A-Za-z0-9+/=\\s]+)-----END ${PKCS8_LABEL}-----`);
const RSA_ENCRYPTION = Buffer.from('06092a864886f70d010101', 'hex');
const RSA_FIELDS = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/** The JWK of an RSA PKCS#8 PEM (RFC 5208, RFC 8017 A.1.2), or undefined for anything else. */
function rsaJwkOfPkcs8(pem: string): JsonWebKey | undefined {
  const body = PKCS8_PEM.exec(pem)?.[1];
  if (!body) return undefined;
  try {
    const der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    const [version, algorithm, privateKey] = childrenOf(der, element(der, 0, 0x30));
    if (!version || !algorithm || privateKey?.tag !== 0x04) return undefined;
    if (!der.subarray(algorithm.start, algorithm.start + RSA_ENCRYPTION.length).equals(RSA_ENCRYPTION)) return undefined;
    const rsa = der.subarray(privateKey.start, privateKey.end);
    const integers = childrenOf(rsa, element(rsa, 0, 0x30));
    if (integers.length !== 9 || integers.some((i) => i.tag !== 0x02)) return undefined;
    const jwk: JsonWebKey = { kty: 'RSA' };
    RSA_FIELDS.forEach((field, i) => (jwk[field] = base64Url(rsa, integers[i + 1]!)));
    return jwk;
  } catch {
    return undefined;
  }
}

interface Element {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

/** The DER element at `at` (definite lengths only, as DER requires). */
function element(der: Buffer, at: number, expectTag?: number): Element {
  const tag = der[at]!;
  if (expectTag !== undefined && tag !== expectTag) throw new RangeError('unexpected DER tag');
  let start = at + 2;
  let length = der[at + 1]!;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets < 1 || octets > 3) throw new RangeError('unsupported DER length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[start++]!;
  }
  if (start + length > der.length) throw new RangeError('truncated DER');
  return { tag, start, end: start + length };
}

function childrenOf(der: Buffer, parent: Element): Element[] {
  const children: Element[] = [];
  for (let at = parent.start; at < parent.end; at = children[children.length - 1]!.end) children.push(element(der, at));
  if (children.length > 0 && children[children.length - 1]!.end !== parent.end) throw new RangeError('DER overrun');
  return children;
}

/** An unsigned INTEGER's magnitude as base64url, without DER's leading zero. */
function base64Url(der: Buffer, integer: Element): string {
  let start = integer.start;
  while (start < integer.end - 1 && der[start] === 0) start++;
  return der.subarray(start, integer.end).toString('base64url');
}

function mtimeOf(folder: string): number | undefined {
  try {
    return statSync(folder).mtimeMs;
  } catch {
    return undefined;
  }
}

function listPemFiles(folder: string): string[] {
  try {
    return readdirSync(folder).filter((f) => f.endsWith('.pem')).sort();
  } catch {
    return [];
  }
}

let shared: KeyPool | undefined;

/** The process-wide pool, so every lab in a run draws from the same cache. */
export function sharedKeyPool(): KeyPool {
  shared ??= new KeyPool();
  return shared;
}
