import type { DecisionEvidence, Evidence } from '../compliance';
import type { Attachment } from './envelope';

/** The media type step definitions attach evidence with. */
export const EVIDENCE_MEDIA_TYPE = 'application/vnd.ztna-harness.evidence+json';

type Json = Record<string, unknown>;

/** The evidence an attachment carries: ztna evidence JSON, text as a note, anything else noted by type. */
export function evidenceOfAttachment(attachment: Attachment): Evidence {
  const body =
    attachment.contentEncoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
  if (attachment.mediaType === EVIDENCE_MEDIA_TYPE) return evidenceOfJson(body);
  if (attachment.mediaType.startsWith('text/')) return { kind: 'note', title: 'log', text: body };
  return {
    kind: 'note',
    title: 'attachment',
    text: `${attachment.mediaType} attachment (${body.length} bytes) not included in the report`,
  };
}

/** Normalises one evidence JSON document; malformed or unknown evidence is kept, never dropped. */
export function evidenceOfJson(body: string): Evidence {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { kind: 'note', title: 'unreadable evidence (not JSON)', text: body.slice(0, 4000) };
  }
  if (!isJson(data)) return { kind: 'other', declaredKind: null, data };
  switch (data.kind) {
    case 'decision':
      return decisionOf(data) ?? { kind: 'other', declaredKind: 'decision', data };
    case 'not-applicable':
      return { kind: 'not-applicable', reason: text(data.reason) ?? 'the target cannot express this scenario' };
    case 'note':
      return { kind: 'note', title: text(data.title) ?? 'note', text: text(data.text) ?? '' };
    default:
      return { kind: 'other', declaredKind: typeof data.kind === 'string' ? data.kind : null, data };
  }
}

function decisionOf(data: Json): DecisionEvidence | undefined {
  if (data.verdict !== 'allow' && data.verdict !== 'deny') return undefined;
  const probe = isJson(data.probe) ? data.probe : {};
  return {
    kind: 'decision',
    gateway: text(data.gateway),
    endpoint: text(data.endpoint),
    probe: { host: text(probe.host), path: text(probe.path), userAgent: text(probe.userAgent) },
    verdict: data.verdict,
    reason: text(data.reason),
    fortiosCode: text(data.fortiosCode),
    httpStatus: typeof data.httpStatus === 'number' && Number.isInteger(data.httpStatus) ? data.httpStatus : null,
    tlsAlert: text(data.tlsAlert),
    detail: text(data.detail),
    uid: text(data.uid),
    certificateSerial: text(data.certificateSerial),
    issuer: text(data.issuer),
    fingerprint: text(data.fingerprint),
    rule: text(data.rule),
    virtualTime: text(data.virtualTime),
    target: text(data.target),
  };
}

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

// Numbers and booleans become text rather than vanishing: evidence is what the target said.
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('\n');
  return null;
}
