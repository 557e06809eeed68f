import { type IWorldOptions, World } from '@cucumber/cucumber';
import { HarnessError } from '../src/errors';
import type { Identity } from '../src/forticlient';
import { createLab, type Lab, type LabSpec, loadScenario } from '../src/lab';
import { createTarget, type Observation, type Probe, type Target, usesWallClock } from '../src/target';

/** Media type of the evidence each request step attaches; the report formatter reads it. */
export const EVIDENCE_MEDIA_TYPE = 'application/vnd.ztna-harness.evidence+json';

/** Parameters a run passes to every World (cucumber `worldParameters`, so plain JSON). */
export interface ZtnaWorldParameters {
  /** `in-process` (default), `wire` (the reference proxy over TLS), or a target file's path. */
  readonly target?: string;
}

/** The last request and what came back. */
export interface Exchange {
  readonly probe: Probe;
  readonly observation: Observation;
}

/** A request of this scenario with the lab's (EMS's) virtual time it was sent at. */
export interface TimedExchange extends Exchange {
  readonly at: number;
}

/**
 * Per-scenario state: the lab, the target probes go to, identities kept aside under a label,
 * and the last exchange. Steps arrange, call and assert through it; domain logic stays in src/.
 */
export class ZtnaWorld extends World<ZtnaWorldParameters> {
  private built: Lab | undefined;
  private targetInstance: Target | undefined;
  /** Identities kept under a label (a copied certificate and key outlive the store). */
  readonly kept = new Map<string, Identity>();
  /** The access proxy requests go to; the lab's first when unset. */
  gatewayName: string | undefined;
  /** The feature file of the scenario (a step's relative paths start at its folder). */
  featureFile: string | undefined;
  /** The client address of every later request (`Given requests come from address …`). */
  sourceAddress: string | undefined;
  last: Exchange | undefined;
  /** Every request of the scenario, in order (exposure windows are measured on it). */
  readonly exchanges: TimedExchange[] = [];

  constructor(options: IWorldOptions<ZtnaWorldParameters>) {
    super(options);
  }

  /** The lab, built with defaults on first use. */
  async lab(): Promise<Lab> {
    if (!this.built) await this.useLab({});
    return this.built!;
  }

  /** Builds the lab from a spec or a scenario file; a scenario has one lab. */
  async useLab(spec: LabSpec | string): Promise<Lab> {
    if (this.built)
      throw new HarnessError('INVALID_STATE', 'this scenario already has a lab; "Given a ZTNA lab…" must come first');
    const labSpec = typeof spec === 'string' ? loadScenario(spec).spec : spec;
    // A real proxy checks validity against the wall clock, so its lab's clock starts at real now.
    this.built = await createLab(this.wallClock ? { ...labSpec, clockStart: Date.now() } : labSpec);
    return this.built;
  }

  /** Whether the target checks certificate validity against the wall clock (a real proxy). */
  get wallClock(): boolean {
    return usesWallClock(this.parameters.target ?? 'in-process');
  }

  /** The target, created for the lab on first use. */
  async target(): Promise<Target> {
    if (!this.targetInstance) {
      const lab = await this.lab();
      this.targetInstance = await createTarget(this.parameters.target ?? 'in-process', lab);
    }
    return this.targetInstance;
  }

  /**
   * Runs a lab state change, then lets the target catch up (a real proxy reloads). On a target
   * whose state the harness cannot change (static identities), a change other than setting up
   * the lab makes the scenario not applicable.
   */
  async change(action: (lab: Lab) => unknown, kind: 'setup' | 'change' = 'change'): Promise<undefined | 'skipped'> {
    const target = await this.target();
    if (kind === 'change' && !target.can.changeState)
      return this.notApplicable(
        `the ${target.info.kind} target cannot take lab changes: its proxy and identities are not the harness's`,
      );
    await action(await this.lab());
    await target.afterChange();
    return undefined;
  }

  /** Sends a probe through the target and attaches what happened as evidence (unless told not to). */
  async send(probe: Probe, options: { readonly attach?: boolean } = {}): Promise<Observation | 'skipped'> {
    const target = await this.target();
    const sent: Probe = {
      gateway: this.gatewayName,
      ...(this.sourceAddress === undefined ? {} : { sourceAddress: this.sourceAddress }),
      ...probe,
    };
    const inapplicable = target.check?.(sent);
    if (inapplicable) return this.notApplicable(inapplicable.notApplicable);
    const observation = await target.send(sent);
    const at = (await this.lab()).clock.now();
    this.last = { probe, observation };
    this.exchanges.push({ probe, observation, at });
    if (options.attach !== false) await this.attachEvidence({ probe, observation, at });
    return observation;
  }

  /** Attaches the evidence record of one exchange (never key material). */
  async attachEvidence({ probe, observation, at }: TimedExchange): Promise<void> {
    await this.attach(
      JSON.stringify(evidenceOf(probe, observation, await this.target(), at, this.gatewayName)),
      EVIDENCE_MEDIA_TYPE,
    );
  }

  /**
   * Marks the scenario not applicable on this target: attaches the reason as evidence and
   * returns 'skipped', which the report shows as not_applicable (never as passed).
   */
  async notApplicable(reason: string): Promise<'skipped'> {
    await this.attach(JSON.stringify({ kind: 'not-applicable', reason }), EVIDENCE_MEDIA_TYPE);
    return 'skipped';
  }

  /** The last exchange; asserting before any request is a mistake in the feature. */
  get lastExchange(): Exchange {
    if (!this.last) throw new HarnessError('INVALID_STATE', 'no request was sent yet in this scenario');
    return this.last;
  }

  /**
   * Closes what the scenario opened — the target's servers, proxies and connections, then the
   * lab's links — also after a step threw or timed out, so that a run exits once it is done.
   */
  async dispose(): Promise<void> {
    const target = this.targetInstance;
    this.targetInstance = undefined;
    try {
      await target?.close();
    } finally {
      this.built?.dispose();
    }
  }
}

/** The evidence record of one request (never key material). */
function evidenceOf(probe: Probe, o: Observation, target: Target, now: number, gateway: string | undefined) {
  const url = new URL(probe.url);
  return {
    kind: 'decision',
    gateway: o.evidence.gateway ?? gateway ?? null,
    endpoint: probe.endpoint ?? null,
    probe: { host: url.hostname, path: `${url.pathname}${url.search}`, userAgent: probe.userAgent ?? null },
    verdict: o.verdict,
    reason: o.reason ?? null,
    fortiosCode: o.fortiosCode ?? null,
    httpStatus: o.httpStatus ?? null,
    tlsAlert: o.tlsAlert ?? null,
    detail: o.detail ?? null,
    uid: o.evidence.uid ?? probe.identity?.certificate.subjectCN ?? null,
    certificateSerial: o.evidence.certificateSerial ?? probe.identity?.certificate.serial ?? null,
    issuer: o.evidence.issuer ?? probe.identity?.certificate.issuer ?? null,
    fingerprint: o.evidence.fingerprint ?? probe.identity?.certificate.fingerprint ?? null,
    rule: o.evidence.rule ?? null,
    virtualTime: o.evidence.at ?? new Date(now).toISOString(),
    target: target.info.kind,
  };
}
