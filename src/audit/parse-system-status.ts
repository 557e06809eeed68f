import { type DumpLine, splitColon } from './dump-lines';
import { inputError } from './field-values';

/**
 * What `get system status` tells the audit: the FortiOS version (which decides the endpoint
 * command: `diagnose endpoint ec-shm list` from 7.4.2), the host name and the serial number.
 * Format: `Version: FortiGate-VM64 v7.4.1,build2463,230830 (GA.F)`, `Serial-Number: …`,
 * `Hostname: …` (https://docs.fortinet.com/document/fortigate/6.0.0/cli-reference/869664).
 */
export interface SystemStatus {
  readonly version: FortiosVersion;
  readonly hostname?: string;
  readonly serial?: string;
}

/** A FortiOS version as major.minor.patch. */
export interface FortiosVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

const VERSION = /\bv(\d+)\.(\d+)\.(\d+)\b/;

/** Parses `get system status` output; a missing or unreadable Version line is bad input. */
export function parseSystemStatus(lines: readonly DumpLine[], file: string): SystemStatus {
  const fields = new Map<string, { value: string; line: number }>();
  for (const { number, text } of lines) {
    const pair = splitColon(text);
    if (pair && !fields.has(pair.key.toLowerCase()))
      fields.set(pair.key.toLowerCase(), { value: pair.value, line: number });
  }
  const version = fields.get('version');
  if (!version) throw inputError({ file, line: lines[0]?.number ?? 1 }, 'get system status printed no "Version:" line');
  const match = VERSION.exec(version.value);
  if (!match)
    throw inputError(
      { file, line: version.line },
      `Version ${JSON.stringify(version.value.slice(0, 60))} names no vX.Y.Z`,
    );
  const hostname = fields.get('hostname')?.value;
  const serial = fields.get('serial-number')?.value;
  return {
    version: { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) },
    ...(hostname ? { hostname } : {}),
    ...(serial ? { serial } : {}),
  };
}

/** Whether a version is at least `major.minor.patch`. */
export function versionAtLeast(v: FortiosVersion, major: number, minor: number, patch: number): boolean {
  return v.major !== major ? v.major > major : v.minor !== minor ? v.minor > minor : v.patch >= patch;
}
