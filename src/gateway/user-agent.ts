import type { DeviceClass } from './decision';

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
