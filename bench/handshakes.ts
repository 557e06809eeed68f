import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import { Worker } from 'node:worker_threads';
import { type Measured, significant } from './figures';
import {
  HOST,
  killServers,
  nginxBinary,
  processCpuMs,
  type ServerUnderTest,
  startNginx,
  startNodeBaseline,
  startReferenceServer,
} from './servers';

const THREADS = 2;
/**
 * The exported nginx.conf allows TLS 1.2 and 1.3 (`ssl_protocols`), as Node does. The client pins
 * TLS 1.2 (ECDHE-RSA, AES-GCM), the handshake every earlier run of this race measured, and the
 * phase checks that every server negotiated the same protocol and cipher.
 */
const TLS_VERSION = 'TLSv1.2' as const;
/** Failed requests a race may have (a refused connection under load) before it is not a race of handshakes. */
const MAX_FAILURE_SHARE = 0.01;
const CONCURRENCY = 8;
const WARM_UP_MS = 1_500;
const ROUND_MS = 3_000;
const ROUNDS = 3;

interface Round {
  readonly handshakes: number;
  readonly failures: number;
  readonly ms: number;
  readonly serverCpuMs?: number;
  readonly clientCpuMs: number;
  readonly connections: number;
  readonly lastError?: string;
}

interface WorkerRound {
  readonly ok: number;
  readonly failed: number;
  readonly connections: number;
  readonly ms: number;
  readonly lastError?: string;
}

/**
 * The client both servers get: THREADS worker threads, each an undici Agent with CONCURRENCY /
 * THREADS requests in flight (bench/handshake-worker.js). Two threads, so that the client keeps
 * up with a server that has a whole core: a TLS client pays about as much per handshake as the
 * server (its own RSA signature for the certificate), and with one thread the client, not the
 * server, would set the pace.
 */
class Client {
  private readonly workers: Worker[];

  constructor(server: ServerUnderTest) {
    const workerData = {
      undici: require.resolve('undici'),
      url: server.url,
      host: HOST,
      ca: server.ca,
      cert: server.cert,
      key: server.key,
      concurrency: CONCURRENCY / THREADS,
      maxVersion: TLS_VERSION,
    };
    this.workers = Array.from(
      { length: THREADS },
      () => new Worker(join(__dirname, 'handshake-worker.js'), { workerData }),
    );
  }

  async round(server: ServerUnderTest, ms: number): Promise<Round> {
    const serverCpu = processCpuMs(server.workerPid());
    const clientCpu = process.cpuUsage();
    const results = await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<WorkerRound>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage({ round: ms });
          }),
      ),
    );
    const serverCpuAfter = processCpuMs(server.workerPid());
    const cpu = process.cpuUsage(clientCpu);
    return {
      handshakes: results.reduce((sum, r) => sum + r.ok, 0),
      failures: results.reduce((sum, r) => sum + r.failed, 0),
      connections: results.reduce((sum, r) => sum + r.connections, 0),
      ms: Math.max(...results.map((r) => r.ms)),
      serverCpuMs: serverCpu === undefined || serverCpuAfter === undefined ? undefined : serverCpuAfter - serverCpu,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
      lastError: results.find((r) => r.lastError)?.lastError,
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise((resolve) => {
            worker.once('exit', resolve);
            worker.postMessage({ close: true });
          }),
      ),
    );
  }
}

/** The protocol, cipher and key exchange a server negotiates with this client (both must match for a fair race). */
function negotiatedTls(server: ServerUnderTest): Promise<string> {
  return new Promise((resolve) => {
    const url = new URL(server.url);
    const socket = connect(
      {
        host: url.hostname,
        port: Number(url.port),
        ca: server.ca,
        cert: server.cert,
        key: server.key,
        maxVersion: TLS_VERSION,
        servername: 'localhost',
        checkServerIdentity: (_h: string, c: PeerCertificate) => checkServerIdentity('localhost', c),
      },
      () => {
        const key = socket.getEphemeralKeyInfo() as { name?: string; type?: string };
        resolve(`${socket.getProtocol()} ${socket.getCipher().name} ${key.name ?? key.type ?? ''}`.trim());
        socket.end();
      },
    );
    socket.on('error', (error) => resolve(`error: ${error.message}`));
  });
}

/**
 * Why the race was not fair, or undefined: every server must have negotiated the same TLS as the
 * others (the pinned protocol), answered nearly every request, and opened a connection for each
 * answer (a reused connection would be a request without a handshake).
 */
function unfairness(
  servers: readonly ServerUnderTest[],
  negotiated: readonly string[],
  summaries: readonly ReturnType<typeof summary>[],
): string | undefined {
  if (!negotiated.every((tls) => tls.startsWith(`${TLS_VERSION} `) && tls === negotiated[0])) {
    return `the servers negotiated different TLS: ${servers.map((s, i) => `${s.name}: ${negotiated[i]}`).join('; ')}`;
  }
  for (const [i, r] of summaries.entries()) {
    const name = servers[i]!.name;
    if (r.handshakes === 0) return `${name} answered no request (${r.lastError ?? 'no error seen'})`;
    if (r.failures > r.handshakes * MAX_FAILURE_SHARE)
      return `${name} failed ${r.failures} of ${r.handshakes + r.failures} requests (${r.lastError ?? 'no error seen'})`;
    if (r.connections < r.handshakes)
      return `${name} answered ${r.handshakes} requests over ${r.connections} connections: some reused a connection, without a handshake`;
  }
  return undefined;
}

function summary(rounds: readonly Round[]) {
  const total = (f: (r: Round) => number) => rounds.reduce((sum, r) => sum + f(r), 0);
  const handshakes = total((r) => r.handshakes);
  const seconds = total((r) => r.ms) / 1000;
  const serverCpu = rounds.every((r) => r.serverCpuMs !== undefined) ? total((r) => r.serverCpuMs!) : undefined;
  return {
    handshakesPerSecond: significant(handshakes / seconds),
    handshakes,
    failures: total((r) => r.failures),
    connections: total((r) => r.connections),
    serverCpuMsPerHandshake: serverCpu === undefined ? null : significant(serverCpu / handshakes),
    serverCpuBusy: serverCpu === undefined ? null : significant(serverCpu / 1000 / seconds),
    clientCpuMsPerHandshake: significant(total((r) => r.clientCpuMs) / handshakes),
    lastError: rounds.find((r) => r.lastError)?.lastError ?? null,
  };
}

/**
 * Full mTLS handshakes per second: the reference access proxy (`ztna-harness serve`, one Node
 * process) against nginx with the exported configuration (`worker_processes 1`), both on the
 * same lab and certificate sizes, driven by the same undici client from this process: a new
 * connection per request, no session resumption, CONCURRENCY requests in flight, alternating
 * rounds of equal length after a warm-up of each.
 */
export async function measure(): Promise<Measured[]> {
  const nginx = nginxBinary();
  if (!nginx) {
    const note = 'nginx is not installed (Debian: nginx-light); set ZTNA_HARNESS_NGINX';
    return [
      { name: 'proxy_vs_nginx_handshakes', value: null, note },
      { name: 'proxy_vs_nginx_server_cpu', value: null, note },
    ];
  }
  const dir = mkdtempSync(join(tmpdir(), 'ztna-bench-'));
  const servers: ServerUnderTest[] = [];
  const stopAll = async () => {
    for (const server of servers.splice(0).reverse()) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  // bench/run.ts sends SIGTERM on a timeout: no server may outlive the phase, even half started.
  const onTerm = () => {
    killServers();
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  };
  process.once('SIGTERM', onTerm);
  process.once('exit', killServers);
  try {
    servers.push(await startReferenceServer(join(dir, 'reference')));
    servers.push(await startNginx(nginx, join(dir, 'nginx')));
    servers.push(await startNodeBaseline(join(dir, 'reference')));
    const clients = servers.map((server) => new Client(server));
    for (let i = 0; i < servers.length; i++) await clients[i]!.round(servers[i]!, WARM_UP_MS);
    const rounds: Round[][] = servers.map(() => []);
    for (let r = 0; r < ROUNDS; r++)
      for (let i = 0; i < servers.length; i++) rounds[i]!.push(await clients[i]!.round(servers[i]!, ROUND_MS));
    await Promise.all(clients.map((c) => c.close()));
    const negotiated = await Promise.all(servers.map(negotiatedTls));
    const summaries = rounds.map(summary);
    const [reference, nginxSummary, baseline] = summaries as [
      ReturnType<typeof summary>,
      ReturnType<typeof summary>,
      ReturnType<typeof summary>,
    ];
    const unfair = unfairness(servers, negotiated, summaries);
    if (unfair) {
      const note = `not a fair race: ${unfair}`;
      return [
        { name: 'proxy_vs_nginx_handshakes', value: null, note },
        { name: 'proxy_vs_nginx_server_cpu', value: null, note },
      ];
    }
    const details = {
      referenceProxy: { ...reference, tls: negotiated[0] },
      nginx: { ...nginxSummary, tls: negotiated[1] },
      // Context, not a contender: what Node's TLS and HTTP server alone cost per handshake.
      nodeHttpsBaseline: { ...baseline, tls: negotiated[2] },
    };
    const floor =
      baseline.serverCpuMsPerHandshake && nginxSummary.serverCpuMsPerHandshake
        ? significant(nginxSummary.serverCpuMsPerHandshake / baseline.serverCpuMsPerHandshake)
        : null;
    const line = (name: string, r: typeof reference) =>
      `${name} ${r.handshakesPerSecond}/s (${r.serverCpuMsPerHandshake} ms CPU each, ${Math.round((r.serverCpuBusy ?? 0) * 100)}% busy)`;
    const summaryLine = `${line('reference proxy', reference)}, ${line('nginx', nginxSummary)}, bare Node https ${baseline.serverCpuMsPerHandshake} ms CPU each; ${negotiated[0]}`;
    const clientBound = `nginx's worker was ${Math.round((nginxSummary.serverCpuBusy ?? 0) * 100)}% busy, the reference proxy ${Math.round((reference.serverCpuBusy ?? 0) * 100)}%`;
    return [
      {
        name: 'proxy_vs_nginx_handshakes',
        value: significant(reference.handshakesPerSecond / nginxSummary.handshakesPerSecond),
        note: `undici in ${THREADS} threads, ${CONCURRENCY} requests in flight, a new TLS 1.2 connection per request (Connection: close, no session resumption; checked: a connection per answer, the same protocol and cipher on every server), RSA-2048 keys both sides, ${ROUNDS} alternating ${ROUND_MS / 1000} s rounds per server; ${clientBound}`,
        details,
        summary: summaryLine,
        ifMissed: `the reference proxy needs more CPU per handshake (see proxy_vs_nginx_server_cpu); ${clientBound}`,
      },
      {
        name: 'proxy_vs_nginx_server_cpu',
        value:
          reference.serverCpuMsPerHandshake && nginxSummary.serverCpuMsPerHandshake
            ? significant(nginxSummary.serverCpuMsPerHandshake / reference.serverCpuMsPerHandshake)
            : null,
        note: `nginx's CPU ms per handshake ÷ the reference proxy's (/proc utime + stime of each server process over the same rounds): ${nginxSummary.serverCpuMsPerHandshake} ÷ ${reference.serverCpuMsPerHandshake}`,
        details,
        ifMissed:
          floor !== null && floor < 0.8
            ? `a bare Node https server already reaches only ${floor} of nginx here (nodeHttpsBaseline: ${baseline.serverCpuMsPerHandshake} ms per handshake): Node's TLSSocket and HTTP server set-up per connection; on top, the reference proxy's own per-connection work (src/server/reference-proxy.ts)`
            : `a bare Node https server reaches ${floor} of nginx here (${baseline.serverCpuMsPerHandshake} ms per handshake), the reference proxy ${reference.serverCpuMsPerHandshake} ms: the difference is its own per-request work (src/server/reference-proxy.ts: reading the handshake's certificate with getPeerX509Certificate and fingerprint256, the decision, the JSON answer; some 10 µs each in place) and its heap — run from a checkout through ts-node, the TypeScript compiler stays in memory (about 78 MB against 10 MB compiled), so each full GC during the race costs more`,
      },
    ];
  } finally {
    await stopAll();
    process.off('SIGTERM', onTerm);
    process.off('exit', killServers);
  }
}
