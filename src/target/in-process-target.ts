import type { Gateway } from '../gateway';
import { hostAndPath, type Observation, type Probe, type Target, type TargetInfo } from './target';

/** The embedded default: probes go straight to `gateway.decide()`, no network. */
export class InProcessTarget implements Target {
  readonly info: TargetInfo = { kind: 'in-process', tlsVerify: true };
  readonly can = { changeState: true, showLabView: true };
  readonly reports = { reason: true, detail: true, rule: true };

  constructor(private readonly gatewayNamed: (name?: string) => Gateway) {}

  async afterChange(): Promise<void> {}

  async send(probe: Probe): Promise<Observation> {
    const decision = this.gatewayNamed(probe.gateway).decide({
      certificate: probe.identity?.certificate,
      ...hostAndPath(probe.url),
      userAgent: probe.userAgent,
      sourceAddress: probe.sourceAddress,
      user: probe.user,
    });
    return { ...decision, evidence: decision.evidence };
  }

  async close(): Promise<void> {}
}
