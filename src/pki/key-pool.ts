import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { generateRsa, KeyPair, keyPairFromPem, KeySource, privateKeyPem } from './keys';

/** Options of a key pool. */
export interface KeyPoolOptions {
  readonly bits?: number;
  /** A folder of cached test keys, or false to generate every key afresh. */
  readonly cacheDir?: string | false;
  /** How many keys to generate at once when the pool runs dry (the thread pool runs them in parallel). */
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

/**
 * Hands out RSA key pairs, each at most once per process. RSA generation costs ~150 ms a key,
 * so test keys are cached on disk (files 0600) and a warm run generates none; a cold pool
 * generates in batches on the thread pool and adds what it made to the cache.
 */
export class KeyPool implements KeySource {
  readonly bits: number;
  private readonly dir: string | false;
  private readonly batch: number;
  private cached: string[] | undefined;
  private ready: KeyPair[] = [];
  private filling: Promise<void> | undefined;
  /** Counts, for benchmarks and the note on a warm cache. */
  readonly stats = { fromCache: 0, generated: 0 };

  constructor(options: KeyPoolOptions = {}) {
    this.bits = options.bits ?? 2048;
    this.dir = options.cacheDir === undefined ? defaultKeyCacheDir() : options.cacheDir;
    this.batch = options.batch ?? 4;
  }

  async take(): Promise<KeyPair> {
    const fromCache = this.takeCached();
    if (fromCache) return fromCache;
    while (this.ready.length === 0) {
      this.filling ??= this.fill().finally(() => (this.filling = undefined));
      await this.filling;
    }
    return this.ready.shift()!;
  }

  private get folder(): string | false {
    return this.dir && join(this.dir, `rsa-${this.bits}`);
  }

  private takeCached(): KeyPair | undefined {
    const folder = this.folder;
    if (!folder) return undefined;
    this.cached ??= listPemFiles(folder);
    const file = this.cached.shift();
    if (!file) return undefined;
    try {
      const pair = keyPairFromPem(readFileSync(join(folder, file), 'utf8'));
      this.stats.fromCache++;
      return pair.bits === this.bits ? pair : this.takeCached();
    } catch {
      return this.takeCached(); // a damaged cache entry costs a fresh key, never a failed run
    }
  }

  private async fill(): Promise<void> {
    const pairs = await Promise.all(Array.from({ length: this.batch }, () => generateRsa(this.bits)));
    this.stats.generated += pairs.length;
    for (const pair of pairs) this.persist(pair);
    this.ready.push(...pairs);
  }

  private persist(pair: KeyPair): void {
    const folder = this.folder;
    if (!folder) return;
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const name = `${createHash('sha256').update(pair.spki).digest('hex').slice(0, 32)}.pem`;
      const temp = join(folder, `.${name}.${process.pid}.tmp`);
      writeFileSync(temp, privateKeyPem(pair), { mode: 0o600 });
      renameSync(temp, join(folder, name));
    } catch {
      // A read-only or full cache folder only makes the next run slower.
    }
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
