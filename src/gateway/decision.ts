import type { Certificate } from '../pki';
import { REASONS, type ReasonCode } from './reasons';

/** How the gateway classified the device. */
export type DeviceClass = 'managed' | 'unmanageable' | 'unknown';

/** One HTTPS request as the access proxy sees it. */
export interface AccessRequest {
  /** The client certificate presented in the TLS handshake, if any. */
  readonly certificate?: Certificate;
  readonly host: string;
  readonly path: string;
  /** The port of the request's URL; picks the ZTNA server whose VIP listens there. */
  readonly port?: number;
  readonly userAgent?: string;
  /** The client's address as the access proxy's socket sees it (default 127.0.0.1, the harness's loopback). */
  readonly sourceAddress?: string;
  /** The user the request authenticated as (after the authentication scheme's challenge), if any. */
  readonly user?: string;
}

/** What a decision records for the report. Never key material. */
export interface DecisionEvidence {
  readonly gateway: string;
  readonly at: string;
  readonly uid?: string;
  readonly certificateSerial?: string;
  readonly issuer?: string;
  readonly fingerprint?: string;
  readonly rule?: string;
  /** Where the deciding rule was declared (file:line), when known. */
  readonly ruleAt?: string;
  /** The ZTNA server (access proxy) the request reached. */
  readonly accessProxy?: string;
  /** The id of the API gateway that mapped the request. */
  readonly apiGateway?: number;
  readonly sourceAddress?: string;
  readonly user?: string;
  readonly deviceClass?: DeviceClass;
  readonly tags?: readonly string[];
}

/** The result of every request: a value, never an exception. */
export interface Decision {
  readonly verdict: 'allow' | 'deny';
  readonly reason: ReasonCode;
  readonly fortiosCode?: string;
  readonly httpStatus: number;
  readonly detail?: string;
  readonly evidence: DecisionEvidence;
}

/**
 * Builds a decision whose verdict, code and status follow from its reason. `showsCodes` false is
 * a FortiOS before 7.4.1, whose block page carries no error code.
 */
export function decisionOf(
  reason: ReasonCode,
  evidence: DecisionEvidence,
  detail?: string,
  showsCodes = true,
): Decision {
  // Literals, not `{ ...(x ? { y } : {}) }`: V8 (Node 20) takes a slow runtime path for a spread
  // followed by more properties, ~2 µs a decision. Same keys, same order.
  const { verdict, fortiosCode, httpStatus } = REASONS[reason];
  if (fortiosCode && showsCodes)
    return detail
      ? { verdict, reason, fortiosCode, httpStatus, detail, evidence }
      : { verdict, reason, fortiosCode, httpStatus, evidence };
  return detail ? { verdict, reason, httpStatus, detail, evidence } : { verdict, reason, httpStatus, evidence };
}
