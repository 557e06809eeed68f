import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors';
import { exportLab, exportProblem, exportUsers } from '../export';
import type { Lab } from '../lab';
import { freePort } from './free-port';
import { ProxyProcess } from './proxy-process';
import { findLibfaketime, type ProxyProgram } from './proxy-programs';
import type { Observation, Probe, Target, TargetInfo } from './target';
import { loopbackProblem, OWN_PROXY_READING, TlsClientTarget } from './tls-client-target';

/** GET /__ztna/generation over a fresh TLS connection; undefined while the proxy is not answering. */
function generationServed(port: number, ca: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/__ztna/generation',
        ca,
        servername: 'localhost',
        agent: false,
        timeout: 1_000,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(Number(body.trim())));
      },
    );
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * libfaketime's offset from the wall clock, in its `FAKETIME` syntax (whole seconds), rounded up:
 * the proxy runs at most a second or two ahead of the gateway, never behind it, so that a
 * certificate issued "now" is valid on both.
 */
const offsetOf = (virtualNow: number): string => {
  const seconds = Math.ceil((virtualNow - Date.now()) / 1000);
  return `${seconds >= 0 ? '+' : ''}${seconds}`;
};

/** One proxy process serving one gateway's export, at the gateway's time when libfaketime is there. */
class ProxyInstance {
  private generation = 1;
  private readonly process: ProxyProcess;
  private readonly clockFile: string;
  wire!: TlsClientTarget;
  private serverCa = '';

  constructor(
    program: ProxyProgram,
    private readonly lab: Lab,
    private readonly gateway: string,
    private readonly dir: string,
    private readonly port: number,
    faketime: string | undefined,
    /** The password every listed lab user authenticates with (HTTP basic); in memory and in 0600 files only. */
    private readonly password: string,
  ) {
    this.clockFile = join(dir, 'faketime');
    // FAKETIME_NO_CACHE: the proxy reads the offset on every clock call, so a reload sees a moved clock at once.
    const clock = faketime
      ? {
          LD_PRELOAD: faketime,
          FAKETIME_TIMESTAMP_FILE: this.clockFile,
          FAKETIME_NO_CACHE: '1',
          FAKETIME_DONT_FAKE_MONOTONIC: '1',
        }
      : {};
    this.process = new ProxyProcess(program, dir, { ...process.env, ...clock });
  }

  async start(): Promise<void> {
    await this.export();
    this.process.start();
    await this.waitForGeneration();
  }

  /** Re-exports and reloads; returns once the proxy serves the new generation. */
  async reload(): Promise<void> {
    this.generation++;
    await this.export();
    // Kept-alive connections would still reach an old worker with the old configuration.
    await this.wire.close();
    await this.process.reload();
    await this.waitForGeneration();
  }

  async stop(): Promise<void> {
    await this.wire?.close();
    await this.process.stop();
  }

  private async export(): Promise<void> {
    const model = await exportLab(this.lab, this.dir, {
      gateway: this.gateway,
      port: this.port,
      generation: this.generation,
      userPassword: this.password,
    });
    // Renamed into place: the proxy reads this file on every clock call and must never see it half-written.
    writeFileSync(`${this.clockFile}.next`, `${offsetOf(model.now)}\n`, { mode: 0o644 });
    renameSync(`${this.clockFile}.next`, this.clockFile);
    this.serverCa = model.tls.ca.pem;
    this.wire ??= new TlsClientTarget({
      url: `https://127.0.0.1:${this.port}`,
      serverCa: this.serverCa,
      serverName: 'localhost',
      reading: OWN_PROXY_READING,
      passwordOf: () => this.password,
    });
  }

  private async waitForGeneration(): Promise<void> {
    const deadline = Date.now() + 15_000;
    // Old workers may still take a connection or two after a reload: wait for three answers in a row.
    for (let streak = 0; streak < 3; ) {
      if (Date.now() > deadline || !this.process.running)
        throw new HarnessError(
          'TARGET',
          `the proxy did not serve generation ${this.generation} of its configuration: ${this.process.stderr || 'no answer'}`,
        );
      streak = (await generationServed(this.port, this.serverCa)) === this.generation ? streak + 1 : 0;
      if (streak === 0) await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/**
 * A real proxy as a target (the `nginx` and `haproxy` profiles): each gateway of the lab exported
 * and enforced by its own proxy process on a free loopback port, re-exported and reloaded after
 * every lab change, stopped with the scenario. With libfaketime the proxy runs at the gateway's
 * virtual time, so validity, skew and expiry are judged as the engine judges them.
 */
export class ProxyTarget implements Target {
  readonly info: TargetInfo;
  readonly can = { changeState: true, showLabView: true };
  /** Both configs send X-ZTNA-Reason, -FortiOS-Code, -Detail and -Rule on every answer. */
  readonly reports = { reason: true, detail: true, rule: true };
  private readonly instances = new Map<string, ProxyInstance>();
  private readonly dir: string;
  private readonly faketime = findLibfaketime();
  /** Random per target: the lab users' HTTP basic password on its proxies, never logged or reported. */
  private readonly password = randomBytes(24).toString('base64url');

  constructor(
    private readonly lab: Lab,
    private readonly program: ProxyProgram,
  ) {
    this.info = { kind: program.kind, url: `https://127.0.0.1 (${program.kind}, exported config)`, tlsVerify: true };
    this.dir = mkdtempSync(join(tmpdir(), `ztna-${program.kind}-`));
    // Searchable, not listable: nginx started as root reads the clock file from workers running
    // as an unprivileged user; the keys inside stay 0600.
    chmodSync(this.dir, 0o711);
  }

  /** Whether the proxy checks validity at the lab's virtual time (libfaketime) rather than the wall clock. */
  get virtualTime(): boolean {
    return this.faketime !== undefined;
  }

  /**
   * What a real proxy on the export cannot be asked: a source address off loopback, a gateway
   * whose objects the export cannot enforce as the engine decides (exportProblem), or a user the
   * export does not list (it authenticates the lab's users by HTTP basic credentials).
   */
  check(probe: Probe): { readonly notApplicable: string } | undefined {
    const source = loopbackProblem(probe.sourceAddress);
    if (source) return { notApplicable: source };
    const gateway = this.lab.gateway(probe.gateway);
    const problem = exportProblem(gateway);
    if (problem) return { notApplicable: problem };
    if (probe.user !== undefined && !exportUsers(gateway, gateway.users).some((u) => u.name === probe.user))
      return {
        notApplicable: `the ${this.program.kind} export lists the lab's users only (with names of letters, digits, _ . @ + -); "${probe.user}" is not one`,
      };
    return undefined;
  }

  async afterChange(): Promise<void> {
    for (const [gateway, instance] of this.instances) {
      // A change the export cannot carry leaves the old config running: check() keeps every
      // probe for that gateway away from it, each not applicable with the reason.
      if (exportProblem(this.lab.gateway(gateway))) continue;
      await instance.reload();
    }
  }

  async send(probe: Probe): Promise<Observation> {
    return (await this.instanceFor(probe.gateway ?? this.lab.gateway().name)).wire.send(probe);
  }

  async close(): Promise<void> {
    const instances = [...this.instances.values()];
    this.instances.clear();
    await Promise.allSettled(instances.map((i) => i.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async instanceFor(gateway: string): Promise<ProxyInstance> {
    let instance = this.instances.get(gateway);
    if (!instance) {
      instance = new ProxyInstance(
        this.program,
        this.lab,
        gateway,
        join(this.dir, gateway),
        await freePort(),
        this.faketime,
        this.password,
      );
      this.instances.set(gateway, instance);
      await instance.start();
    }
    return instance;
  }
}
