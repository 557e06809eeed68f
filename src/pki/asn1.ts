/**
 * Small builders over node-forge's ASN.1 module. Certificates, CSRs and CRLs are assembled from
 * these so that every structure is encoded in one place; signing happens in node:crypto.
 */
import forge from 'node-forge';

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

export type Asn1 = forge.asn1.Asn1;

export const sequence = (...items: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, items);
export const set = (...items: Asn1[]): Asn1 => asn1.create(U, T.SET, true, items);
export const oid = (dotted: string): Asn1 => asn1.create(U, T.OID, false, asn1.oidToDer(dotted).getBytes());
export const nullValue = (): Asn1 => asn1.create(U, T.NULL, false, '');
export const boolean = (value: boolean): Asn1 => asn1.create(U, T.BOOLEAN, false, value ? '\xff' : '\x00');
export const octetString = (bytes: Buffer): Asn1 => asn1.create(U, T.OCTETSTRING, false, bytes.toString('binary'));
export const utf8 = (text: string): Asn1 => asn1.create(U, T.UTF8, false, forge.util.encodeUtf8(text));
export const printable = (text: string): Asn1 => asn1.create(U, T.PRINTABLESTRING, false, text);
export const enumerated = (value: number): Asn1 => asn1.create(U, T.ENUMERATED, false, String.fromCharCode(value));
export const bitString = (bytes: Buffer, unusedBits = 0): Asn1 =>
  asn1.create(U, T.BITSTRING, false, String.fromCharCode(unusedBits) + bytes.toString('binary'));
export const explicit = (tag: number, inner: Asn1): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [inner]);
export const implicitPrimitive = (tag: number, bytes: Buffer): Asn1 =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, false, bytes.toString('binary'));

/** An INTEGER from unsigned big-endian bytes, with the 0x00 pad DER needs to keep it positive. */
export function unsignedInteger(bytes: Buffer): Asn1 {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  const padded = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return asn1.create(U, T.INTEGER, false, padded.toString('binary'));
}

export const smallInteger = (value: number): Asn1 => asn1.create(U, T.INTEGER, false, asn1.integerToDer(value).getBytes());

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 §4.1.2.5 requires. */
export function time(at: Date): Asn1 {
  return at.getUTCFullYear() < 2050
    ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(at))
    : asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(at));
}

export const toDer = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');

/** Parses DER strictly: trailing bytes are an error, not ignored. */
// forge's typings only know the old boolean form of the options argument.
const STRICT = { strict: true, parseAllBytes: true, decodeBitStrings: false } as unknown as boolean;
export const fromDer = (der: Buffer): Asn1 => asn1.fromDer(forge.util.createBuffer(der.toString('binary')), STRICT);

/** The raw contents of a primitive node as bytes. */
export function bytesOf(node: Asn1): Buffer {
  if (typeof node.value !== 'string') throw new TypeError('expected a primitive ASN.1 value');
  return Buffer.from(node.value, 'binary');
}

/** The children of a constructed node. */
export function childrenOf(node: Asn1): Asn1[] {
  if (!Array.isArray(node.value)) throw new TypeError('expected a constructed ASN.1 value');
  return node.value;
}

export const oidOf = (node: Asn1): string => asn1.derToOid(forge.util.createBuffer(node.value as string));

export const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  rsaEncryption: '1.2.840.113549.1.1.1',
  extensionRequest: '1.2.840.113549.1.9.14',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  country: '2.5.4.6',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** AlgorithmIdentifier for sha256WithRSAEncryption, the only signature algorithm the harness emits. */
export const sha256WithRsa = (): Asn1 => sequence(oid(OID.sha256WithRSA), nullValue());
