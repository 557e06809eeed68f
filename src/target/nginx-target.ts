import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors';
import { exportLab } from '../export';
import { Lab } from '../lab';
import { Observation, Probe, Target, TargetInfo } from './target';
import { WireTarget } from './wire-target';

/** The nginx binary, or undefined when it is not installed. */
export function findNginx(): string | undefined {
  for (const candidate of [process.env.ZTNA_HARNESS_NGINX, 'nginx', '/usr/sbin/nginx'].filter(Boolean) as string[]) {
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** GET /__ztna/generation over a fresh TLS connection; undefined while nginx is not answering. */
function generationServed(port: number, ca: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/__ztna/generation', ca, servername: 'localhost', agent: false, timeout: 1_000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(Number(body.trim())));
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** The worker processes of an nginx master (Linux /proc; none elsewhere). */
function workersOf(master: number | undefined): number[] {
  if (master === undefined) return [];
  try {
    return readFileSync(`/proc/${master}/task/${master}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntilGone(pids: readonly number[]): Promise<void> {
  for (let tries = 0; tries < 500 && pids.some(alive); tries++) await new Promise((r) => setTimeout(r, 10));
}

/** One nginx serving one gateway's export. */
class NginxInstance {
  private generation = 1;
  private process: ChildProcess | undefined;
  wire!: WireTarget;

  constructor(private readonly nginx: string, private readonly lab: Lab, private readonly gateway: string, private readonly dir: string, private readonly port: number) {}

  async start(): Promise<void> {
    const model = await exportLab(this.lab, this.dir, { gateway: this.gateway, port: this.port, generation: this.generation });
    this.process = spawn(this.nginx, ['-p', this.dir, '-c', join(this.dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    this.process.stderr!.on('data', (chunk) => (stderr += chunk));
    this.wire = new WireTarget({ url: `https://127.0.0.1:${this.port}`, serverCa: model.tls.ca.pem, serverName: 'localhost' }, 'nginx');
    await this.waitFor(this.generation, () => stderr);
  }

  /**
   * Re-exports and reloads; returns once nginx serves the new generation and the old workers
   * (which keep answering whatever connection they still hold) have exited.
   */
  async reload(): Promise<void> {
    const oldWorkers = workersOf(this.process?.pid);
    this.generation++;
    await exportLab(this.lab, this.dir, { gateway: this.gateway, port: this.port, generation: this.generation });
    const r = spawnSync(this.nginx, ['-p', this.dir, '-c', join(this.dir, 'nginx.conf'), '-s', 'reload'], { encoding: 'utf8' });
    if (r.status !== 0) throw new HarnessError('TARGET', `nginx refused the reload: ${r.stderr.trim()}`);
    // Kept-alive connections would still reach an old worker with the old configuration.
    await this.wire.close();
    await this.waitFor(this.generation, () => r.stderr);
    await waitUntilGone(oldWorkers);
  }

  async stop(): Promise<void> {
    await this.wire?.close();
    const child = this.process;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }

  private async waitFor(generation: number, stderr: () => string): Promise<void> {
    const ca = (this.wire as unknown as { options: { serverCa: string } }).options.serverCa;
    // Old workers may still take a connection or two after a reload: wait for three answers in a row.
    for (let streak = 0, tries = 0; streak < 3; tries++) {
      if (tries > 500 || this.process?.exitCode !== null) throw new HarnessError('TARGET', `nginx did not serve generation ${generation}: ${stderr().trim() || 'no answer'}`);
      streak = (await generationServed(this.port, ca)) === generation ? streak + 1 : 0;
      if (streak === 0) await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/**
 * The `nginx` profile: each gateway of the lab exported and enforced by a real nginx on a free
 * loopback port, reloaded after every lab change, stopped with the scenario.
 */
export class NginxTarget implements Target {
  readonly info: TargetInfo = { kind: 'nginx', url: 'https://127.0.0.1 (nginx, exported config)', tlsVerify: true };
  readonly can = { changeState: true, showLabView: true };
  private readonly instances = new Map<string, NginxInstance>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'ztna-nginx-'));

  constructor(private readonly lab: Lab, private readonly nginx: string) {}

  async afterChange(): Promise<void> {
    for (const instance of this.instances.values()) await instance.reload();
  }

  async send(probe: Probe): Promise<Observation> {
    return (await this.instanceFor(probe.gateway ?? this.lab.gateway().name)).wire.send(probe);
  }

  async close(): Promise<void> {
    for (const instance of this.instances.values()) await instance.stop();
    this.instances.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async instanceFor(gateway: string): Promise<NginxInstance> {
    let instance = this.instances.get(gateway);
    if (!instance) {
      instance = new NginxInstance(this.nginx, this.lab, gateway, join(this.dir, gateway), await freePort());
      this.instances.set(gateway, instance);
      await instance.start();
    }
    return instance;
  }
}
