import { Certificate } from './certificate';
import { OID } from './asn1';

/** Why a certificate did not verify, in the words `detail` uses. */
export type ChainFailure =
  | 'untrusted-issuer'
  | 'bad-signature'
  | 'not-yet-valid'
  | 'expired'
  | 'not-client-auth'
  | 'not-server-auth'
  | 'ca-certificate';

/** What the verified certificate must be good for. */
export type Purpose = 'clientAuth' | 'serverAuth';

export type ChainResult =
  | { readonly ok: true; readonly anchor: Certificate }
  | { readonly ok: false; readonly failure: ChainFailure; readonly anchor?: Certificate };

/** The anchor that issued `leaf` (name match and a verifying signature), or why there is none. */
export function findIssuer(leaf: Certificate, anchors: Iterable<Certificate>): ChainResult {
  let nameMatch = false;
  for (const candidate of anchors) {
    if (!leaf.x509.checkIssued(candidate.x509)) continue;
    nameMatch = true;
    if (leaf.x509.verify(candidate.x509.publicKey)) return { ok: true, anchor: candidate };
  }
  return { ok: false, failure: nameMatch ? 'bad-signature' : 'untrusted-issuer' };
}

/** Validity at `at`, end-entity status and purpose: the checks that depend on time, not on trust. */
export function checkUsage(leaf: Certificate, at: number, purpose: Purpose): ChainFailure | undefined {
  if (at < leaf.notBefore) return 'not-yet-valid';
  if (at > leaf.notAfter) return 'expired';
  if (leaf.isCA) return 'ca-certificate';
  if (!leaf.extKeyUsage.includes(OID[purpose])) return purpose === 'clientAuth' ? 'not-client-auth' : 'not-server-auth';
  return undefined;
}

/**
 * Verifies a certificate issued directly by one of `anchors` (ZTNA roots sign client
 * certificates themselves, and EMS's SSL CA its server certificate) at virtual time `at`.
 */
export function verifyChain(leaf: Certificate, anchors: Iterable<Certificate>, at: number, purpose: Purpose): ChainResult {
  const issued = findIssuer(leaf, anchors);
  if (!issued.ok) return issued;
  const failure = checkUsage(leaf, at, purpose);
  return failure ? { ok: false, failure, anchor: issued.anchor } : issued;
}
