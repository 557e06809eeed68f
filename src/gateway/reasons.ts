/** Why a request ended as it did; every decision carries exactly one. */
export type ReasonCode =
  | 'ALLOW'
  | 'CERT_INVALID'
  | 'CERT_EMPTY'
  | 'CERT_EMPTY_MANAGEABLE'
  | 'APP_NOT_FOUND'
  | 'REAL_SERVER_NOT_FOUND'
  | 'AUTH_REQUIRED'
  | 'NO_POLICY_MATCH'
  | 'POLICY_DENY'
  | 'CERT_REVOKED'
  | 'TAGS_DENY'
  | 'TAGS_NO_MATCH'
  | 'NO_DEVICE_INFO'
  | 'DEVICE_OFFLINE';

/** What a reason means on the wire and for compliance. */
export interface ReasonInfo {
  readonly verdict: 'allow' | 'deny';
  /** The user-facing error code FortiOS 7.4.1+ shows on its block page. */
  readonly fortiosCode: string | undefined;
  readonly httpStatus: number;
  readonly meaning: string;
  /** Controls a decision with this reason evidences. */
  readonly controls: readonly string[];
}

/**
 * The one table of reasons (DESIGN.md §1), checked complete by the compiler. The codes are the
 * block-page codes of "ZTNA troubleshooting with error messages"
 * (https://docs.fortinet.com/document/fortigate/7.6.5/administration-guide/765420), shown from
 * FortiOS 7.4.1 on; before it a deny carries no code (see `fortiosCodeOf`).
 */
export const REASONS = {
  ALLOW: {
    verdict: 'allow',
    fortiosCode: undefined,
    httpStatus: 200,
    meaning: 'certificate (or permitted empty certificate) and a matching accept rule',
    controls: ['AC-3', 'IA-2'],
  },
  CERT_INVALID: {
    verdict: 'deny',
    fortiosCode: '001',
    httpStatus: 403,
    meaning: 'Invalid ZTNA certificate',
    controls: ['IA-3', 'SC-17'],
  },
  CERT_EMPTY: {
    verdict: 'deny',
    fortiosCode: '002',
    httpStatus: 403,
    meaning: 'no certificate and empty-cert-action block',
    controls: ['IA-3', 'AC-14'],
  },
  CERT_EMPTY_MANAGEABLE: {
    verdict: 'deny',
    fortiosCode: '003',
    httpStatus: 403,
    meaning: 'no certificate from a device that is not unmanageable',
    controls: ['IA-3', 'AC-14'],
  },
  // "ZTNA Application Not Found": 021 no API gateway was matched, 022 the API gateway's real
  // server cannot be found (765420).
  APP_NOT_FOUND: {
    verdict: 'deny',
    fortiosCode: '021',
    httpStatus: 403,
    meaning: 'no API gateway of the ZTNA server maps the request',
    controls: ['AC-3', 'CM-7'],
  },
  REAL_SERVER_NOT_FOUND: {
    verdict: 'deny',
    fortiosCode: '022',
    httpStatus: 403,
    meaning: 'the API gateway that maps the request has no active real server',
    controls: ['AC-3'],
  },
  // A rule with users or groups matched all but the user, and the request carries none: FortiOS
  // asks for authentication (the authentication scheme's 401 challenge, or a redirect to the
  // auth portal) before rule processing goes on. It is a challenge, not a block page: no code.
  AUTH_REQUIRED: {
    verdict: 'deny',
    fortiosCode: undefined,
    httpStatus: 401,
    meaning: 'a rule for the destination needs an authenticated user, and the request has none',
    controls: ['IA-2', 'AC-3'],
  },
  NO_POLICY_MATCH: {
    verdict: 'deny',
    fortiosCode: '061',
    httpStatus: 403,
    meaning: 'no proxy rule matched',
    controls: ['AC-3'],
  },
  POLICY_DENY: {
    verdict: 'deny',
    fortiosCode: '062',
    httpStatus: 403,
    meaning: 'a deny rule matched',
    controls: ['AC-3'],
  },
  CERT_REVOKED: {
    verdict: 'deny',
    fortiosCode: '063',
    httpStatus: 403,
    meaning: 'the certificate was revoked on EMS',
    controls: ['IA-5(2)'],
  },
  TAGS_DENY: {
    verdict: 'deny',
    fortiosCode: '064',
    httpStatus: 403,
    meaning: "a deny rule matched on the device's tags",
    controls: ['AC-3'],
  },
  TAGS_NO_MATCH: {
    verdict: 'deny',
    fortiosCode: '065',
    httpStatus: 403,
    meaning: "the device's tags match no rule for the destination",
    controls: ['AC-3'],
  },
  NO_DEVICE_INFO: {
    verdict: 'deny',
    fortiosCode: '066',
    httpStatus: 403,
    meaning: 'the gateway has no endpoint record for the UID',
    controls: ['IA-3'],
  },
  DEVICE_OFFLINE: {
    verdict: 'deny',
    fortiosCode: '067',
    httpStatus: 403,
    meaning: 'the endpoint record says the device is offline',
    controls: ['AC-3'],
  },
} as const satisfies Record<ReasonCode, ReasonInfo>;

export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export const isReasonCode = (value: string): value is ReasonCode => value in REASONS;

/** The reason whose FortiOS code is `code` (a block page shows only the code). */
export const reasonForFortiosCode = (code: string): ReasonCode | undefined =>
  REASON_CODES.find((reason) => REASONS[reason].fortiosCode === code);
