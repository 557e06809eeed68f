import { sign, X509Certificate } from 'node:crypto';
import { bitString, childrenOf, explicit, fromDer, sha256WithRsa, sequence, smallInteger, time, toDer, unsignedInteger } from './asn1';
import { encodeExtensions, CertificateProfile } from './extensions';
import { KeyPair } from './keys';
import { DistinguishedName, encodeName } from './name';
import { toPem } from './pem';
import { badInput } from '../errors';

/** A parsed certificate: the readonly summary the engine, evidence and reports use. */
export interface Certificate {
  readonly der: Buffer;
  readonly pem: string;
  /** Node's native view, for signature checks. */
  readonly x509: X509Certificate;
  /** Serial number as upper-case hex, 40 characters for the harness's own certificates. */
  readonly serial: string;
  readonly subjectCN: string;
  readonly issuerCN: string;
  /** One-line `CN=…, O=…` forms. */
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: number;
  readonly notAfter: number;
  /** Extended key usage OIDs (empty when the extension is absent). */
  readonly extKeyUsage: readonly string[];
  readonly isCA: boolean;
  /** SHA-256 of the DER, upper-case hex without separators. */
  readonly fingerprint: string;
  /** The DER of the subject Name, which CRLs of a CA must repeat byte for byte. */
  readonly subjectNameDer: Buffer;
}

/** Who signs: the issuer's subject Name (DER) and key. A self-signed CA is its own issuer. */
export interface Issuer {
  readonly nameDer: Buffer;
  readonly key: KeyPair;
}

/** Everything that goes into one certificate. */
export interface CertificateSpec {
  readonly serial: Buffer;
  readonly subject: DistinguishedName;
  readonly subjectSpki: Buffer;
  readonly issuer: Issuer | 'self';
  /** The subject's key, needed only when self-signed. */
  readonly selfKey?: KeyPair;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly profile: CertificateProfile;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly extKeyUsage?: readonly string[];
}

/** Builds the TBSCertificate with forge's ASN.1 and signs it with node:crypto (native RSA). */
export function issueCertificate(spec: CertificateSpec): Certificate {
  const subjectName = toDer(encodeName(spec.subject));
  const issuer: Issuer =
    spec.issuer === 'self' ? { nameDer: subjectName, key: spec.selfKey ?? missingSelfKey() } : spec.issuer;
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(spec.serial),
    sha256WithRsa(),
    fromDer(issuer.nameDer),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    fromDer(subjectName),
    fromDer(spec.subjectSpki),
    encodeExtensions({ ...spec, issuerSpki: issuer.key.spki }),
  );
  const tbsDer = toDer(tbs);
  const signature = sign('sha256', tbsDer, issuer.key.privateKey);
  const der = toDer(sequence(fromDer(tbsDer), sha256WithRsa(), bitString(signature)));
  return parseCertificate(der);
}

function missingSelfKey(): never {
  throw new TypeError('a self-signed certificate needs selfKey');
}

const cnOf = (dn: string): string => /(?:^|\n)CN=([^\n]*)/.exec(dn)?.[1] ?? '';
const oneLine = (dn: string): string => dn.split('\n').reverse().join(', ');

/** Parses a certificate from DER or PEM; anything unparseable is bad input. */
export function parseCertificate(input: Buffer | string): Certificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(input);
  } catch (cause) {
    throw badInput(`not a valid X.509 certificate (${(cause as Error).message})`, undefined, cause);
  }
  const der = x509.raw;
  const tbs = childrenOf(childrenOf(fromDer(der))[0]!);
  const subjectIndex = tbs[0]!.tagClass === 0x80 ? 5 : 4; // version [0] is optional in v1 certificates
  return {
    der,
    pem: toPem('CERTIFICATE', der),
    x509,
    serial: x509.serialNumber.toUpperCase(),
    subjectCN: cnOf(x509.subject),
    issuerCN: cnOf(x509.issuer),
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    notBefore: Date.parse(x509.validFrom),
    notAfter: Date.parse(x509.validTo),
    extKeyUsage: x509.keyUsage ?? [],
    isCA: x509.ca,
    fingerprint: x509.fingerprint256.replace(/:/g, ''),
    subjectNameDer: toDer(tbs[subjectIndex]!),
  };
}
