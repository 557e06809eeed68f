/**
 * DSSE (Dead Simple Signing Envelope) v1, as the specification defines it:
 * https://github.com/secure-systems-lab/dsse/blob/master/protocol.md and envelope.md.
 * The signature covers PAE(payloadType, payload), never the JSON of the envelope.
 * Keys: Ed25519 (signature over PAE) or ECDSA P-256 with SHA-256 (DER signature), node:crypto.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { badInput } from '../errors';

/** One signature of an envelope. */
export interface DsseSignature {
  readonly keyid: string;
  readonly sig: string;
}

/** The envelope as JSON carries it: base64 payload, its type, the signatures. */
export interface DsseEnvelope {
  readonly payload: string;
  readonly payloadType: string;
  readonly signatures: readonly DsseSignature[];
}

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body; LEN in bytes, decimal. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** The algorithm a key signs with, or bad input for a key type DSSE here does not accept. */
export function algorithmOf(key: KeyObject, what: string): 'ed25519' | 'p256' {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'p256';
  const type = key.asymmetricKeyType === 'ec' ? `EC ${key.asymmetricKeyDetails?.namedCurve}` : key.asymmetricKeyType;
  throw badInput(`${what}: a ${type} key; expected Ed25519 or ECDSA P-256`);
}

/** The key id: SHA-256 of the public key's SubjectPublicKeyInfo, hex. */
export const keyIdOf = (key: KeyObject): string =>
  createHash('sha256')
    .update(createPublicKey(key).export({ type: 'spki', format: 'der' }))
    .digest('hex');

/** Signs `payload` into an envelope with one signature. */
export function signEnvelope(payloadType: string, payload: Uint8Array, privateKey: KeyObject): DsseEnvelope {
  const message = preAuthEncoding(payloadType, payload);
  const sig =
    algorithmOf(privateKey, 'signing key') === 'ed25519'
      ? sign(null, message, privateKey)
      : sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
  return {
    payload: Buffer.from(payload).toString('base64'),
    payloadType,
    signatures: [{ keyid: keyIdOf(privateKey), sig: sig.toString('base64') }],
  };
}

/** Whether any of the envelope's signatures verifies with `publicKey` over PAE. */
export function verifyEnvelope(envelope: DsseEnvelope, publicKey: KeyObject): boolean {
  const algorithm = algorithmOf(publicKey, 'public key');
  const message = preAuthEncoding(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  return envelope.signatures.some(({ sig }) => {
    const signature = Buffer.from(sig, 'base64');
    return algorithm === 'ed25519'
      ? verify(null, message, publicKey, signature)
      : verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature);
  });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checks that parsed JSON has the envelope's shape; bad input naming `file` otherwise. */
export function asEnvelope(value: unknown, file: string): DsseEnvelope {
  const e = value as Partial<DsseEnvelope> | null;
  const ok =
    typeof e === 'object' &&
    e !== null &&
    typeof e.payload === 'string' &&
    BASE64.test(e.payload) &&
    typeof e.payloadType === 'string' &&
    Array.isArray(e.signatures) &&
    e.signatures.length > 0 &&
    e.signatures.every((s) => typeof s === 'object' && s !== null && typeof s.sig === 'string' && BASE64.test(s.sig));
  if (!ok)
    throw badInput(`${file}: not a DSSE envelope (expected payload, payloadType and signatures[].sig, base64)`, {
      file,
    });
  return e as DsseEnvelope;
}
