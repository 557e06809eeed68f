import type { DeviceClass } from './decision';
import { type FortiosVersion, hasFeature } from './fortios-version';

// FortiOS classifies iOS and Android browsers as unmanageable: FortiClient cannot run ZTNA there.
const MOBILE = /\b(iPhone|iPad|iPod|Android|Mobile)\b/i;

/** How `user-agent-detect` classifies a client that presented no certificate. */
export function classifyUserAgent(userAgent: string | undefined, detect: boolean): Exclude<DeviceClass, 'managed'> {
  return detect && userAgent !== undefined && MOBILE.test(userAgent) ? 'unmanageable' : 'unknown';
}

/** The built-in tags FortiOS gives certificate-less clients. */
export const BUILTIN_TAGS = {
  unmanageable: 'EMS_ALL_UNMANAGEABLE_CLIENTS',
  unknown: 'EMS_ALL_UNKNOWN_CLIENTS',
} as const;

/**
 * The built-in tag FortiOS gives a certificate-less client of this class, as this version names
 * it: none before 7.2.1 (no classification), `ems-tag-unmanageable` / `ems-tag-unknown` on
 * 7.2.1–7.2.3, `EMS_ALL_UNMANAGEABLE_CLIENTS` / `EMS_ALL_UNKNOWN_CLIENTS` from 7.2.4
 * (https://docs.fortinet.com/document/fortigate/7.2.0/new-features/710195/ztna-policy-access-control-of-unmanaged-devices-7-2-1).
 */
export function builtinTagFor(
  deviceClass: Exclude<DeviceClass, 'managed'>,
  version: FortiosVersion,
): readonly string[] {
  if (!hasFeature(version, 'user-agent-detect')) return NO_TAGS;
  if (hasFeature(version, 'builtin-tag-names')) return CURRENT_NAMES[deviceClass];
  return NAMES_BEFORE_724[deviceClass];
}

// One array per answer: decisions look their tag sets up by array identity.
const NO_TAGS: readonly string[] = Object.freeze([]);
const CURRENT_NAMES = {
  unmanageable: Object.freeze([BUILTIN_TAGS.unmanageable]),
  unknown: Object.freeze([BUILTIN_TAGS.unknown]),
};
const NAMES_BEFORE_724 = {
  unmanageable: Object.freeze(['ems-tag-unmanageable']),
  unknown: Object.freeze(['ems-tag-unknown']),
};
