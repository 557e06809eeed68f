import { createHash } from 'node:crypto';

/** The OpenSSH SHA256 fingerprint of a public key blob: `SHA256:` and unpadded base64. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of an SSH public key blob (`ssh-ed25519`, `rsa-sha2-…`). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  return length > 0 && length < 64 && key.length >= 4 + length
    ? key.subarray(4, 4 + length).toString('latin1')
    : 'unknown';
}

/** A pinned fingerprint as `--accept-host-key` takes it, or undefined when it is not one. */
export function pinnedFingerprint(value: string): string | undefined {
  return /^SHA256:[A-Za-z0-9+/]{43}$/.test(value) ? value : undefined;
}
