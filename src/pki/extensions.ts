import { createHash } from 'node:crypto';
import {
  type Asn1,
  bitString,
  boolean,
  explicit,
  fromDer,
  implicitPrimitive,
  OID,
  octetString,
  oid,
  sequence,
  toDer,
} from './asn1';

/** What a certificate is for; each profile fixes its key usage and EKU. */
export type CertificateProfile = 'ca' | 'client' | 'server';

/** The extensions of a certificate to be issued. */
export interface ExtensionSpec {
  readonly profile: CertificateProfile;
  readonly subjectSpki: Buffer;
  readonly issuerSpki: Buffer;
  /** DNS names for a server certificate. */
  readonly dnsNames?: readonly string[];
  /** IPv4 addresses for a server certificate. */
  readonly ipAddresses?: readonly string[];
  /** Overrides the profile's EKU (only to build deliberately wrong certificates in tests). */
  readonly extKeyUsage?: readonly string[];
}

/** RFC 5280 method 1 key identifier: SHA-1 of the subjectPublicKey bit string. */
export function keyIdentifier(spki: Buffer): Buffer {
  const bits = fromDer(spki).value as Asn1[];
  const keyBits = Buffer.from(bits[1]!.value as string, 'binary').subarray(1);
  return createHash('sha1').update(keyBits).digest();
}

const extension = (id: string, critical: boolean, value: Asn1): Asn1 =>
  critical ? sequence(oid(id), boolean(true), octetString(toDer(value))) : sequence(oid(id), octetString(toDer(value)));

// keyUsage bits, most significant first: digitalSignature(0) keyEncipherment(2) keyCertSign(5) cRLSign(6)
const KEY_USAGE: Record<CertificateProfile, Buffer> = {
  ca: Buffer.from([0b0000_0110]),
  client: Buffer.from([0b1010_0000]),
  server: Buffer.from([0b1010_0000]),
};
const UNUSED_BITS: Record<CertificateProfile, number> = { ca: 1, client: 5, server: 5 };
const EKU: Record<CertificateProfile, readonly string[]> = {
  ca: [],
  client: [OID.clientAuth],
  server: [OID.serverAuth],
};

/** The Extensions SEQUENCE for a certificate of the given profile. */
export function encodeExtensions(spec: ExtensionSpec): Asn1 {
  const isCa = spec.profile === 'ca';
  const list: Asn1[] = [
    extension(OID.basicConstraints, true, isCa ? sequence(boolean(true)) : sequence()),
    extension(OID.keyUsage, true, bitString(KEY_USAGE[spec.profile], UNUSED_BITS[spec.profile])),
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(spec.subjectSpki))),
    extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, keyIdentifier(spec.issuerSpki)))),
  ];
  const eku = spec.extKeyUsage ?? EKU[spec.profile];
  if (eku.length > 0) list.push(extension(OID.extKeyUsage, false, sequence(...eku.map(oid))));
  const names = [
    ...(spec.dnsNames ?? []).map((dns) => implicitPrimitive(2, Buffer.from(dns, 'ascii'))),
    ...(spec.ipAddresses ?? []).map((ip) => implicitPrimitive(7, Buffer.from(ip.split('.').map(Number)))),
  ];
  if (names.length > 0) list.push(extension(OID.subjectAltName, false, sequence(...names)));
  return explicit(3, sequence(...list));
}
