/**
 * What the reference model knows of FortiOS releases and block pages, restated from Fortinet's
 * pages rather than taken from src/: the releases a random gateway runs, when a behaviour
 * appeared, what a certificate-less device is tagged, and each reason's block-page code and
 * HTTP status.
 */

/** The releases random gateways run: a line alone is its newest release (7.4 = 7.4.x). */
export const VERSIONS = ['7.0', '7.2.0', '7.2.3', '7.4', '7.6'] as const;
export type VersionLabel = (typeof VERSIONS)[number];

/** [minor, patch] of a 7.x label; a line without a patch has every behaviour the line gained. */
function release(label: VersionLabel): [number, number] {
  const [, minor, patch] = label.split('.');
  return [Number(minor), patch === undefined ? Number.POSITIVE_INFINITY : Number(patch)];
}

/** Whether `label` is `since` (7.MINOR.PATCH) or newer. */
export function atLeast(label: VersionLabel, minor: number, patch: number): boolean {
  const [m, p] = release(label);
  return m > minor || (m === minor && p >= patch);
}

/**
 * 7.2.1 added empty-cert-action accept-unmanageable, user-agent-detect and the tags it gives
 * certificate-less devices
 * (https://docs.fortinet.com/document/fortigate/7.2.0/new-features/710195/ztna-policy-access-control-of-unmanaged-devices-7-2-1).
 */
export const classifiesDevices = (label: VersionLabel): boolean => atLeast(label, 2, 1);

/** The ZTNA block page shows an error code from 7.4.1 (https://docs.fortinet.com/document/fortigate/7.6.5/administration-guide/765420). */
export const showsCodes = (label: VersionLabel): boolean => atLeast(label, 4, 1);

/** `ztna-ems-tag-negate` came with 7.6.1. */
export const negatesTags = (label: VersionLabel): boolean => atLeast(label, 6, 1);

/** 7.6 can set the certificate settings on an access-proxy-virtual-host. */
export const hostCertificateSettings = (label: VersionLabel): boolean => atLeast(label, 6, 0);

export type DeviceKind = 'unmanageable' | 'unknown';

/**
 * The tag a certificate-less device carries: none before 7.2.1, `ems-tag-unmanageable` /
 * `ems-tag-unknown` on 7.2.1–7.2.3, `EMS_ALL_UNMANAGEABLE_CLIENTS` / `EMS_ALL_UNKNOWN_CLIENTS`
 * from 7.2.4 (DESIGN.md §1 and the 7.2.1 page above).
 */
export function builtinTags(kind: DeviceKind, label: VersionLabel): string[] {
  if (!classifiesDevices(label)) return [];
  if (!atLeast(label, 2, 4)) return [kind === 'unmanageable' ? 'ems-tag-unmanageable' : 'ems-tag-unknown'];
  return [kind === 'unmanageable' ? 'EMS_ALL_UNMANAGEABLE_CLIENTS' : 'EMS_ALL_UNKNOWN_CLIENTS'];
}

/** The built-in tag names a rule of this release can name. */
export const builtinTagNames = (label: VersionLabel): string[] => [
  ...builtinTags('unmanageable', label),
  ...builtinTags('unknown', label),
];

/**
 * Block-page codes by reason (765420): 001–003 certificate, 021 no API gateway, 022 no real
 * server, 061–067 rule processing. An allow has none, nor has the 401 challenge for a user.
 */
const CODES: Record<string, string | undefined> = {
  ALLOW: undefined,
  AUTH_REQUIRED: undefined,
  CERT_INVALID: '001',
  CERT_EMPTY: '002',
  CERT_EMPTY_MANAGEABLE: '003',
  APP_NOT_FOUND: '021',
  REAL_SERVER_NOT_FOUND: '022',
  NO_POLICY_MATCH: '061',
  POLICY_DENY: '062',
  CERT_REVOKED: '063',
  TAGS_DENY: '064',
  TAGS_NO_MATCH: '065',
  NO_DEVICE_INFO: '066',
  DEVICE_OFFLINE: '067',
};

/** What the client sees of a reason on this release: verdict, block-page code, HTTP status. */
export function onTheWire(
  reason: string,
  label: VersionLabel,
): { verdict: 'allow' | 'deny'; fortiosCode: string | undefined; httpStatus: number } {
  if (!(reason in CODES)) throw new Error(`the reference model knows no reason ${reason}`);
  const verdict = reason === 'ALLOW' ? 'allow' : 'deny';
  const httpStatus = reason === 'ALLOW' ? 200 : reason === 'AUTH_REQUIRED' ? 401 : 403;
  return { verdict, fortiosCode: showsCodes(label) ? CODES[reason] : undefined, httpStatus };
}
