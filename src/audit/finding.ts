/**
 * Findings of the audit: one kind per way a FortiGate dump and an EMS export can disagree.
 *
 * Severity says how directly the inconsistency lets a gateway take a wrong device-identity
 * decision:
 * - high: a device named for the audit could not be collected (nothing of it was checked), or
 *   the gateway would accept a certificate EMS no longer stands behind, or refuse the
 *   one it issued (SN mismatch, endpoint unregistered on EMS but present, record missing,
 *   duplicate UID, a record from an EMS serial or tenant other than the expected one);
 * - medium: degraded but fail-closed: no ZTNA certificate (all-zero SN; the endpoint cannot
 *   authenticate) and out-of-sync records (tags and status may be stale);
 * - low: the evidence itself is incomplete (a record without UID, summary counts that disagree
 *   with the records listed), so other conclusions may be partial;
 * - info: state an auditor expects to see listed but no inconsistency (an offline endpoint is
 *   denied by FortiOS, code 067).
 * `critical` is left unused: a dump shows stored state, never that access was actually granted;
 * a live probe (src/target) is what can prove that.
 *
 * Controls (NIST SP 800-53 ids; ZTMM-DEV-n numbers the CISA ZTMM v2 Devices functions in the
 * order the model lists them, DEV-5 being Visibility & Analytics):
 * - IA-3 device identification and authentication: missing record (FortiOS 066), duplicate UID;
 * - IA-5(2) PKI-based authentication: SN mismatch, all-zero SN;
 * - AC-3 access enforcement: a device identity EMS withdrew is still held by the gateway;
 * - CM-6 configuration settings: the Fabric connector's copy deviates from EMS (out of sync);
 * - SC-17 PKI certificates: records whose issuing EMS or tenant is not the designated one;
 * - AU-3 content of audit records: evidence lacking the identity or the records it announces,
 *   or a device whose evidence could not be collected at all;
 * - ZTMM-DEV-5 visibility: offline endpoints.
 */

/** How much a finding matters, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** One severity. */
export type Severity = (typeof SEVERITIES)[number];

/** The control ids findings may evidence (NIST SP 800-53, SP 800-207 tenets, CISA ZTMM Devices). */
export type ControlId =
  | 'IA-2'
  | 'IA-3'
  | 'IA-5(2)'
  | 'AC-3'
  | 'AC-14'
  | 'SC-12'
  | 'SC-17'
  | 'AU-2'
  | 'AU-3'
  | 'CM-6'
  | 'ZTA-T1'
  | 'ZTA-T2'
  | 'ZTA-T3'
  | 'ZTA-T4'
  | 'ZTA-T5'
  | 'ZTA-T6'
  | 'ZTA-T7'
  | 'ZTMM-DEV-1'
  | 'ZTMM-DEV-2'
  | 'ZTMM-DEV-3'
  | 'ZTMM-DEV-4'
  | 'ZTMM-DEV-5';

/** Severity and control of each finding kind; the id is stable, reports and gates key on it. */
export const FINDING_KINDS = {
  'collection-failed': { severity: 'high', control: 'AU-3' },
  'gateway-record-missing': { severity: 'high', control: 'IA-3' },
  'cert-sn-mismatch': { severity: 'high', control: 'IA-5(2)' },
  'unregistered-endpoint-present': { severity: 'high', control: 'AC-3' },
  'duplicate-uid': { severity: 'high', control: 'IA-3' },
  'unexpected-ems-serial': { severity: 'high', control: 'SC-17' },
  'unexpected-ems-tenant': { severity: 'high', control: 'SC-17' },
  'cert-sn-zero': { severity: 'medium', control: 'IA-5(2)' },
  'record-out-of-sync': { severity: 'medium', control: 'CM-6' },
  'gateway-record-without-uid': { severity: 'low', control: 'AU-3' },
  'summary-count-mismatch': { severity: 'low', control: 'AU-3' },
  'endpoint-offline': { severity: 'info', control: 'ZTMM-DEV-5' },
} as const satisfies Record<string, { readonly severity: Severity; readonly control: ControlId }>;

/** One finding kind. */
export type FindingKind = keyof typeof FINDING_KINDS;

/** Evidence values stay flat and JSON-safe so that every report renderer can print them. */
export type Evidence = Readonly<Record<string, string | number | boolean>>;

/** One thing that does not match, with where it was read (`file:line`). */
export interface Finding {
  readonly id: FindingKind;
  readonly severity: Severity;
  readonly control: ControlId;
  readonly uid?: string;
  readonly message: string;
  readonly evidence: Evidence;
  readonly source: string;
}

/** Builds a finding of a kind, taking severity and control from the table. */
export function finding(id: FindingKind, details: Omit<Finding, 'id' | 'severity' | 'control'>): Finding {
  const { severity, control } = FINDING_KINDS[id];
  const { uid, ...rest } = details;
  return { id, severity, control, ...(uid === undefined ? {} : { uid }), ...rest };
}

/** Drops undefined values, which evidence cannot hold. */
export function evidenceOf(values: Readonly<Record<string, string | number | boolean | undefined>>): Evidence {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Evidence;
}
