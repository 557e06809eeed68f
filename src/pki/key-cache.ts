import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { KeyPair } from './keys';
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

/** The claim suffix of this process and thread: `<file>.pem` becomes `.<file>.pem.claim-<pid>-<thread>`. */
const CLAIM = /^\.(.+\.pem)\.claim-(\d+)-(\d+)$/;
const claimOf = (file: string): string => `.${file}.claim-${process.pid}-${threadId}`;

/** Caches holding claims, given back by one exit hook of the process (or thread). */
const holding = new Set<KeyCache>();
let exitHooked = false;

function hold(cache: KeyCache): void {
  holding.add(cache);
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const held of holding) held.release();
  });
}

/**
 * Test keys on disk, one PKCS#8 PEM file (0600) per key in a folder per algorithm, so that a
 * process starts with keys instead of generating them. A cache takes a file by renaming it to a
 * claim of its own, so that two processes or worker threads sharing the folder never hold the
 * same key; the claims go back when the process or thread exits (or `release` is called), and a
 * claim of a process that died is taken back by the next cache that lists the folder. The order
 * is shuffled per cache, so that which key becomes a root differs from run to run. Only a
 * speed-up: every failure to read or write costs a fresh key, never a failed run.
 */
export class KeyCache {
  /** Files this cache claimed, by their cache name. */
  private readonly claimed = new Set<string>();
  private listing: string[] = [];
  private listedAt: number | undefined;

  /** `folder` false: no cache (every `take` finds nothing, `add` writes nothing). */
  constructor(
    readonly folder: string | false,
    private readonly bits: number,
  ) {}

  /** A cached key no other cache holds, claimed for this one; or undefined. */
  take(): KeyPair | undefined {
    if (!this.folder) return undefined;
    // What this cache listed first, then what other caches added since.
    const listed = this.takeListed(this.folder);
    if (listed !== undefined) return listed;
    this.relist(false);
    return this.takeListed(this.folder);
  }

  private takeListed(folder: string): KeyPair | undefined {
    for (let file = this.listing.pop(); file; file = this.listing.pop()) {
      if (!this.claim(file)) continue; // another cache took it first
      try {
        const pair = keyPairFromPkcs8Pem(readFileSync(join(folder, claimOf(file)), 'utf8'));
        if (pair.bits === this.bits) return pair;
      } catch {
        // A damaged cache entry costs a fresh key.
      }
    }
    return undefined;
  }

  /** Gives every claimed file back to the cache (at exit; the keys must no longer be in use). */
  release(): void {
    if (!this.folder) return;
    for (const file of this.claimed) {
      try {
        renameSync(join(this.folder, claimOf(file)), join(this.folder, file));
      } catch {
        // Gone (a cleaned cache): nothing to give back.
      }
    }
    this.claimed.clear();
    holding.delete(this);
  }

  private claim(file: string): boolean {
    try {
      renameSync(join(this.folder as string, file), join(this.folder as string, claimOf(file)));
    } catch {
      return false;
    }
    this.claimed.add(file);
    hold(this);
    return true;
  }

  /** How many cached files are free to take (re-reading the folder). */
  unused(): number {
    this.relist(true);
    return this.listing.length;
  }

  /** Adds a key; a `handedOut` one is added as claimed by this cache (it is in use). */
  add(pair: KeyPair, pem: string, handedOut: boolean): void {
    if (!this.folder) return;
    try {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      const name = `${createHash('sha256').update(pair.spki).digest('hex').slice(0, 32)}.pem`;
      const temp = join(this.folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
      writeFileSync(temp, pem, { mode: 0o600, flag: 'wx' });
      renameSync(temp, join(this.folder, handedOut ? claimOf(name) : name));
      if (handedOut) {
        this.claimed.add(name);
        hold(this);
      }
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
    const files = listFiles(this.folder);
    for (const file of files) recoverDeadClaim(this.folder, file);
    this.listing = shuffled(listFiles(this.folder).filter((file) => file.endsWith('.pem') && !file.startsWith('.')));
  }
}

/** Gives back the claim of a process that no longer runs (killed before it could give it back). */
function recoverDeadClaim(folder: string, file: string): void {
  const claim = CLAIM.exec(file);
  if (!claim || processRuns(Number(claim[2]))) return;
  try {
    renameSync(join(folder, file), join(folder, claim[1]!));
  } catch {
    // Another cache recovered it first.
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // it runs, as another user
  }
}

function mtimeOf(folder: string): number | undefined {
  try {
    return statSync(folder).mtimeMs;
  } catch {
    return undefined;
  }
}

function listFiles(folder: string): string[] {
  try {
    return readdirSync(folder);
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
