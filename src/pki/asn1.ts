/**
 * Small builders over node-forge's ASN.1 module. Certificates, CSRs and CRLs are assembled from
 * these so that every structure is encoded in one place; signing happens in node:crypto.
 */
import forge from 'node-forge';
import { badInput } from '../errors';

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
export const explicit = (tag: number, inner: Asn1): Asn1 =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [inner]);
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

export const smallInteger = (value: number): Asn1 =>
  asn1.create(U, T.INTEGER, false, asn1.integerToDer(value).getBytes());

/**
 * UTCTime for the years 1950–2049, GeneralizedTime otherwise, as RFC 5280 §4.1.2.5 requires
 * (UTCTime has two year digits: 1949 written as one would read back as 2049). A date that
 * neither can express (before year 0, after 9999) is refused rather than written wrong.
 */
export function time(at: Date): Asn1 {
  const year = at.getUTCFullYear();
  if (!(year >= 0 && year <= 9999))
    throw badInput(
      `a certificate date must fall within the years 0–9999, not ${Number.isNaN(year) ? 'an invalid date' : year}`,
    );
  return year >= 1950 && year < 2050
    ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(at))
    : asn1.create(U, T.GENERALIZEDTIME, false, generalizedTime(at));
}

/** YYYYMMDDHHMMSSZ with a four-digit year (forge does not pad years before 1000). */
function generalizedTime(at: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;
}

export const toDer = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');

/** Parses DER strictly: trailing bytes are an error, not ignored. */
// forge's typings only know the old boolean form of the options argument.
const STRICT = { strict: true, parseAllBytes: true, decodeBitStrings: false } as unknown as boolean;
export const fromDer = (der: Buffer): Asn1 => asn1.fromDer(forge.util.createBuffer(der.toString('binary')), STRICT);

/** What is wrong with DER that fromDer refused, in words a user can act on (forge's are about its parser). */
export function derProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/too few bytes/i.test(message)) return 'its DER encoding ends early (truncated?)';
  if (/unparsed der bytes remain/i.test(message)) return 'bytes follow the end of its DER encoding';
  if (/bits supported|length/i.test(message)) return 'its DER encoding has an impossible length (not DER?)';
  return `its DER encoding is broken: ${message.split('\n')[0]}`;
}

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
