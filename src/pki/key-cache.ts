import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KeyPair } from './keys';
import { keyPairFromPkcs8Pem } from './pkcs8-jwk';

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
 * Test keys on disk, one PKCS#8 PEM file (0600) per key in a folder per algorithm, so that a
 * process starts with keys instead of generating them. Each file is handed out at most once per
 * cache object; the order is shuffled per process, so that two processes do not
 * give the same key the same role. Only a speed-up: every failure to read or write costs a fresh
 * key, never a failed run.
 */
export class KeyCache {
  /** Files this cache handed out or wrote itself. */
  private readonly used = new Set<string>();
  private listing: string[] = [];
  private listedAt: number | undefined;

  /** `folder` false: no cache (every `take` finds nothing, `add` writes nothing). */
  constructor(readonly folder: string | false, private readonly bits: number) {}

  /** A cached key this cache has not handed out yet, or undefined. */
  take(): KeyPair | undefined {
    if (!this.folder) return undefined;
    if (this.listing.length === 0) this.relist(false);
    for (let file = this.listing.pop(); file; file = this.listing.pop()) {
      this.used.add(file);
      try {
        const pair = keyPairFromPkcs8Pem(readFileSync(join(this.folder, file), 'utf8'));
        if (pair.bits === this.bits) return pair;
      } catch {
        // A damaged cache entry costs a fresh key.
      }
    }
    return undefined;
  }

  /** How many cached files this cache has not handed out (re-reading the folder). */
  unused(): number {
    this.relist(true);
    return this.listing.length;
  }

  /** Adds a key; a `handedOut` one is never handed out again by this cache. */
  add(pair: KeyPair, pem: string, handedOut: boolean): void {
    if (!this.folder) return;
    try {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      const name = `${createHash('sha256').update(pair.spki).digest('hex').slice(0, 32)}.pem`;
      const temp = join(this.folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
      writeFileSync(temp, pem, { mode: 0o600, flag: 'wx' });
      renameSync(temp, join(this.folder, name));
      if (handedOut) this.used.add(name);
    } catch {
      // A read-only or full cache folder only makes the next run slower.
    }
  }

  /** Re-reads the folder when it changed (another process added keys), or always when `force`. */
  private relist(force: boolean): void {
    if (!this.folder) return;
    const changedAt = mtimeOf(this.folder);
    if (!force && changedAt === this.listedAt) return;
    this.listedAt = changedAt;
    this.listing = shuffled(listPemFiles(this.folder).filter((file) => !this.used.has(file)));
  }
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
    return readdirSync(folder).filter((f) => f.endsWith('.pem'));
  } catch {
    return [];
  }
}

/** Fisher–Yates with crypto randomness: which cached key becomes a root differs per process. */
function shuffled(files: string[]): string[] {
  const random = randomBytes(files.length * 4);
  for (let i = files.length - 1; i > 0; i--) {
    const j = random.readUInt32LE(i * 4) % (i + 1);
    [files[i], files[j]] = [files[j]!, files[i]!];
  }
  return files;
}
