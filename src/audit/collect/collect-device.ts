import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../../input';
import { dumpLines } from '../dump-lines';
import { parseSystemStatus, versionAtLeast } from '../parse-system-status';
import { collectionError } from './collection-error';
import { type HostKeyPolicy, openSession, type SshAuth, type SshLimits } from './ssh-session';
import type { SshTarget } from './ssh-url';

/** What to collect, besides the endpoint list the version decides. */
export interface CollectOptions {
  readonly auth: SshAuth;
  readonly hostKeys: HostKeyPolicy;
  readonly limits: SshLimits;
  /** Entered with `config vdom` / `edit NAME` before each diagnose command. */
  readonly vdom?: string;
  /** Also run `diagnose test application fcnacd 7`. */
  readonly fcnacd: boolean;
  /** Where `<host>/<command>.txt` files go (reports/collected). */
  readonly dir: string;
}

/** One command's captured output, as written to disk. */
export interface CollectedOutput {
  readonly command: string;
  readonly file: string;
  readonly text: string;
}

/** A device's collection: its outputs and how its host key was trusted. */
export interface DeviceCollection {
  readonly target: SshTarget;
  readonly outputs: readonly CollectedOutput[];
  readonly hostKey: { readonly fingerprint: string; readonly how: 'known_hosts' | 'pinned' };
  readonly version: string;
}

const STATUS = 'get system status';

/**
 * The endpoint list command of a FortiOS version: `diagnose endpoint ec-shm list` from 7.4.2,
 * `diagnose endpoint record list` before (FortiOS 7.4.2 release notes, ZTNA changes).
 */
export const endpointCommand = (version: Parameters<typeof versionAtLeast>[0]): string =>
  versionAtLeast(version, 7, 4, 2) ? 'diagnose endpoint ec-shm list' : 'diagnose endpoint record list';

/** The folder of a device's outputs: its host, and the port when it is not 22. */
export const deviceFolder = (target: SshTarget): string =>
  `${target.host.replace(/[^\w.-]/g, '_')}${target.port === 22 ? '' : `_${target.port}`}`;

/**
 * Connects, learns the version from `get system status`, runs the version's endpoint command
 * (and fcnacd 7 when asked) inside the VDOM when one is named, and writes each output to
 * `<dir>/<host>/<command>.txt` behind the prompt line the CLI shows, so that the file reads —
 * and re-audits offline — like a paste from the console.
 */
export async function collectDevice(target: SshTarget, options: CollectOptions): Promise<DeviceCollection> {
  const { session, close } = await openSession(target, options.auth, options.hostKeys, options.limits);
  try {
    const status = await session.run(STATUS);
    const parsed = parseStatus(target, status);
    const commands = [
      endpointCommand(parsed.version),
      ...(options.fcnacd ? ['diagnose test application fcnacd 7'] : []),
    ];
    const host = parsed.hostname ?? target.host;
    const folder = join(options.dir, deviceFolder(target));
    mkdirSync(folder, { recursive: true });
    const outputs = [save(folder, STATUS, `${host} # ${STATUS}\n${status}`)];
    for (const command of commands) {
      const text = await session.run(options.vdom ? `config vdom\nedit ${options.vdom}\n${command}\nend` : command);
      refusedCommand(target, command, text);
      outputs.push(save(folder, command, `${host}${options.vdom ? ` (${options.vdom})` : ''} # ${command}\n${text}`));
    }
    const { major, minor, patch } = parsed.version;
    return { target, outputs, hostKey: session.hostKey, version: `${major}.${minor}.${patch}` };
  } finally {
    await close();
  }
}

function parseStatus(target: SshTarget, text: string): ReturnType<typeof parseSystemStatus> {
  try {
    return parseSystemStatus(dumpLines(text), `${target.label} ${STATUS}`);
  } catch (error) {
    throw collectionError(
      'command-refused',
      `${target.label}: "${STATUS}" printed no FortiOS version (${(error as Error).message})`,
    );
  }
}

/** FortiOS answers a command the profile does not allow, or does not know, with one of these lines. */
function refusedCommand(target: SshTarget, command: string, text: string): void {
  const line = /^(?:Command fail\..*|Unknown action.*|command parse error.*|Permission denied.*)$/im.exec(text)?.[0];
  if (line)
    throw collectionError(
      'command-refused',
      `${target.label}: "${command}" was refused: ${line.trim().slice(0, 120)} (does the profile allow cli-diagnose?)`,
    );
}

function save(folder: string, command: string, text: string): CollectedOutput {
  const file = join(folder, `${command.replace(/\s+/g, '-')}.txt`);
  writeFileAtomically(file, text);
  return { command, file, text };
}
