import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { badInput } from '../errors';

/** The environment variable that may hold the signing key's PEM instead of a file. */
export const SIGNING_KEY_ENV = 'ZTNA_HARNESS_SIGNING_KEY';

function readPem(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw badInput(`cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'unreadable'}`, { file }, cause);
  }
}

/**
 * The private key from `--key FILE` or, without one, from ZTNA_HARNESS_SIGNING_KEY (PEM text).
 * Error messages name where the key came from, never its content.
 */
export function loadSigningKey(file: string | undefined, env: NodeJS.ProcessEnv = process.env): KeyObject {
  const source = file ?? SIGNING_KEY_ENV;
  const pem = file !== undefined ? readPem(file) : env[SIGNING_KEY_ENV];
  if (!pem) throw badInput(`report sign: a signing key is needed: --key KEY.pem or the environment variable ${SIGNING_KEY_ENV}`);
  try {
    return createPrivateKey(pem);
  } catch (cause) {
    throw badInput(`${source}: not a PEM private key (Ed25519 or ECDSA P-256 expected)`, file ? { file } : undefined, cause);
  }
}

/** The public key of `--pub FILE`. */
export function loadPublicKey(file: string): KeyObject {
  const pem = readPem(file);
  try {
    return createPublicKey(pem);
  } catch (cause) {
    throw badInput(`${file}: not a PEM public key (Ed25519 or ECDSA P-256 expected)`, { file }, cause);
  }
}
