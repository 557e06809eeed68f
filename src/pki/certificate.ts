import { createHash, sign, X509Certificate } from 'node:crypto';
import { badInput } from '../errors';
import {
  type Asn1,
  bitString,
  bytesOf,
  childrenOf,
  derProblem,
  explicit,
  fromDer,
  OID,
  oidOf,
  sequence,
  sha256WithRsa,
  smallInteger,
  time,
  toDer,
  unsignedInteger,
} from './asn1';
import { type CertificateProfile, encodeExtensions } from './extensions';
import type { KeyPair } from './keys';
import { type DistinguishedName, decodeName, encodeName, formatName } from './name';
import { derOf, toPem } from './pem';

/** A parsed certificate: the readonly summary the engine, evidence and reports use. */
export interface Certificate {
  readonly der: Buffer;
  readonly pem: string;
  /** Node's native view, for signature checks. */
  readonly x509: X509Certificate;
  /** Serial number as upper-case hex, 40 characters for the harness's own certificates. */
  readonly serial: string;
  /** Why the serial breaks RFC 5280 (negative, zero, too long…); absent for a good one. */
  readonly serialProblem?: string;
  /** The subject's one CN; empty when it has none or several (an ambiguous subject names no one). */
  readonly subjectCN: string;
  /** OID of the algorithm the issuer signed with. */
  readonly signatureAlgorithm: string;
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
  return issuedCertificate(der, spec, subjectName, issuer.nameDer);
}

const PROFILE_EKU: Record<CertificateProfile, readonly string[]> = {
  ca: [],
  client: [OID.clientAuth],
  server: [OID.serverAuth],
};
// Characters X509Certificate escapes in names (RFC 2253); such names take the parsing path.
const SPECIAL = /[,+"\\<>;#=\n\r]|^ | $/;

/**
 * The record of a certificate just built, from what went into it: parsing it back costs an
 * OpenSSL 3 decode and forge's ASN.1 (~0.4 ms). Node's X509Certificate view is made on first use.
 */
function issuedCertificate(
  der: Buffer,
  spec: CertificateSpec,
  subjectNameDer: Buffer,
  issuerNameDer: Buffer,
): Certificate {
  const subject = decodeName(fromDer(subjectNameDer));
  const issuer = decodeName(fromDer(issuerNameDer));
  // Unusual names or serials (crafted test certificates) take the parsing path, which reports them.
  const unusual =
    [...Object.values(subject), ...Object.values(issuer)].some((v) => SPECIAL.test(v!)) ||
    spec.serial.length > 20 ||
    spec.serial.every((b) => b === 0);
  if (unusual) return parseCertificate(der);
  let x509: X509Certificate | undefined;
  let first = 0;
  while (first < spec.serial.length - 1 && spec.serial[first] === 0) first++;
  return {
    der,
    pem: toPem('CERTIFICATE', der),
    get x509() {
      x509 ??= new X509Certificate(der);
      return x509;
    },
    serial: spec.serial.subarray(first).toString('hex').toUpperCase(),
    subjectCN: subject.CN ?? '',
    signatureAlgorithm: OID.sha256WithRSA,
    issuerCN: issuer.CN ?? '',
    subject: formatName(subject),
    issuer: formatName(issuer),
    notBefore: Math.floor(spec.notBefore.getTime() / 1000) * 1000,
    notAfter: Math.floor(spec.notAfter.getTime() / 1000) * 1000,
    extKeyUsage: spec.extKeyUsage ?? PROFILE_EKU[spec.profile],
    isCA: spec.profile === 'ca',
    fingerprint: createHash('sha256').update(der).digest('hex').toUpperCase(),
    subjectNameDer,
  };
}

function missingSelfKey(): never {
  throw new TypeError('a self-signed certificate needs selfKey');
}

const cnOf = (dn: string): string => /(?:^|\n)CN=([^\n]*)/.exec(dn)?.[1] ?? '';
const oneLine = (dn: string): string => dn.split('\n').reverse().join(', ');

/**
 * Parses one certificate from DER or PEM (exactly one CERTIFICATE block; DER without trailing
 * bytes); anything else is bad input with one clear message.
 */
export function parseCertificate(input: Buffer | string): Certificate {
  const bytes = derOf(input, 'CERTIFICATE', 'certificate');
  // Structure first (strict DER, no trailing bytes), so that the message says what is wrong;
  // OpenSSL falls back to reading DER it cannot decode as PEM and says "no start line".
  let tbs: Asn1[];
  let signatureAlgorithm: string;
  try {
    const [tbsNode, algorithm] = childrenOf(fromDer(bytes));
    tbs = childrenOf(tbsNode!);
    signatureAlgorithm = oidOf(childrenOf(algorithm!)[0]!);
  } catch (cause) {
    throw badInput(`not a valid X.509 certificate (${derProblem(cause)})`, undefined, cause);
  }
  const subjectIndex = tbs[0]!.tagClass === 0x80 ? 5 : 4; // version [0] is optional in v1 certificates
  const serialBytes =
    tbs[subjectIndex - 4]?.type === 2 && typeof tbs[subjectIndex - 4]!.value === 'string'
      ? bytesOf(tbs[subjectIndex - 4]!)
      : undefined;
  if (serialBytes?.length === 0) throw badInput('not a valid X.509 certificate (its serial number is empty: 0 bytes)');
  const serialProblem = serialBytes && problemOfSerial(serialBytes);
  if (serialProblem === 'not minimally encoded')
    throw badInput('not a valid X.509 certificate (its serial number is not minimally DER-encoded)');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(bytes);
  } catch (cause) {
    // OpenSSL retries what it cannot decode as PEM, and reports that attempt: "no start line".
    const message = (cause as Error).message.includes('no start line')
      ? 'OpenSSL cannot decode its DER'
      : (cause as Error).message;
    throw badInput(`not a valid X.509 certificate (${message})`, undefined, cause);
  }
  const der = x509.raw;
  const [notBefore, notAfter] = [Date.parse(x509.validFrom), Date.parse(x509.validTo)];
  if (Number.isNaN(notBefore) || Number.isNaN(notAfter))
    throw badInput(`the certificate's validity period cannot be read (${x509.validFrom} - ${x509.validTo})`);
  return {
    der,
    pem: toPem('CERTIFICATE', der),
    x509,
    serial: x509.serialNumber.toUpperCase(),
    ...(serialProblem ? { serialProblem } : {}),
    subjectCN: onlyCommonName(tbs[subjectIndex]!),
    signatureAlgorithm,
    issuerCN: cnOf(x509.issuer),
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    notBefore,
    notAfter,
    extKeyUsage: x509.keyUsage ?? [],
    isCA: x509.ca,
    fingerprint: x509.fingerprint256.replace(/:/g, ''),
    subjectNameDer: toDer(tbs[subjectIndex]!),
  };
}

/** The value of the subject's single CN attribute, or '' when there is none or more than one. */
function onlyCommonName(subject: Asn1): string {
  const values = childrenOf(subject)
    .flatMap((rdn) => childrenOf(rdn))
    .map((attribute) => childrenOf(attribute))
    .filter(([type]) => oidOf(type!) === OID.commonName)
    .map(([, value]) => value!);
  if (values.length !== 1) return '';
  const raw = Buffer.from(values[0]!.value as string, 'binary');
  // BMPString (30) is UTF-16BE; UTF8String, PrintableString and IA5String read as UTF-8.
  return values[0]!.type === 30 ? raw.swap16().toString('utf16le') : raw.toString('utf8');
}

/** RFC 5280 §4.1.2.2: a serial is a positive INTEGER of at most 20 octets, and DER encodes it minimally. */
function problemOfSerial(content: Buffer): string | undefined {
  if (content[0]! & 0x80) return 'negative';
  if (content.every((b) => b === 0)) return 'zero';
  if (content.length > 1 && content[0] === 0 && !(content[1]! & 0x80)) return 'not minimally encoded';
  if (content.length > 21 || (content.length === 21 && content[0] !== 0)) return 'longer than 20 octets';
  return undefined;
}
