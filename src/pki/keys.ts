import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A key pair as the harness passes it around; the private half never leaves through a report. */
export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SubjectPublicKeyInfo DER, what certificates and CSRs embed. */
  readonly spki: Buffer;
  readonly bits: number;
}

/** Wraps a private key into a KeyPair. */
export function keyPairFrom(privateKey: KeyObject): KeyPair {
  const publicKey = createPublicKey(privateKey);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const bits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  return { privateKey, publicKey, spki, bits };
}

/** Reads a PKCS#8 PEM private key. */
export const keyPairFromPem = (pem: string): KeyPair => keyPairFrom(createPrivateKey(pem));

/** The private key as PKCS#8 PEM, for key files (written 0600) and TLS clients, never for reports. */
export const privateKeyPem = (pair: KeyPair): string =>
  pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

/** Generates an RSA key at once, blocking; for odd sizes in tests (a 1024-bit key a CA must refuse). */
export function generateRsaSync(bits: number): KeyPair {
  return keyPairFrom(generateKeyPairSync('rsa', { modulusLength: bits }).privateKey);
}

/** Where keys come from: a pool in production code, a fixed list in unit tests. */
export interface KeySource {
  take(): Promise<KeyPair>;
}

/** A source that takes keys back when their holder is done with them, to hand them out again. */
export interface RecyclingKeySource extends KeySource {
  giveBack(keys: readonly KeyPair[]): void;
}
