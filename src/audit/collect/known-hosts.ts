import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * OpenSSH known_hosts, as sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT" describes it:
 * `[@marker] hostpatterns keytype base64-key [comment]`. Patterns are comma-separated, may use
 * `*`/`?` and `!` negation, name a non-22 port as `[host]:port`, or are hashed as
 * `|1|base64(salt)|base64(HMAC-SHA1(salt, name))` (HashKnownHosts yes).
 */
export interface KnownHostLine {
  readonly line: number;
  readonly marker?: 'cert-authority' | 'revoked';
  readonly patterns: readonly string[];
  readonly keyType: string;
  readonly key: Buffer;
}

/** What the known_hosts file says about the key a host offered. */
export type HostKeyVerdict =
  | { readonly status: 'known'; readonly line: number }
  | { readonly status: 'unknown' }
  | { readonly status: 'changed'; readonly line: number; readonly keyType: string }
  | { readonly status: 'revoked'; readonly line: number };

/** Parses a known_hosts text; lines it cannot read are skipped, as ssh does. */
export function parseKnownHosts(text: string): KnownHostLine[] {
  const entries: KnownHostLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) return;
    const marker =
      fields[0] === '@cert-authority' ? 'cert-authority' : fields[0] === '@revoked' ? 'revoked' : undefined;
    if (fields[0].startsWith('@') && !marker) return;
    const [hosts, keyType, key] = marker ? fields.slice(1) : fields;
    if (!hosts || !keyType || !key || !/^[A-Za-z0-9+/]+=*$/.test(key)) return;
    entries.push({
      line: index + 1,
      ...(marker ? { marker } : {}),
      patterns: hosts.split(','),
      keyType,
      key: Buffer.from(key, 'base64'),
    });
  });
  return entries;
}

/** The name known_hosts uses for a host and port: `host`, or `[host]:port` off port 22. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`;
}

function wildcard(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const [, version, salt, hash] = pattern.split('|');
  if (version !== '1' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Whether a line's patterns name the host: one positive match and no negated one. */
export function namesHost(entry: KnownHostLine, name: string): boolean {
  let matched = false;
  for (const pattern of entry.patterns) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const hit = body.startsWith('|') ? hashedMatch(body, name) : wildcard(body, name);
    if (hit && negated) return false;
    matched ||= hit;
  }
  return matched;
}

/** Looks up the key a host offered: known, revoked, changed (the host is listed with another key) or unknown. */
export function verifyHostKey(
  entries: readonly KnownHostLine[],
  host: string,
  port: number,
  offered: Buffer,
): HostKeyVerdict {
  const name = knownHostName(host, port);
  const lines = entries.filter((entry) => entry.marker !== 'cert-authority' && namesHost(entry, name));
  const revoked = lines.find((entry) => entry.marker === 'revoked' && entry.key.equals(offered));
  if (revoked) return { status: 'revoked', line: revoked.line };
  const plain = lines.filter((entry) => entry.marker === undefined);
  const known = plain.find((entry) => entry.key.equals(offered));
  if (known) return { status: 'known', line: known.line };
  const other = plain[0];
  return other ? { status: 'changed', line: other.line, keyType: other.keyType } : { status: 'unknown' };
}
