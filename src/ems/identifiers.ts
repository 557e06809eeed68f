import type { Random } from '../pki';

/** The tenant id of EMS's default site: 32 zeros, as FortiOS prints it. */
export const DEFAULT_TENANT_ID = '0'.repeat(32);
export { NO_CERTIFICATE_SN, UID_PATTERN } from '../ztna-identifiers';

/** A FortiClient UID: 32 upper-case hex characters. */
export const newUid = (random: Random): string => random.bytes(16).toString('hex').toUpperCase();

/** An EMS serial: `FCTEMS` and ten digits. */
export function newEmsSerial(random: Random): string {
  const digits = [...random.bytes(10)].map((b) => String(b % 10)).join('');
  return `FCTEMS${digits}`;
}

/** A tenant id for a non-default site. */
export const newTenantId = (random: Random): string => random.bytes(16).toString('hex');

/** The root CA name EMS gives a site: `default_ZTNARootCA` for the default site. */
export const rootCaName = (site: string): string => `${site}_ZTNARootCA`;
