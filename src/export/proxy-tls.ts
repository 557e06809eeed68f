import type { Identity } from '../forticlient';
import type { Lab } from '../lab';
import { type Certificate, issueServerChain, type KeyPair } from '../pki';

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
  const { ca, server: certificate } = issueServerChain({
    caSubject: { CN: 'ztna-harness access proxy CA', O: 'ztna-harness lab' },
    serverSubject: { CN: 'localhost', O: 'ztna-harness lab' },
    dnsNames: ['localhost', ...hostNames],
    ipAddresses: ['127.0.0.1'],
    now: Date.now(), // wall-clock validity: real proxies and clients check it against real time
    random: lab.random,
    caKey,
    serverKey,
  });
  const tls = { ca, caKey, server: { certificate, key: serverKey } };
  cache.set(lab, tls);
  return tls;
}
