import { relative } from 'node:path';
import type { CollectionFailure } from '../audit-endpoints';
import type { GatewayDump } from '../gateway-dump';
import { parseGatewayFile } from '../parse-gateway-output';
import type { DeviceOutcome } from './collect-fleet';
import { type GatewaySpec, withSites } from './gateway-list';

/** What collection gives the audit: dumps, the files they came from, and the devices that failed. */
export interface LiveAudit {
  readonly dumps: readonly GatewayDump[];
  readonly sources: readonly { file: string; text: string }[];
  readonly failures: readonly CollectionFailure[];
  /** The first host-key refusal, which makes the exit status 2. */
  readonly hostKeyRefused?: string;
}

/**
 * Reads the collected outputs exactly as files (each device one gateway, named by its URL and
 * VDOM); a device that failed, or whose output cannot be read, becomes a collection failure.
 * `say` hears one line per collected device: its version and how its host key was trusted.
 */
export function liveAudit(
  outcomes: readonly DeviceOutcome[],
  specs: readonly GatewaySpec[],
  vdom: string | undefined,
  say: (line: string) => void,
): LiveAudit {
  const dumps: GatewayDump[] = [];
  const sources: { file: string; text: string }[] = [];
  const failures: CollectionFailure[] = [];
  let hostKeyRefused: string | undefined;
  outcomes.forEach((outcome, index) => {
    if (!outcome.ok) {
      failures.push({
        device: outcome.target.label,
        reason: outcome.message,
        source: `ssh://${outcome.target.label}/`,
      });
      if (outcome.kind === 'host-key') hostKeyRefused ??= outcome.message;
      return;
    }
    const { target, hostKey, version, outputs } = outcome.collection;
    say(
      `collected ${target.label}: FortiOS ${version}, host key ${hostKey.fingerprint} (${hostKey.how === 'pinned' ? 'pinned by --accept-host-key' : 'known_hosts'})\n`,
    );
    const device = `${target.label}${vdom ? ` (${vdom})` : ''}`;
    for (const output of outputs.filter((o) => o.command !== 'get system status')) {
      const file = relative(process.cwd(), output.file) || output.file;
      try {
        dumps.push(
          ...withSites(
            parseGatewayFile(output.text, file).dumps.map((dump) => ({ ...dump, device })),
            specs[index].sites,
          ),
        );
      } catch (error) {
        failures.push({
          device: target.label,
          reason: `its "${output.command}" output cannot be read: ${(error as Error).message}`,
          source: file,
        });
      }
    }
    sources.push(...outputs.map((o) => ({ file: o.file, text: o.text })));
  });
  return { dumps, sources, failures, ...(hostKeyRefused ? { hostKeyRefused } : {}) };
}
