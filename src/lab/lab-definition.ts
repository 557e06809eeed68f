import type { AccessProxySettings, FortiosVersion, LabUser, ProxyRule, ZtnaObjects } from '../gateway';

/** One endpoint of a lab. */
export interface EndpointSpec {
  readonly name: string;
  readonly uid?: string;
  readonly site?: string;
  readonly os?: string;
  readonly userAgent?: string;
  readonly tags?: readonly string[];
  readonly online?: boolean;
  readonly hostName?: string;
  readonly ip?: string;
  readonly mac?: string;
  /** Whether it registers when the lab starts (default true). */
  readonly registered?: boolean;
}

/** One FortiGate access proxy of a lab. */
export interface GatewaySpec {
  readonly name: string;
  /** The EMS site its fabric connector syncs (default `default`). */
  readonly site?: string;
  readonly serial?: string;
  /** Shorthand: the one ZTNA server's certificate settings. */
  readonly settings?: Partial<AccessProxySettings>;
  /** Shorthand: flat rules (one ZTNA server, one API gateway per rule host). */
  readonly rules?: readonly ProxyRule[];
  /** The FortiOS objects the gateway decides from, instead of `rules`. */
  readonly objects?: ZtnaObjects;
  /** Users that may authenticate to the gateway, with their user groups. */
  readonly users?: readonly LabUser[];
  /** The FortiOS release of a shorthand gateway (`objects` carry their own). */
  readonly version?: FortiosVersion;
  /** The gateway clock's offset from EMS's, in ms. */
  readonly clockSkewMs?: number;
  /** The FortiOS configuration file the objects came from, and how many ZTNA keys it left unread. */
  readonly fortiosConfig?: { readonly file: string; readonly warnings: number };
}

/** `endpoint-control fctems`: the gateway's side of its connector to the lab's EMS. */
export interface ConnectorSpec {
  readonly name?: string;
  /** `status` (disable: the connector is off, nothing syncs). */
  readonly status?: 'enable' | 'disable';
  readonly server?: string;
  /** `serial-number`: EMS must have this serial, or nothing syncs. */
  readonly serialNumber?: string;
  /** `tenant-id`: the EMS site (tenant) must have this id, or nothing syncs. */
  readonly tenantId?: string;
  /** `trust-ca-cn`. */
  readonly trustCaCn?: 'enable' | 'disable';
  /** `verifying-ca`: the CA (by name) that must have signed EMS's server certificate. */
  readonly verifyingCa?: string;
}

/** The fabric connector of one gateway. */
export interface LinkSpec {
  readonly gateway: string;
  /** Whether the gateway trusts the CA of EMS's SSL certificate (default true). */
  readonly trustEmsCertificate?: boolean;
  readonly syncDelayMs?: number;
  readonly outOfSyncThresholdMs?: number;
  /** Whether the link starts connected (default true). */
  readonly up?: boolean;
  /** The gateway's fctems settings (pinning, verifying-ca, status). */
  readonly connector?: ConnectorSpec;
}

/** A whole lab: what a scenario file declares, as the engine takes it. */
export interface LabSpec {
  readonly name?: string;
  /** Seed of every random choice (UIDs, serials), so a run can be replayed. */
  readonly seed?: string;
  readonly clockStart?: string | number;
  readonly ems?: { readonly serial?: string; readonly hostName?: string; readonly clientCertificateDays?: number };
  readonly sites?: readonly { readonly name: string; readonly tenantId?: string }[];
  readonly endpoints?: readonly EndpointSpec[];
  readonly gateways?: readonly GatewaySpec[];
  readonly links?: readonly LinkSpec[];
}

/** The gateway a lab gets when it declares none: site default, one rule accepting everything. */
export const DEFAULT_GATEWAY: GatewaySpec = { name: 'fgt-1', rules: [{ name: 'ztna-all', action: 'accept' }] };

/** A desktop browser, which `user-agent-detect` does not call unmanageable. */
export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

/**
 * The clock-starts a lab accepts, as Date.UTC milliseconds: roots are backdated a day and live
 * ten years, and certificate dates must stay within 1950–9999.
 */
export const CLOCK_START_RANGE = {
  earliest: Date.UTC(1950, 0, 2),
  latest: Date.UTC(9989, 0, 1),
  shown: '1950-01-02 to 9988-12-31',
} as const;

/** Whether a clock-start (in ms) lies in CLOCK_START_RANGE. */
export const clockStartInRange = (start: number): boolean =>
  start >= CLOCK_START_RANGE.earliest && start < CLOCK_START_RANGE.latest;
