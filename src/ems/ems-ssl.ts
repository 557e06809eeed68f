import type { Clock } from '../clock';
import { type Certificate, issueCertificate, type KeyPair, type KeySource, newSerial, type Random } from '../pki';
import { issuerOf } from './ztna-ca';

const DAY = 86_400_000;

/**
 * EMS's own HTTPS identity: a server certificate (serverAuth only) from a CA that has nothing
 * to do with ZTNA. FortiGate verifies it before it syncs; it never authenticates a client.
 */
export interface EmsSslIdentity {
  readonly ca: Certificate;
  readonly caKey: KeyPair;
  readonly server: Certificate;
  readonly serverKey: KeyPair;
}

/** Creates the EMS SSL CA and the server certificate for `hostName`. */
export async function createEmsSslIdentity(
  hostName: string,
  options: { clock: Clock; random: Random; keys: KeySource },
): Promise<EmsSslIdentity> {
  const [caKey, serverKey] = await Promise.all([options.keys.take(), options.keys.take()]);
  const now = options.clock.now();
  const ca = issueCertificate({
    serial: newSerial(options.random),
    subject: { CN: 'EMS SSL CA', O: 'ztna-harness lab' },
    subjectSpki: caKey.spki,
    issuer: 'self',
    selfKey: caKey,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    profile: 'ca',
  });
  const server = issueCertificate({
    serial: newSerial(options.random),
    subject: { CN: hostName, O: 'ztna-harness lab' },
    subjectSpki: serverKey.spki,
    issuer: issuerOf({ certificate: ca, key: caKey }),
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 825 * DAY),
    profile: 'server',
    dnsNames: [hostName],
  });
  return { ca, caKey, server, serverKey };
}
