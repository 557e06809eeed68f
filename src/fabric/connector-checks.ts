import type { EmsConnector } from '../gateway';
import { type Certificate, verifyChain } from '../pki';

/**
 * The name under which the FortiGate holds the lab's EMS SSL CA (`config vpn certificate ca` /
 * `edit EMS_SSL_CA`): what `verifying-ca` must name for EMS's server certificate to verify. FortiOS
 * names CA certificates freely (imported ones default to `CA_Cert_<n>`); the lab fixes this one.
 */
export const EMS_SSL_CA_NAME = 'EMS_SSL_CA';

/**
 * The gateway's `config endpoint-control fctems` entry for the lab's EMS, as far as the link
 * enforces it (field meanings on EmsConnector; unset = FortiOS's default: enabled, nothing pinned,
 * any CA the FortiGate holds). `server` is informational: the lab has one EMS. `trust-ca-cn` is
 * "trust of the EMS certificate issuer (CA) and common name (CN) for certificate auto-renewal"
 * (fortinet.fortios Ansible reference of `endpoint_control_fctems`): it matters only when EMS
 * renews its server certificate, which the lab's EMS never does, so it is carried, not enforced.
 */
export type ConnectorSettings = Partial<
  Pick<EmsConnector, 'name' | 'status' | 'server' | 'serialNumber' | 'tenantId' | 'trustCaCn' | 'verifyingCa'>
>;

/** What the connector sees of EMS when it connects. */
export interface EmsView {
  readonly reachable: boolean;
  readonly serverCertificate: Certificate;
  /** The serial EMS reports (`fetched-serial-number` in `diagnose test application fcnacd 2`). */
  readonly serial: string;
  /** The tenant id of the site the connector syncs (`fetched-tenant-id`). */
  readonly tenantId: string;
  readonly site: string;
}

/** Why a connector does not sync; FortiOS's `dirty-reason` where it has one. */
export interface ConnectorFailure {
  readonly state: 'down' | 'untrusted';
  readonly detail: string;
  readonly dirtyReason?: 'mismatched-ems-sn';
}

interface CheckInput {
  readonly settings: ConnectorSettings;
  readonly ems: EmsView;
  /** The FortiGate's CA certificates by name. */
  readonly caCertificates: ReadonlyMap<string, Certificate>;
  readonly now: number;
}

type ConnectorCheck = (input: CheckInput) => ConnectorFailure | undefined;

const enabled: ConnectorCheck = ({ settings }) =>
  settings.status === 'disable'
    ? { state: 'down', detail: 'EMS connector disabled (status disable); no sync' }
    : undefined;

const reachable: ConnectorCheck = ({ ems }) =>
  ems.reachable ? undefined : { state: 'down', detail: 'EMS unreachable; no sync' };

/**
 * `execute fctems verify`: EMS's server certificate must chain to a CA the FortiGate holds —
 * with `verifying-ca`, to that CA ("lowest CA cert on FortiGate in verified EMS cert chain").
 * A `verifying-ca` naming no CA certificate fails closed, as a downstream FortiGate lacking the
 * CA does (https://community.fortinet.com/t5/FortiGate/Technical-Tip-EMS-certificate-verification-fails-on-downstream/ta-p/371492).
 */
const serverCertificate: ConnectorCheck = ({ settings, ems, caCertificates, now }) => {
  const name = settings.verifyingCa;
  const named = name === undefined ? undefined : caCertificates.get(name);
  if (name !== undefined && named === undefined)
    return untrusted(`verifying-ca "${name}" is no CA certificate on the access proxy`);
  const anchors = named ? [named] : [...caCertificates.values()];
  const verified = verifyChain(ems.serverCertificate, anchors, now, 'serverAuth');
  return verified.ok ? undefined : untrusted(verified.failure);
};

const untrusted = (why: string): ConnectorFailure => ({
  state: 'untrusted',
  detail: `EMS server certificate not verified: ${why}; no sync`,
});

/**
 * `serial-number` pinning: FortiOS marks the entry `dirty-reason mismatched-ems-sn` when the
 * serial EMS reports is not the pinned one (the `dirty-reason [none|mismatched-ems-sn]` option of
 * https://docs.fortinet.com/document/fortigate/7.6.0/cli-reference/792766782).
 */
const pinnedSerial: ConnectorCheck = ({ settings, ems }) =>
  settings.serialNumber === undefined || settings.serialNumber === ems.serial
    ? undefined
    : {
        state: 'untrusted',
        dirtyReason: 'mismatched-ems-sn',
        detail: `EMS serial number mismatch (dirty-reason mismatched-ems-sn): serial-number is ${settings.serialNumber}, EMS reports ${ems.serial}; no sync`,
      };

/**
 * `tenant-id` pinning. FortiOS documents no dirty reason for a tenant mismatch; the connector
 * fails closed the same way, and the detail says which tenant it found. Tenant ids are hex, so
 * they compare without regard to case.
 */
const pinnedTenant: ConnectorCheck = ({ settings, ems }) =>
  settings.tenantId === undefined || settings.tenantId.toUpperCase() === ems.tenantId.toUpperCase()
    ? undefined
    : {
        state: 'untrusted',
        detail: `EMS tenant id mismatch: tenant-id is ${settings.tenantId}, EMS site "${ems.site}" has ${ems.tenantId}; no sync`,
      };

/** In the order the connector meets them: its own status, the network, TLS, then what EMS reports. */
const CHECKS: readonly ConnectorCheck[] = [enabled, reachable, serverCertificate, pinnedSerial, pinnedTenant];

/** The first reason the connector cannot sync, or undefined when it can. */
export function checkConnector(input: CheckInput): ConnectorFailure | undefined {
  for (const check of CHECKS) {
    const failure = check(input);
    if (failure) return failure;
  }
  return undefined;
}
