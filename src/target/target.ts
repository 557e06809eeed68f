import type { Identity } from '../forticlient';
import type { DecisionEvidence, ReasonCode } from '../gateway';

/** One request to send: who (an identity, or none), where, as which browser. */
export interface Probe {
  /** The endpoint's name, for evidence; undefined for an anonymous client. */
  readonly endpoint?: string;
  readonly identity?: Identity;
  /** The access proxy to ask, when a lab has several. */
  readonly gateway?: string;
  readonly url: string;
  readonly userAgent?: string;
  /**
   * The address to send from. Wire targets send from it when it is a loopback address
   * (127.0.0.0/8, all local on Linux); another address can only be sent in-process.
   * Default 127.0.0.1.
   */
  readonly sourceAddress?: string;
  /** The lab user the request authenticates as (HTTP basic authentication on the wire), if any. */
  readonly user?: string;
}

/** What came back. `reason` is set only when the target says it (header, body, or in-process). */
export interface Observation {
  readonly verdict: 'allow' | 'deny';
  readonly reason?: ReasonCode;
  readonly fortiosCode?: string;
  readonly httpStatus?: number;
  /** The TLS alert when the handshake itself was refused. */
  readonly tlsAlert?: string;
  readonly detail?: string;
  readonly evidence: Partial<DecisionEvidence>;
}

/** How a report describes the target. */
export interface TargetInfo {
  readonly kind: string;
  readonly url?: string;
  readonly tlsVerify: boolean;
}

/**
 * Where probes go. The in-process engine, the reference proxy over TLS and a real proxy all sit
 * behind this, so every feature runs unchanged on each.
 */
export interface Target {
  readonly info: TargetInfo;
  /** What the target can express; a scenario needing more is reported not applicable. */
  readonly can: { readonly changeState: boolean; readonly showLabView: boolean };
  /**
   * What every answer of this target carries. Where a field is declared, a missing value is an
   * answer (no detail, no rule); where it is not, a check on it is not applicable here.
   */
  readonly reports?: { readonly reason: boolean; readonly detail: boolean; readonly rule: boolean };
  /** Called after every lab state change (a provisioned proxy re-exports and reloads). */
  afterChange(): Promise<void>;
  send(probe: Probe): Promise<Observation>;
  /** Why this probe cannot be sent here (a static target lacks the identity), if it cannot. */
  check?(probe: Probe): { readonly notApplicable: string } | undefined;
  close(): Promise<void>;
}

/** Splits an https URL into the host and path a gateway matches rules on, and the port it names (if any). */
export function hostAndPath(url: string): { host: string; path: string; port?: number } {
  const parsed = new URL(url);
  const where = { host: parsed.hostname, path: `${parsed.pathname}${parsed.search}` };
  return parsed.port === '' ? where : { ...where, port: Number(parsed.port) };
}
