import { NO_CERTIFICATE_SN } from '../ztna-identifiers';
/**
 * Which FortiOS command printed a dump. `diagnose endpoint record list` (up to 7.4.1) and
 * `diagnose endpoint ec-shm list` (7.4.2+) print the same block format, hence one value.
 */
export type GatewayFormat = 'endpoint-record-list' | 'fcnacd-entries' | 'wad-dev-query';

/** One `Gateway Route #i:` sub-block of an endpoint record. */
export interface GatewayRoute {
  readonly ip?: string;
  readonly mac?: string;
  readonly vpn?: boolean;
  readonly interface?: string;
  readonly vfid?: number;
  /** Serial number of the FortiGate that holds the route (`SN: FGVM…`). */
  readonly sn?: string;
  readonly extra: Readonly<Record<string, string>>;
  readonly line: number;
}

/**
 * One endpoint as a FortiGate printed it. A field is undefined when the dump does not carry it
 * (each command prints a different subset, and the documentation elides lines with `...`).
 * UID and SNs are upper-case hex; an all-zero `certSn` means the endpoint has no ZTNA certificate.
 */
export interface GatewayRecord {
  readonly uid?: string;
  readonly certSn?: string;
  readonly emsSerial?: string;
  readonly tenantId?: string;
  readonly online?: boolean;
  readonly registered?: boolean;
  readonly quarantined?: boolean;
  readonly outOfSync?: boolean;
  readonly hostName?: string;
  readonly ip?: string;
  readonly mac?: string;
  /** VDOM name without its index (`root (0)` → `root`). */
  readonly vdom?: string;
  /** ZTNA tag names, with the EMS serial + tenant suffix of `wad dev` attributes stripped. */
  readonly tags: readonly string[];
  readonly routes: readonly GatewayRoute[];
  /** Fields the parser does not interpret, keyed as printed. */
  readonly extra: Readonly<Record<string, string>>;
  /** 1-based line where the record starts. */
  readonly line: number;
}

/** The `online records: N; offline records: N; …` line that ends a record list. */
export interface GatewaySummary {
  readonly online: number;
  readonly offline: number;
  readonly quarantined: number;
  readonly outOfSync: number;
  readonly line: number;
}

/** A parsed FortiGate CLI dump: its records and, for a record list, its summary line. */
export interface GatewayDump {
  readonly file: string;
  readonly format: GatewayFormat;
  /** The command of the first prompt line, when the paste kept one. */
  readonly command?: string;
  /**
   * The FortiGate that printed it (the prompt's host name and VDOM, or who collected it);
   * dumps naming the same device are audited as one gateway. Undefined: the file is the device.
   */
  readonly device?: string;
  /** EMS sites this gateway serves, when the auditor named them; otherwise they are inferred. */
  readonly sites?: readonly string[];
  readonly records: readonly GatewayRecord[];
  readonly summary?: GatewaySummary;
}

/** The all-zero SN FortiOS prints for an endpoint without a ZTNA certificate (one home: src/ztna-identifiers.ts). */
export const ZERO_CERT_SN = NO_CERTIFICATE_SN;
