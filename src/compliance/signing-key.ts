import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { badInput } from '../errors';
import { algorithmOf } from './dsse';

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
  if (!pem)
    throw badInput(
      `report sign: a signing key is needed: --key KEY.pem or the environment variable ${SIGNING_KEY_ENV}`,
    );
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (cause) {
    throw badInput(
      `${source}: not a PEM private key (Ed25519 or ECDSA P-256 expected)`,
      file ? { file } : undefined,
      cause,
    );
  }
  algorithmOf(key, source);
  return key;
}

/** A warning when a private key file is readable by anyone but its owner (keys belong in 0600 files). */
export function keyFileWarning(file: string): string | undefined {
  const mode = statSync(file, { throwIfNoEntry: false })?.mode;
  if (mode === undefined || (mode & 0o077) === 0) return undefined;
  return `${file} is readable by others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); chmod 600 it`;
}

/** The public key of `--pub FILE`. */
export function loadPublicKey(file: string): KeyObject {
  const pem = readPem(file);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (cause) {
    throw badInput(`${file}: not a PEM public key (Ed25519 or ECDSA P-256 expected)`, { file }, cause);
  }
  algorithmOf(key, file);
  return key;
}
