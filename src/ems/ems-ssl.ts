import type { Clock } from '../clock';
import { type Certificate, issueServerChain, type KeyPair, type KeySource, type Random } from '../pki';

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
  const { ca, server } = issueServerChain({
    caSubject: { CN: 'EMS SSL CA', O: 'ztna-harness lab' },
    serverSubject: { CN: hostName, O: 'ztna-harness lab' },
    dnsNames: [hostName],
    now: options.clock.now(),
    random: options.random,
    caKey,
    serverKey,
  });
  return { ca, caKey, server, serverKey };
}
