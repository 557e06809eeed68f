import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { Agent, request } from 'undici';
import { HarnessError } from '../errors';
import type { Identity } from '../forticlient';
import { privateKeyPem } from '../pki';
import { type ResponseReading, readResponse } from './response-reading';
import type { Observation, Probe, Target, TargetInfo } from './target';

/** Where and how the TLS client talks to the proxy it probes. */
export interface TlsClientOptions {
  /** The proxy's base URL; each probe's host goes in SNI and the Host header. */
  readonly url: string;
  /** PEM of the CA that signed the proxy's server certificate. */
  readonly serverCa?: string;
  /** The name the server certificate must carry (default: the URL's host). */
  readonly serverName?: string;
  /** Turns TLS verification of the proxy off: only when a target file says so explicitly. */
  readonly insecure?: boolean;
  readonly timeoutMs?: number;
  readonly reading?: ResponseReading;
  /**
   * The password a lab user authenticates with (HTTP basic authentication), when the proxy
   * authenticates lab users; without it, a probe with a user is not applicable here.
   */
  readonly passwordOf?: (user: string) => string;
}

/** How the harness reads its own proxies (reference proxy, exported nginx and HAProxy): a missing code header means no code. */
export const OWN_PROXY_READING: ResponseReading = { codeFromReason: false };

/** Why the harness cannot send from `address` over loopback, or undefined when it can (127.0.0.0/8: all local on Linux). */
export function loopbackProblem(address: string | undefined): string | undefined {
  if (address === undefined || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)) return undefined;
  return `cannot send from ${address} over loopback: wire targets send only from 127.0.0.0/8`;
}

// Errors that mean the proxy's server certificate was refused by us, not that the proxy refused the client.
const SERVER_VERIFY = /CERT|SELF_SIGNED|ALTNAME|UNABLE_TO_(GET|VERIFY)/;
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * The client side of every proxy target (wire, nginx, HAProxy, a target file): sends each probe
 * as a real HTTPS request with undici, one Agent per identity (its certificate and key), the
 * proxy's CA for verification, the probe's host as SNI. A refused handshake is an
 * observation with its TLS alert; a closed port, an untrusted proxy or silence past the timeout
 * is a target error that fails the scenario with a clear message.
 */
export class TlsClientTarget implements Target {
  readonly info: TargetInfo;
  readonly can = { changeState: true, showLabView: true };
  private readonly agents = new Map<string, Agent>();

  constructor(
    private readonly options: TlsClientOptions,
    kind = 'wire',
    private readonly onChange: () => Promise<void> = async () => {},
  ) {
    this.info = { kind, url: options.url, tlsVerify: !options.insecure };
  }

  afterChange(): Promise<void> {
    return this.onChange();
  }

  /** A probe from an address the harness cannot send from, or with a user it cannot authenticate, is not applicable. */
  check(probe: Probe): { readonly notApplicable: string } | undefined {
    const problem = loopbackProblem(probe.sourceAddress);
    if (problem) return { notApplicable: problem };
    if (probe.user !== undefined && !this.options.passwordOf)
      return { notApplicable: `the ${this.info.kind} target does not authenticate lab users` };
    return undefined;
  }

  async send(probe: Probe): Promise<Observation> {
    const target = new URL(probe.url);
    const base = new URL(this.options.url);
    const url = new URL(`${target.pathname}${target.search}`, base);
    const timeout = this.options.timeoutMs ?? 5_000;
    try {
      const response = await request(url, {
        dispatcher: this.agentFor(probe.identity, target.hostname, probe.sourceAddress),
        headers: { host: target.host, 'user-agent': probe.userAgent ?? 'ztna-harness', ...this.credentials(probe) },
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: AbortSignal.timeout(timeout),
      });
      const body = await response.body.text();
      const read = readResponse(response.statusCode, response.headers, body, this.options.reading);
      const evidence =
        read.apiGateway === undefined ? { rule: read.rule } : { rule: read.rule, apiGateway: read.apiGateway };
      return { ...read, httpStatus: response.statusCode, evidence };
    } catch (error) {
      return this.failure(error, probe, timeout);
    }
  }

  /** Drops every connection at once: a request still pending (its step timed out) must not hold the run open. */
  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((a) => a.destroy()));
  }

  /** `Authorization: Basic base64(user:password)` for a probe with a user (never logged: it holds the password). */
  private credentials(probe: Probe): { authorization?: string } {
    if (probe.user === undefined || !this.options.passwordOf) return {};
    const token = Buffer.from(`${probe.user}:${this.options.passwordOf(probe.user)}`).toString('base64');
    return { authorization: `Basic ${token}` };
  }

  private agentFor(identity: Identity | undefined, sni: string, localAddress: string | undefined): Agent {
    const key = `${identity?.certificate.fingerprint ?? 'none'} ${sni} ${localAddress ?? ''}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const expected = this.options.serverName ?? new URL(this.options.url).hostname;
      agent = new Agent({
        connect: {
          servername: /^[\d.]+$/.test(sni) ? undefined : sni,
          ca: this.options.serverCa,
          cert: identity?.certificate.pem,
          key: identity ? privateKeyPem(identity.key) : undefined,
          rejectUnauthorized: !this.options.insecure,
          checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(expected, cert),
          timeout: this.options.timeoutMs ?? 5_000,
        },
        // The probe's client address (undici binds each connection to it): any of 127.0.0.0/8 is
        // local, so the proxy sees it as the source.
        ...(localAddress === undefined ? {} : { localAddress }),
        connections: 4,
      });
      this.agents.set(key, agent);
    }
    return agent;
  }

  private failure(error: unknown, probe: Probe, timeout: number): Observation {
    const code = String(
      (error as { code?: string }).code ??
        (error as { cause?: { code?: string } }).cause?.code ??
        (error as Error).name,
    );
    const where = `${this.options.url} (for ${probe.url})`;
    if (code === 'ECONNREFUSED')
      throw new HarnessError('TARGET', `cannot connect to the target ${where}: connection refused`, { cause: error });
    if (TIMEOUTS.has(code) || code === 'TimeoutError' || code === 'AbortError')
      throw new HarnessError('TARGET', `the target ${where} did not answer within ${timeout} ms`, { cause: error });
    if (/ALERT/.test(code)) return { verdict: 'deny', tlsAlert: code, evidence: {} };
    if (SERVER_VERIFY.test(code))
      throw new HarnessError(
        'TARGET',
        `the target's server certificate failed verification (${code}); set server-ca in the target file`,
        { cause: error },
      );
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { verdict: 'deny', tlsAlert: code, evidence: {} };
    throw new HarnessError('TARGET', `request to the target ${where} failed: ${code} ${(error as Error).message}`, {
      cause: error,
    });
  }
}
