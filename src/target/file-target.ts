import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HarnessError } from '../errors';
import { exportLab, exportProblem } from '../export';
import { MAX_BYTES, readRegularFile } from '../input';
import type { Lab } from '../lab';
import type { Observation, Probe, Target, TargetInfo } from './target';
import type { TargetFile } from './target-file';
import { TlsClientTarget } from './tls-client-target';

/** Why a probe cannot be sent to a static target, or undefined when it can. */
export type Inapplicable = { readonly notApplicable: string };

/**
 * A proxy the user runs, described by a target file. `provisioned`: the harness owns the PKI;
 * after every lab change it exports to export-dir and runs the reload command. `static`: the
 * user's own identities, by endpoint name; the harness cannot change state there.
 */
export class FileTarget implements Target {
  readonly info: TargetInfo;
  readonly can: { readonly changeState: boolean; readonly showLabView: boolean };
  private wire: TlsClientTarget;
  private generation = 0;

  constructor(
    private readonly file: TargetFile,
    private readonly lab: Lab,
  ) {
    this.info = {
      kind: file.identities === 'static' ? 'static' : 'provisioned',
      url: file.url,
      tlsVerify: !file.insecure,
    };
    this.can = { changeState: file.identities === 'provisioned', showLabView: file.identities === 'provisioned' };
    this.wire = this.wireTo(file.serverCa);
  }

  /** Provisioned: export the lab and reload the proxy. */
  async afterChange(): Promise<void> {
    const p = this.file.provisioned;
    if (!p) return;
    await exportLab(this.lab, p.exportDir, { gateway: p.gateway, port: p.port, generation: ++this.generation });
    const pidFile = join(p.exportDir, 'nginx.pid');
    const runningBefore = livePid(pidFile);
    const reload = spawnSync('sh', ['-c', p.reload], {
      cwd: dirname(this.file.file),
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (runningBefore === undefined) stopAtExit(livePid(pidFile));
    if (reload.status !== 0)
      throw new HarnessError(
        'TARGET',
        `the reload command of ${this.file.file} failed (${reload.status ?? reload.signal}): ${reload.stderr.trim().split('\n').at(-1) ?? ''}`,
      );
    await this.wire.close(); // kept-alive connections may still reach the old configuration
    // Without a server-ca of its own, a provisioned target trusts the proxy CA of the export.
    if (!this.file.serverCa) this.wire = this.wireTo(readFileSync(join(p.exportDir, 'server-ca.pem'), 'utf8'));
  }

  private wireTo(serverCa: string | undefined): TlsClientTarget {
    const f = this.file;
    return new TlsClientTarget(
      {
        url: f.url,
        serverCa,
        serverName: f.serverName,
        insecure: f.insecure,
        timeoutMs: f.timeoutMs,
        reading: f.reading,
      },
      this.info.kind,
    );
  }

  async send(probe: Probe): Promise<Observation> {
    return this.wire.send(this.file.identities === 'static' ? this.withStaticIdentity(probe) : probe);
  }

  /**
   * Whether a probe can go to this target as it is. The file describes one proxy, which enforces
   * one access proxy of the lab (`provisioned.gateway`, by default the lab's first): a request
   * meant for another access proxy would reach the wrong policy, so it is not applicable here.
   * Static targets also only know their own identities.
   */
  check(probe: Probe): Inapplicable | undefined {
    const served = this.lab.gateway(this.file.provisioned?.gateway).name;
    if (probe.gateway !== undefined && probe.gateway !== served) {
      return {
        notApplicable: `the target file ${this.file.name} enforces access proxy "${served}" only (provisioned.gateway); this request is for "${probe.gateway}"`,
      };
    }
    const wire = this.wire.check(probe);
    if (wire) return wire;
    // A provisioned proxy enforces the harness's export, with the export's limits.
    const unexported = this.file.provisioned ? exportProblem(this.lab.gateway(served)) : undefined;
    if (unexported) return { notApplicable: unexported };
    if (this.file.identities !== 'static' || !probe.identity) return undefined;
    const known = this.file.statics.find((s) => s.endpoint === probe.endpoint);
    if (!known) return { notApplicable: `the static target ${this.file.name} has no identity for "${probe.endpoint}"` };
    return undefined;
  }

  async close(): Promise<void> {
    await this.wire.close();
  }

  private withStaticIdentity(probe: Probe): Probe {
    const known = this.file.statics.find((s) => s.endpoint === probe.endpoint);
    return { ...probe, identity: known?.identity };
  }
}

/** The pid in an nginx pid file, if that process is alive. */
function livePid(pidFile: string): number | undefined {
  try {
    const pid = Number(
      readRegularFile(pidFile, { what: 'nginx pid', maxBytes: MAX_BYTES.digest }).toString('latin1').trim(),
    );
    if (!Number.isInteger(pid) || pid <= 1) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

const startedHere = new Set<number>();

/**
 * An nginx that a reload command started (its export's pid file named no live process before)
 * is this run's: it is stopped when the process exits, instead of holding the port for the next
 * run. One already running before the run is the user's and is left alone.
 */
function stopAtExit(pid: number | undefined): void {
  if (pid === undefined || startedHere.has(pid)) return;
  if (startedHere.size === 0) {
    process.once('exit', () => {
      for (const started of startedHere) {
        try {
          process.kill(started, 'SIGTERM'); // nginx's fast shutdown; its workers follow the master
        } catch {
          // already gone
        }
      }
    });
  }
  startedHere.add(pid);
}
