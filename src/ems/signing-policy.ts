import { OID, type SigningRequest } from '../pki';
import { UID_PATTERN } from './identifiers';

/** What a signing validator sees. */
export interface SigningContext {
  readonly csr: SigningRequest;
  /** The UID of the endpoint that is registering. */
  readonly uid: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly rootNotAfter: number;
}

/** One named rule of the ZTNA CA's signing policy; returns why it refuses, or undefined. */
export interface SigningValidator {
  readonly name: string;
  check(context: SigningContext): string | undefined;
}

const validator = (name: string, check: SigningValidator['check']): SigningValidator => ({ name, check });

const ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.3.101.112': 'Ed25519',
};

export const csrSignatureValid = validator('csrSignatureValid', ({ csr }) => {
  if (csr.signatureAlgorithm !== OID.sha256WithRSA)
    return `the CSR is signed with ${ALGORITHMS[csr.signatureAlgorithm] ?? csr.signatureAlgorithm}; only sha256WithRSAEncryption is accepted`;
  return csr.signatureValid ? undefined : 'the CSR signature does not verify with the key it carries';
});

export const uidFormat = validator('uidFormat', ({ uid }) =>
  UID_PATTERN.test(uid) ? undefined : `the UID "${uid}" is not 32 upper-case hexadecimal characters`,
);

export const uidMatchesSubject = validator('uidMatchesSubject', ({ csr, uid }) =>
  csr.subject.CN === uid ? undefined : `the CSR subject CN "${csr.subject.CN ?? ''}" is not the registering UID ${uid}`,
);

/** Key strength: at least `minBits` RSA bits (2048 by default, as EMS requires). */
export const keyStrength = (minBits = 2048): SigningValidator =>
  validator('keyStrength', ({ csr }) =>
    csr.keyType !== 'rsa'
      ? `the CSR key is ${csr.keyType}, not RSA`
      : csr.keyBits >= minBits
        ? undefined
        : `the CSR key has ${csr.keyBits} bits; at least ${minBits} are required`,
  );

export const clientAuthOnly = validator('clientAuthOnly', ({ csr }) => {
  const other = csr.requestedExtKeyUsage.filter((eku) => eku !== OID.clientAuth);
  return other.length === 0 ? undefined : `the CSR asks for key usages other than clientAuth (${other.join(', ')})`;
});

export const validity = validator('validity', ({ notBefore, notAfter, rootNotAfter }) => {
  if (notAfter <= notBefore) return 'the requested validity period is empty';
  if (notAfter > rootNotAfter) return 'the certificate would outlive the root CA that signs it';
  return undefined;
});

/** The ZTNA CA's policy, applied in order; the first refusal wins. */
export const DEFAULT_SIGNING_POLICY: readonly SigningValidator[] = [
  csrSignatureValid,
  uidFormat,
  uidMatchesSubject,
  keyStrength(2048),
  clientAuthOnly,
  validity,
];

/** The first refusal of `policy` for `context`, as `name: reason`, or undefined when all pass. */
export function firstRefusal(policy: readonly SigningValidator[], context: SigningContext): string | undefined {
  for (const rule of policy) {
    const refusal = rule.check(context);
    if (refusal) return `${rule.name}: ${refusal}`;
  }
  return undefined;
}
