import type { KeyObject } from 'node:crypto';
import { OID } from './asn1';
import type { Certificate } from './certificate';

/** Why a certificate did not verify, in the words `detail` uses. */
export type ChainFailure =
  | 'untrusted-issuer'
  | 'bad-signature'
  | 'not-yet-valid'
  | 'expired'
  | 'not-client-auth'
  | 'not-server-auth'
  | 'ca-certificate'
  | 'bad-serial'
  | 'weak-signature';

/** SHA-2 with RSA (PKCS#1 v1.5 or PSS) or ECDSA; MD5 and SHA-1 signatures can be forged by collision. */
const STRONG_SIGNATURES = new Set([
  '1.2.840.113549.1.1.11',
  '1.2.840.113549.1.1.12',
  '1.2.840.113549.1.1.13',
  '1.2.840.113549.1.1.10',
  '1.2.840.10045.4.3.2',
  '1.2.840.10045.4.3.3',
  '1.2.840.10045.4.3.4',
]);

/** What the verified certificate must be good for. */
export type Purpose = 'clientAuth' | 'serverAuth';

export type ChainResult =
  | { readonly ok: true; readonly anchor: Certificate }
  | { readonly ok: false; readonly failure: ChainFailure; readonly anchor?: Certificate };

/**
 * Each anchor's public key, made once: `X509Certificate.publicKey` returns a new key object on
 * every call, and OpenSSL then prepares the modulus again for each verification (~10 µs with
 * RSA-2048, a third of the signature check itself).
 */
const anchorKeys = new WeakMap<Certificate, KeyObject>();

function publicKeyOf(anchor: Certificate): KeyObject {
  let key = anchorKeys.get(anchor);
  if (!key) {
    key = anchor.x509.publicKey;
    anchorKeys.set(anchor, key);
  }
  return key;
}

/** The anchor that issued `leaf` (name match and a verifying signature), or why there is none. */
export function findIssuer(leaf: Certificate, anchors: Iterable<Certificate>): ChainResult {
  let nameMatch = false;
  for (const candidate of anchors) {
    if (!leaf.x509.checkIssued(candidate.x509)) continue;
    nameMatch = true;
    if (leaf.x509.verify(publicKeyOf(candidate))) return { ok: true, anchor: candidate };
  }
  return { ok: false, failure: nameMatch ? 'bad-signature' : 'untrusted-issuer' };
}

/** Validity at `at`, written to fail closed: a date that could not be read (NaN) is never "within". */
export function checkValidity(leaf: Certificate, at: number): 'not-yet-valid' | 'expired' | undefined {
  if (!(at >= leaf.notBefore)) return 'not-yet-valid';
  if (!(at <= leaf.notAfter)) return 'expired';
  return undefined;
}

/** Validity at `at`, then end-entity status and purpose: the checks that do not depend on trust. */
function checkUsage(leaf: Certificate, at: number, purpose: Purpose): ChainFailure | undefined {
  return checkValidity(leaf, at) ?? checkPurpose(leaf, purpose);
}

/** What does not depend on time or trust: a good serial, a strong signature, an end entity for `purpose`. */
export function checkPurpose(leaf: Certificate, purpose: Purpose): ChainFailure | undefined {
  if (leaf.serialProblem) return 'bad-serial';
  if (!STRONG_SIGNATURES.has(leaf.signatureAlgorithm)) return 'weak-signature';
  if (leaf.isCA) return 'ca-certificate';
  if (!leaf.extKeyUsage.includes(OID[purpose])) return purpose === 'clientAuth' ? 'not-client-auth' : 'not-server-auth';
  return undefined;
}

/**
 * Verifies a certificate issued directly by one of `anchors` (ZTNA roots sign client
 * certificates themselves, and EMS's SSL CA its server certificate) at virtual time `at`.
 */
export function verifyChain(
  leaf: Certificate,
  anchors: Iterable<Certificate>,
  at: number,
  purpose: Purpose,
): ChainResult {
  const issued = findIssuer(leaf, anchors);
  if (!issued.ok) return issued;
  const failure = checkUsage(leaf, at, purpose);
  return failure ? { ok: false, failure, anchor: issued.anchor } : issued;
}
