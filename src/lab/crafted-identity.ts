import { issuerOf } from '../ems';
import type { Identity } from '../forticlient';
import { issueCertificate, newSerial, OID } from '../pki';
import type { Lab } from './lab';

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

/**
 * The crafted certificates scenarios present, by what makes each one a certificate EMS would
 * not issue; each gives the options beside the UID at the lab's time `now`.
 */
export const CRAFT_RECIPES = {
  'ems-ssl-ca': () => ({ signer: 'ems-ssl-ca' }),
  expired: (now) => ({ notBefore: now - 30 * DAY, notAfter: now - DAY }),
  'not-yet-valid': (now) => ({ notBefore: now + DAY }),
  'server-auth-only': () => ({ extKeyUsage: [OID.serverAuth] }),
  'ca-flag': () => ({ profile: 'ca' }),
  /** Valid in every other way: only its serial is one EMS never issued (nor recorded). */
  'unknown-serial': () => ({}),
} as const satisfies Record<string, (now: number) => Omit<CraftOptions, 'uid'>>;

/** A crafted certificate's recipe name. */
export type CraftRecipe = keyof typeof CRAFT_RECIPES;

/** Crafts the named recipe for `uid` at the lab's time. */
export const craftFromRecipe = (lab: Lab, uid: string, recipe: CraftRecipe): Promise<Identity> =>
  craftIdentity(lab, { uid, ...CRAFT_RECIPES[recipe](lab.clock.now()) });
