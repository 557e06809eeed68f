import { isReasonCode, REASONS, type ReasonCode, reasonForFortiosCode } from '../gateway';

/** How to read a decision from an HTTP response (a target file's `response:` section). */
export interface ResponseReading {
  /** Statuses that mean allowed (default: 200–399). */
  readonly allowStatus?: readonly number[];
  /** Header carrying a reason code (default `X-ZTNA-Reason`, as the reference proxy and the exported nginx config send). */
  readonly reasonHeader?: string;
  /** Header carrying the FortiOS 3-digit code. */
  readonly codeHeader?: string;
  /** Regex over the body whose first group is the FortiOS code (a FortiGate block page). */
  readonly bodyCodePattern?: string;
  readonly detailHeader?: string;
  readonly ruleHeader?: string;
  /**
   * Whether a response that names its reason but no code gets the reason's FortiOS code from the
   * table (default true). The harness's own proxies send the code whenever the decision has one,
   * so for them no code is an answer: a FortiOS before 7.4.1 shows none.
   */
  readonly codeFromReason?: boolean;
}

const DEFAULT_READING: Required<Omit<ResponseReading, 'allowStatus' | 'bodyCodePattern' | 'codeFromReason'>> = {
  reasonHeader: 'x-ztna-reason',
  codeHeader: 'x-ztna-fortios-code',
  detailHeader: 'x-ztna-detail',
  ruleHeader: 'x-ztna-rule',
};

/** What one response says: verdict always, reason and code when the target tells them. */
export interface ReadResponse {
  readonly verdict: 'allow' | 'deny';
  readonly reason?: ReasonCode;
  readonly fortiosCode?: string;
  readonly detail?: string;
  readonly rule?: string;
  /** The id of the API gateway that mapped the request, when the target names it (X-ZTNA-Api-Gateway). */
  readonly apiGateway?: number;
}

type Headers = Record<string, string | string[] | undefined>;

/** A header's value; an empty one (HAProxy sends a header whose variable is unset) is none. */
const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) || undefined;
};

/** The harness's own proxies name the API gateway that mapped a request (FortiOS's block page does not). */
function apiGatewayOf(headers: Headers): { apiGateway?: number } {
  const id = header(headers, 'x-ztna-api-gateway');
  return id !== undefined && /^\d{1,9}$/.test(id) ? { apiGateway: Number(id) } : {};
}

/** Reads the verdict, reason, FortiOS code, detail and rule from a response. */
export function readResponse(
  status: number,
  headers: Headers,
  body: string,
  reading: ResponseReading = {},
): ReadResponse {
  const given = Object.fromEntries(Object.entries(reading).filter(([, v]) => v !== undefined));
  const r = { ...DEFAULT_READING, ...given };
  const allowed = reading.allowStatus ? reading.allowStatus.includes(status) : status >= 200 && status < 400;
  const named = header(headers, r.reasonHeader);
  let code = header(headers, r.codeHeader);
  if (!code && reading.bodyCodePattern) code = new RegExp(reading.bodyCodePattern).exec(body)?.[1];
  const reason =
    named && isReasonCode(named) ? named : code ? reasonForFortiosCode(code) : allowed ? 'ALLOW' : undefined;
  return {
    verdict: allowed ? 'allow' : 'deny',
    reason,
    fortiosCode: code ?? (reason && reading.codeFromReason !== false ? REASONS[reason].fortiosCode : undefined),
    detail: header(headers, r.detailHeader),
    rule: header(headers, r.ruleHeader),
    ...apiGatewayOf(headers),
  };
}
