import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { exportLab } from '../src/export';
import { createLab, loadScenario } from '../src/lab';
import { freePort } from '../src/target/free-port';
import { sleep } from './timing';

const ROOT = join(__dirname, '..');
/** The lab both servers enforce: laptop-1 may reach intranet.example.com. */
export const SCENARIO = join(ROOT, 'scenarios', 'single-site.yaml');
export const IDENTITY = 'laptop-1';
export const HOST = 'intranet.example.com';

/** A server under test, in a process of its own, and the TLS material a client needs for it. */
export interface ServerUnderTest {
  readonly name: string;
  readonly url: string;
  /** The process that does the work (nginx's worker, not its master). */
  readonly workerPid: () => number | undefined;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
  stop(): Promise<void>;
}

/** The nginx binary, or undefined. */
export function nginxBinary(): string | undefined {
  return [process.env.ZTNA_HARNESS_NGINX, 'nginx', '/usr/sbin/nginx'].find(
    (c) => c && spawnSync(c, ['-v'], { stdio: 'ignore' }).status === 0,
  );
}

/** Every server process this module started and that has not exited yet. */
const running = new Set<ChildProcess>();

/**
 * Stops every server still running, at once, for a phase being torn down: SIGTERM, which nginx's
 * master passes on to its worker (a SIGKILLed master would leave the worker behind).
 */
export function killServers(): void {
  for (const child of running) child.kill('SIGTERM');
}

/** Spawns a server process and keeps track of it until it exits. */
function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
  };
}

/** Polls GET / until the server answers over TLS (any status) or `ms` pass. */
async function waitUntilServing(
  port: number,
  ca: string,
  child: ChildProcess,
  ms: number,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${log().trim()}`);
    const answered = await new Promise<boolean>((resolve) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port, path: '/', ca, servername: 'localhost', agent: false, timeout: 1_000 },
        (res) => {
          res.resume();
          resolve(true);
        },
      );
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    if (answered) return;
    await sleep(50);
  }
  throw new Error(`the server did not answer on port ${port} within ${ms} ms: ${log().trim()}`);
}

const identityOf = (dir: string) => ({
  ca: readFileSync(join(dir, 'server-ca.pem'), 'utf8'),
  cert: readFileSync(join(dir, 'identities', `${IDENTITY}.crt`), 'utf8'),
  key: readFileSync(join(dir, 'identities', `${IDENTITY}.key`), 'utf8'),
});

/** `ztna-harness serve` (the reference access proxy) in its own Node process. */
export async function startReferenceServer(dir: string): Promise<ServerUnderTest> {
  const port = await freePort();
  // ZTNA_BENCH_SERVER_PROFILE=DIR writes a CPU profile of the reference proxy there (on exit).
  const profile = process.env.ZTNA_BENCH_SERVER_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ZTNA_BENCH_SERVER_PROFILE}`]
    : [];
  const child = track(
    spawn(
      process.execPath,
      [
        ...profile,
        join(ROOT, 'bin', 'ztna-harness.js'),
        'serve',
        '--scenario',
        SCENARIO,
        '--port',
        String(port),
        '--export',
        dir,
      ],
      {
        env: { ...process.env, ZTNA_HARNESS_ADMIN_TOKEN: randomBytes(16).toString('hex') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (!/reference access proxy/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`ztna-harness serve did not start: ${output.trim()}`);
    await sleep(50);
  }
  const tls = identityOf(dir);
  await waitUntilServing(port, tls.ca, child, 10_000, () => output);
  return {
    name: 'reference proxy',
    url: `https://127.0.0.1:${port}`,
    workerPid: () => child.pid,
    ...tls,
    stop: stopper(child),
  };
}

/** nginx with the configuration `exportLab` writes for the same scenario (worker_processes 1). */
export async function startNginx(nginx: string, dir: string): Promise<ServerUnderTest> {
  const port = await freePort();
  const lab = await createLab({ ...loadScenario(SCENARIO).spec, clockStart: Date.now() });
  await exportLab(lab, dir, { port });
  lab.close();
  const child = track(
    spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const tls = identityOf(dir);
  await waitUntilServing(port, tls.ca, child, 10_000, () => output);
  const workerPid = () => {
    try {
      return (
        Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]) ||
        undefined
      );
    } catch {
      return undefined;
    }
  };
  return { name: 'nginx', url: `https://127.0.0.1:${port}`, workerPid, ...tls, stop: stopper(child) };
}

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is not readable. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces, hence the last ')').
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return undefined;
  }
}

/**
 * The floor any Node server pays: a bare `https.createServer` asking for a client certificate and
 * answering 200, with the reference proxy's server key and certificate (from its export `dir`).
 */
export async function startNodeBaseline(dir: string): Promise<ServerUnderTest> {
  const port = await freePort();
  const code = [
    "const fs = require('node:fs'); const https = require('node:https'); const d = process.argv[1];",
    "https.createServer({ cert: fs.readFileSync(d + '/server.crt'), key: fs.readFileSync(d + '/server.key'), requestCert: true, rejectUnauthorized: false },",
    "  (req, res) => { res.writeHead(200, { 'x-ztna-reason': 'ALLOW', 'content-type': 'application/json' }); res.end('{}'); })",
    `  .listen(${port}, '127.0.0.1');`,
  ].join('\n');
  const child = track(spawn(process.execPath, ['-e', code, dir], { stdio: ['ignore', 'ignore', 'pipe'] }));
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const tls = identityOf(dir);
  await waitUntilServing(port, tls.ca, child, 10_000, () => output);
  return {
    name: 'node https baseline',
    url: `https://127.0.0.1:${port}`,
    workerPid: () => child.pid,
    ...tls,
    stop: stopper(child),
  };
}
