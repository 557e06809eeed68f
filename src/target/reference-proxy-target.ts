import { randomBytes, timingSafeEqual } from 'node:crypto';
import { proxyTlsOf } from '../export/proxy-tls';
import type { Lab } from '../lab';
import { privateKeyPem } from '../pki';
import { type RunningProxy, startReferenceProxy } from '../server/reference-proxy';
import type { Observation, Probe, Target, TargetInfo } from './target';
import { loopbackProblem, OWN_PROXY_READING, TlsClientTarget } from './tls-client-target';

/**
 * The `wire` profile: each gateway of the lab behind its own reference access proxy on a free
 * loopback port (started on first use), probed over real TLS by a TlsClientTarget (the client; this class runs the proxy).
 */
export class ReferenceProxyTarget implements Target {
  readonly info: TargetInfo = { kind: 'wire', url: 'https://127.0.0.1 (reference access proxy)', tlsVerify: true };
  readonly can = { changeState: true, showLabView: true };
  readonly reports = { reason: true, detail: true, rule: true };
  private readonly running = new Map<string, { proxy: RunningProxy; wire: TlsClientTarget }>();
  /**
   * The password every lab user authenticates with on this target's proxies: random per target,
   * held in memory only (never logged, never in a report), so that only this target's probes
   * carry a user.
   */
  private readonly password = Buffer.from(randomBytes(24).toString('base64url'));

  constructor(private readonly lab: Lab) {}

  async afterChange(): Promise<void> {}

  /** Only loopback source addresses can be sent from (see TlsClientTarget.check). */
  check(probe: Probe): { readonly notApplicable: string } | undefined {
    const problem = loopbackProblem(probe.sourceAddress);
    return problem ? { notApplicable: problem } : undefined;
  }

  /** Any lab user name with this target's password: the engine decides what the user may reach. */
  private authenticate(password: string): boolean {
    const given = Buffer.from(password);
    return given.length === this.password.length && timingSafeEqual(given, this.password);
  }

  async send(probe: Probe): Promise<Observation> {
    return (await this.proxyFor(probe.gateway ?? this.lab.gateway().name)).wire.send(probe);
  }

  async close(): Promise<void> {
    for (const { proxy, wire } of this.running.values()) {
      await wire.close();
      await proxy.close();
    }
    this.running.clear();
  }

  private async proxyFor(name: string) {
    let entry = this.running.get(name);
    if (!entry) {
      const gateway = this.lab.gateway(name);
      const tls = await proxyTlsOf(this.lab);
      const proxy = await startReferenceProxy({
        decide: (request) => gateway.decide(request),
        authenticate: (_user, password) => this.authenticate(password),
        cert: tls.server.certificate.pem,
        key: privateKeyPem(tls.server.key),
      });
      const wire = new TlsClientTarget({
        url: proxy.url,
        serverCa: tls.ca.pem,
        serverName: 'localhost',
        passwordOf: () => this.password.toString(),
        reading: OWN_PROXY_READING,
      });
      entry = { proxy, wire };
      this.running.set(name, entry);
    }
    return entry;
  }
}
