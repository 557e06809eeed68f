/** The records an EMS takes and gives: its sites, what it syncs to a gateway, a registration, its options. */
import type { Clock } from '../clock';
import type { KeySource, Random, SigningRequest } from '../pki';
import type { EndpointEntry } from './endpoint-registry';
import type { SigningValidator } from './signing-policy';
import type { RootCa, ZtnaCa } from './ztna-ca';

/** An EMS site (tenant) with its own ZTNA root CA. */
export interface Site {
  readonly name: string;
  readonly tenantId: string;
  readonly ca: ZtnaCa;
}

/** What EMS syncs to a gateway for one site: roots, endpoints, revoked serials. */
export interface EmsSnapshot {
  readonly emsSerial: string;
  readonly site: string;
  readonly tenantId: string;
  readonly roots: readonly Pick<RootCa, 'certificate' | 'status'>[];
  readonly endpoints: readonly EndpointEntry[];
  readonly revokedSerials: readonly string[];
}

/** What an endpoint tells EMS when it registers. */
export interface RegistrationRequest {
  readonly uid: string;
  readonly site: string;
  readonly csr: SigningRequest;
  readonly hostName: string;
  readonly os: string;
  readonly ip: string;
  readonly mac: string;
  readonly tags?: readonly string[];
}

export interface EmsOptions {
  readonly clock: Clock;
  readonly random: Random;
  readonly keys: KeySource;
  readonly serial?: string;
  readonly hostName?: string;
  readonly sites?: readonly { readonly name: string; readonly tenantId?: string }[];
  readonly clientCertificateDays?: number;
  readonly policy?: readonly SigningValidator[];
}

export type RootChangeListener = (site: string) => Promise<void>;

/**
 * What survives an EMS restart. `persisted`: the database is intact. `rebuilt`: the endpoint
 * registry is lost and rebuilt as endpoints register again; the CA database (root CAs and their
 * keys, which root issued each serial, the revocation list) is kept, as a CA backup keeps it.
 */
export type RegistryOnRestart = 'persisted' | 'rebuilt';
