import { issuerOf } from '../ems';
import { Identity } from '../forticlient';
import { issueCertificate, newSerial, OID } from '../pki';
import { Lab } from './lab';

const DAY = 86_400_000;

/** A certificate EMS would never issue, built for negative scenarios. */
export interface CraftOptions {
  readonly uid: string;
  /** Who signs: a site's active ZTNA root (default `default`), or EMS's SSL CA. */
  readonly signer?: { readonly site: string } | 'ems-ssl-ca';
  readonly notBefore?: number;
  readonly notAfter?: number;
  readonly extKeyUsage?: readonly string[];
  readonly profile?: 'client' | 'ca';
}

/**
 * Issues a certificate outside EMS's registration path: for a UID EMS does not know, with a
 * wrong EKU or validity, or under the EMS SSL CA, so that scenarios can show the gateway deny it.
 */
export async function craftIdentity(lab: Lab, options: CraftOptions): Promise<Identity> {
  const key = await lab.keys.take();
  const now = lab.clock.now();
  const signer = options.signer ?? { site: 'default' };
  const issuer =
    signer === 'ems-ssl-ca'
      ? issuerOf({ certificate: lab.ems.ssl.ca, key: lab.ems.ssl.caKey })
      : issuerOf(lab.ems.site(signer.site).ca.active);
  const certificate = issueCertificate({
    serial: newSerial(lab.random),
    subject: { CN: options.uid },
    subjectSpki: key.spki,
    issuer,
    notBefore: new Date(options.notBefore ?? now),
    notAfter: new Date(options.notAfter ?? now + 365 * DAY),
    profile: options.profile ?? 'client',
    extKeyUsage: options.extKeyUsage ?? (options.profile === 'ca' ? undefined : [OID.clientAuth]),
  });
  return { certificate, key };
}
