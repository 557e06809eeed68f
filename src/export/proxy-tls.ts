import { issuerOf } from '../ems';
import type { Identity } from '../forticlient';
import type { Lab } from '../lab';
import { type Certificate, issueCertificate, type KeyPair, newSerial } from '../pki';

const DAY = 86_400_000;

/** The access proxy's own TLS identity and the CA clients verify it with. */
export interface ProxyTls {
  readonly ca: Certificate;
  readonly caKey: KeyPair;
  readonly server: Identity;
}

const cache = new WeakMap<Lab, ProxyTls>();

/**
 * The TLS server certificate of the lab's access proxy (for loopback names), from a CA of its own:
 * neither a ZTNA root nor EMS's SSL CA, as on a FortiGate whose access-proxy certificate comes
 * from the organisation's web PKI. One per lab, so that reloads keep the same server identity.
 */
export async function proxyTlsOf(lab: Lab, hostNames: readonly string[] = []): Promise<ProxyTls> {
  const existing = cache.get(lab);
  if (existing) return existing;
  const [caKey, serverKey] = [await lab.keys.take(), await lab.keys.take()];
  // Wall-clock validity: real proxies and clients check it against real time.
  const now = Date.now();
  const ca = issueCertificate({
    serial: newSerial(lab.random),
    subject: { CN: 'ztna-harness access proxy CA', O: 'ztna-harness lab' },
    subjectSpki: caKey.spki,
    issuer: 'self',
    selfKey: caKey,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    profile: 'ca',
  });
  const certificate = issueCertificate({
    serial: newSerial(lab.random),
    subject: { CN: 'localhost', O: 'ztna-harness lab' },
    subjectSpki: serverKey.spki,
    issuer: issuerOf({ certificate: ca, key: caKey }),
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 825 * DAY),
    profile: 'server',
    dnsNames: ['localhost', ...hostNames],
    ipAddresses: ['127.0.0.1'],
  });
  const tls = { ca, caKey, server: { certificate, key: serverKey } };
  cache.set(lab, tls);
  return tls;
}
