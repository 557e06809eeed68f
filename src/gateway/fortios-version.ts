import { badInput, type SourceLocation } from '../errors';

/** A FortiOS release, e.g. 7.2.5; without a patch, the newest release of its line (7.4 = 7.4.x). */
export interface FortiosVersion {
  readonly major: number;
  readonly minor: number;
  /** Absent: the newest patch of the line, with every behaviour the line gained. */
  readonly patch?: number;
}

/**
 * A lab's version when it names none, and a configuration's when it has no `#config-version`
 * header (`show` output) and the caller names none: the current 7.4 release.
 */
export const DEFAULT_FORTIOS_VERSION: FortiosVersion = { major: 7, minor: 4 };

/** The release lines a lab may name (`fortios-version`). */
export const FORTIOS_LINES = ['7.0', '7.2', '7.4', '7.6'] as const;

const LAB_VERSION = /^7\.([0246])(?:\.(\d{1,3}))?$/;

/** A lab's `fortios-version`: `7.0`, `7.2`, `7.4` or `7.6`, optionally with a patch (`7.2.3`). */
export function parseLabFortiosVersion(text: string, at?: SourceLocation): FortiosVersion {
  const match = LAB_VERSION.exec(text);
  if (!match)
    throw badInput(
      `${JSON.stringify(text)} is not a FortiOS version a lab can name; expected ${FORTIOS_LINES.join(', ')}, optionally with a patch such as 7.2.5`,
      at,
    );
  const minor = Number(match[1]);
  return match[2] === undefined ? { major: 7, minor } : { major: 7, minor, patch: Number(match[2]) };
}

const VERSION = /^(\d{1,2})\.(\d{1,2})\.(\d{1,3})$/;

/** `7.2.5` → {7, 2, 5}; anything else is a bad-input error at `at`. */
export function parseFortiosVersion(text: string, at?: SourceLocation): FortiosVersion {
  const match = VERSION.exec(text);
  if (!match)
    throw badInput(`${JSON.stringify(text)} is not a FortiOS version; expected MAJOR.MINOR.PATCH such as 7.2.5`, at);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** `7.2.5`, or `7.4` for the newest of a line. */
export const formatFortiosVersion = (v: FortiosVersion): string =>
  v.patch === undefined ? `${v.major}.${v.minor}` : `${v.major}.${v.minor}.${v.patch}`;

/** Negative when a is older than b, 0 when equal, positive when newer; a line without a patch is its newest release. */
export const compareFortiosVersions = (a: FortiosVersion, b: FortiosVersion): number =>
  a.major - b.major || a.minor - b.minor || (a.patch ?? Infinity) - (b.patch ?? Infinity) || 0;

/** A behaviour that appeared in one FortiOS release. */
export interface VersionGate {
  readonly since: FortiosVersion;
  /** What appeared, in a user's words. */
  readonly what: string;
  /** The page that says so. */
  readonly source: string;
}

const v = (text: string): FortiosVersion => parseFortiosVersion(text);

/**
 * The releases in which the behaviours the model depends on appeared. A configuration that uses
 * one on an older release is refused at the line that uses it.
 */
export const VERSION_GATES = {
  'accept-unmanageable': {
    since: v('7.2.1'),
    what: 'empty-cert-action accept-unmanageable',
    source:
      'https://docs.fortinet.com/document/fortigate/7.2.0/new-features/710195/ztna-policy-access-control-of-unmanaged-devices-7-2-1',
  },
  'user-agent-detect': {
    since: v('7.2.1'),
    what: 'user-agent-detect',
    source:
      'https://docs.fortinet.com/document/fortigate/7.2.0/new-features/710195/ztna-policy-access-control-of-unmanaged-devices-7-2-1',
  },
  // 7.2.1 introduced the tags as ems-tag-unmanageable / ems-tag-unknown (same page); the
  // EMS_ALL_* spelling is the one DESIGN.md §1 records from 7.2.4 on.
  'builtin-tag-names': {
    since: v('7.2.4'),
    what: 'the built-in tags EMS_ALL_UNMANAGEABLE_CLIENTS and EMS_ALL_UNKNOWN_CLIENTS',
    source:
      'https://docs.fortinet.com/document/fortigate/7.2.0/new-features/710195/ztna-policy-access-control-of-unmanaged-devices-7-2-1',
  },
  'block-page-error-codes': {
    since: v('7.4.1'),
    what: 'ZTNA block-page error codes (001–003, 021–023, 041, 061–067)',
    source: 'https://docs.fortinet.com/document/fortigate/7.6.5/administration-guide/765420',
  },
  'ec-shm-list': {
    since: v('7.4.2'),
    what: 'diagnose endpoint ec-shm list',
    source: 'https://docs.fortinet.com/document/fortigate/7.6.5/cli-reference/303576593',
  },
  'ztna-ems-tag-negate': {
    since: v('7.6.1'),
    what: 'ztna-ems-tag-negate',
    source:
      'https://community.fortinet.com/t5/FortiGate/Technical-Tip-EMS-TAG-negation-with-ztna-ems-tag-negate-to-deny/ta-p/419462',
  },
  'virtual-host-certificate-settings': {
    since: v('7.6.0'),
    what: 'client-cert, empty-cert-action and user-agent-detect on an access-proxy-virtual-host',
    source:
      'https://docs.ansible.com/ansible/11/collections/fortinet/fortimanager/fmgr_firewall_accessproxyvirtualhost_module.html',
  },
} as const satisfies Record<string, VersionGate>;

export type VersionGateName = keyof typeof VERSION_GATES;

/** True when `version` has the behaviour. */
export const hasFeature = (version: FortiosVersion, gate: VersionGateName): boolean =>
  compareFortiosVersions(version, VERSION_GATES[gate].since) >= 0;

/** Refuses, at `at`, a setting the configuration's FortiOS version lacks. */
export function requireFeature(version: FortiosVersion, gate: VersionGateName, at: SourceLocation): void {
  if (hasFeature(version, gate)) return;
  const { since, what, source } = VERSION_GATES[gate];
  throw badInput(
    `${what} came with FortiOS ${formatFortiosVersion(since)}; this configuration is for ${formatFortiosVersion(version)} (${source})`,
    at,
  );
}

/**
 * A release a configuration header can name: the version itself, or for a line without a patch
 * the lowest release of the line that has every behaviour the line gained (7.4 → 7.4.2), so that
 * a configuration written for "7.4" decides as 7.4 does once read back.
 */
export function concreteFortiosVersion(version: FortiosVersion): Required<FortiosVersion> {
  if (version.patch !== undefined) return { major: version.major, minor: version.minor, patch: version.patch };
  const sameLine = Object.values(VERSION_GATES)
    .map((gate) => gate.since)
    .filter((since) => since.major === version.major && since.minor === version.minor);
  return {
    major: version.major,
    minor: version.minor,
    patch: Math.max(0, ...sameLine.map((since) => since.patch ?? 0)),
  };
}
