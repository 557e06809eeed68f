import { type Certificate, issueCertificate } from './certificate';
import type { KeyPair } from './keys';
import type { DistinguishedName } from './name';
import { newSerial, type Random } from './random';

const DAY = 86_400_000;

/** A TLS server identity of its own: who the CA and the server are, their keys, and when. */
export interface ServerChainSpec {
  readonly caSubject: DistinguishedName;
  readonly serverSubject: DistinguishedName;
  readonly dnsNames: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly now: number;
  readonly random: Random;
  readonly caKey: KeyPair;
  readonly serverKey: KeyPair;
}

/**
 * A self-signed CA (ten years) and a serverAuth certificate it signs (825 days, the longest
 * validity browsers take), both valid from a day before `now`, so that a clock a little behind
 * still accepts them. For the lab's TLS servers that are no part of ZTNA client authentication:
 * EMS's HTTPS service and the access proxy's own certificate.
 */
export function issueServerChain(spec: ServerChainSpec): { readonly ca: Certificate; readonly server: Certificate } {
  const notBefore = new Date(spec.now - DAY);
  const ca = issueCertificate({
    serial: newSerial(spec.random),
    subject: spec.caSubject,
    subjectSpki: spec.caKey.spki,
    issuer: 'self',
    selfKey: spec.caKey,
    notBefore,
    notAfter: new Date(spec.now + 3650 * DAY),
    profile: 'ca',
  });
  const server = issueCertificate({
    serial: newSerial(spec.random),
    subject: spec.serverSubject,
    subjectSpki: spec.serverKey.spki,
    issuer: { nameDer: ca.subjectNameDer, key: spec.caKey },
    notBefore,
    notAfter: new Date(spec.now + 825 * DAY),
    profile: 'server',
    dnsNames: spec.dnsNames,
    ipAddresses: spec.ipAddresses,
  });
  return { ca, server };
}
